package dev.cutover.benchmark.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.HdrHistogram.Histogram;

import dev.cutover.suite.DataProfile;
import dev.cutover.suite.QueryDefinition;
import dev.cutover.suite.Suite;

/**
 * N clients, each on its own connection, run a weighted mix of a suite's queries back to back for a
 * fixed time (the seeds' "200 concurrent, avg < 500 ms" is one plan's criterion; any N and T work).
 * Each client draws its queries and parameters from its own seeded stream and records latencies in
 * its own HdrHistogram; the histograms are merged at the end. Queries whose requirements the target
 * lacks are left out of the mix and named.
 */
public final class LoadTest {

    private static final int KEPT_ERROR_MESSAGES = 5;
    private static final Duration PROFILE_TIMEOUT = Duration.ofMinutes(10);

    /** Clients, how long they run, the seed of their draws, and the statement timeout of each query. */
    public record Settings(int clients, Duration duration, long seed, Duration statementTimeout) {

        public Settings {
            if (clients < 1 || duration.isNegative() || duration.isZero() || statementTimeout.isNegative()
                    || statementTimeout.isZero()) {
                throw new IllegalArgumentException("need clients >= 1 and positive duration and statement timeout, got "
                        + clients + ", " + duration + ", " + statementTimeout);
            }
        }
    }

    /**
     * What the clients achieved: operations and errors (error rate = errors / (operations + errors)),
     * throughput over the measured wall time, latency of successful operations in milliseconds, and
     * how many operations each query got.
     */
    public record Result(int clients, double seconds, long operations, long errors, double errorRate,
            double throughputPerSecond, double meanMillis, double p50Millis, double p95Millis, double p99Millis,
            double maxMillis, Map<String, Long> operationsPerQuery, Map<String, String> leftOut,
            List<String> errorMessages) {
    }

    private final BenchmarkRunner.Target target;
    private final Settings settings;

    public LoadTest(BenchmarkRunner.Target target, Settings settings) {
        this.target = target;
        this.settings = settings;
    }

    public Result run(Suite suite, List<QueryDefinition> queries) {
        List<Connection> connections = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        try {
            // Profiling reads the whole table: it gets its own connection, not the clients' timeout.
            Connection control = BenchmarkRunner.connect(target, PROFILE_TIMEOUT);
            connections.add(control);
            DataProfile profile = BenchmarkRunner.profile(control, suite);
            Map<String, String> leftOut = new LinkedHashMap<>();
            List<QueryDefinition> mix = new ArrayList<>();
            for (QueryDefinition query : queries) {
                BenchmarkRunner.unmetRequirement(query, control)
                        .ifPresentOrElse(reason -> leftOut.put(query.id(), reason), () -> mix.add(query));
            }
            List<Connection> clientConnections = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                clientConnections.add(BenchmarkRunner.connect(target, settings.statementTimeout()));
                connections.add(clientConnections.get(i));
            }
            if (mix.isEmpty()) {
                throw new BenchmarkException("no query of suite '" + suite.name() + "' can run on this target: " + leftOut, null);
            }
            return measure(mix, profile, clientConnections, clients, leftOut);
        } finally {
            clients.shutdownNow();
            connections.forEach(BenchmarkRunner::closeQuietly);
        }
    }

    /** One client's tally. */
    private static final class Tally {
        final Histogram latencies = new Histogram(3);
        final Map<String, Long> perQuery = new HashMap<>();
        final List<String> errorMessages = new ArrayList<>();
        long errors;
    }

    private Result measure(List<QueryDefinition> mix, DataProfile profile, List<Connection> connections,
            ExecutorService clients, Map<String, String> leftOut) {
        double[] cumulative = new double[mix.size()];
        double sum = 0;
        for (int i = 0; i < mix.size(); i++) {
            sum += mix.get(i).weight();
            cumulative[i] = sum;
        }
        double totalWeight = sum;
        long started = System.nanoTime();
        long deadline = started + settings.duration().toNanos();
        List<Future<Tally>> futures = new ArrayList<>();
        for (int c = 0; c < connections.size(); c++) {
            Connection connection = connections.get(c);
            SplittableRandom random = new SplittableRandom(settings.seed() + c);
            futures.add(clients.submit(() -> client(connection, random, mix, cumulative, totalWeight, profile, deadline)));
        }
        Tally all = new Tally();
        for (Future<Tally> future : futures) {
            Tally tally = await(future);
            all.latencies.add(tally.latencies);
            tally.perQuery.forEach((query, count) -> all.perQuery.merge(query, count, Long::sum));
            all.errors += tally.errors;
            tally.errorMessages.stream().limit(KEPT_ERROR_MESSAGES - all.errorMessages.size())
                    .forEach(all.errorMessages::add);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long operations = all.latencies.getTotalCount();
        Map<String, Long> perQuery = new LinkedHashMap<>();
        mix.forEach(q -> perQuery.put(q.id(), all.perQuery.getOrDefault(q.id(), 0L)));
        return new Result(connections.size(), seconds, operations, all.errors,
                operations + all.errors == 0 ? 0 : (double) all.errors / (operations + all.errors), operations / seconds,
                millis(all.latencies.getMean()), millis(all.latencies.getValueAtPercentile(50)),
                millis(all.latencies.getValueAtPercentile(95)), millis(all.latencies.getValueAtPercentile(99)),
                millis(all.latencies.getMaxValue()), perQuery, leftOut, List.copyOf(all.errorMessages));
    }

    private static Tally client(Connection connection, SplittableRandom random, List<QueryDefinition> mix,
            double[] cumulative, double totalWeight, DataProfile profile, long deadline) throws SQLException {
        Tally tally = new Tally();
        Map<String, PreparedStatement> statements = new HashMap<>();
        try {
            while (System.nanoTime() < deadline) {
                QueryDefinition query = pick(mix, cumulative, random.nextDouble() * totalWeight);
                PreparedStatement statement = statements.get(query.id());
                if (statement == null) {
                    statement = connection.prepareStatement(query.sql().jdbcSql());
                    statements.put(query.id(), statement);
                }
                query.bind(statement, query.draw(profile, random));
                long t0 = System.nanoTime();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        // read every row, as an application would
                    }
                    tally.latencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                    tally.perQuery.merge(query.id(), 1L, Long::sum);
                } catch (SQLException e) {
                    tally.errors++;
                    if (tally.errorMessages.size() < KEPT_ERROR_MESSAGES) {
                        tally.errorMessages.add(query.id() + ": " + e.getMessage());
                    }
                }
            }
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
        return tally;
    }

    private static QueryDefinition pick(List<QueryDefinition> mix, double[] cumulative, double point) {
        for (int i = 0; i < cumulative.length; i++) {
            if (point < cumulative[i]) {
                return mix.get(i);
            }
        }
        return mix.get(mix.size() - 1);
    }

    private static Tally await(Future<Tally> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while the load test ran", e);
        } catch (ExecutionException e) {
            throw new BenchmarkException("a load-test client failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static double millis(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
