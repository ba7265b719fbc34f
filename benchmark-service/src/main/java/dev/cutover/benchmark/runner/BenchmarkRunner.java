package dev.cutover.benchmark.runner;

import dev.cutover.suite.DataProfile;
import dev.cutover.suite.QueryDefinition;
import dev.cutover.suite.Requirement;
import dev.cutover.suite.Suite;
import dev.cutover.suite.explain.ExplainEvidence;
import dev.cutover.suite.explain.QueryExplainer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a suite's queries against a target: warm-up of each, then the measured iterations in rounds over
 * all queries, spread over N connections (one thread each), then one EXPLAIN (ANALYZE, BUFFERS) sample
 * per query. A failing iteration is counted with its message and the run goes on.
 */
public final class BenchmarkRunner {

    /** Where to connect. */
    public record Target(String jdbcUrl, String user, String password) {
    }

    private static final int KEPT_ERROR_MESSAGES = 5;
    // the EXPLAIN sample draws its own parameters
    private static final long EXPLAIN_STREAM = 0x45585054L;

    private final Target target;
    private final RunSettings settings;

    public BenchmarkRunner(Target target, RunSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    public Target target() {
        return target;
    }

    public BenchmarkRun run(Suite suite, List<QueryDefinition> queries, ProgressListener listener) {
        Instant started = Instant.now();
        List<Connection> connections = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        try {
            for (int i = 0; i < settings.concurrency(); i++) {
                connections.add(connect());
            }
            DataProfile profile = profile(connections.get(0), suite);
            List<QueryResult> results = runQueries(queries, profile, connections, workers, listener);
            return new BenchmarkRun(suite.name(), settings, profile, started, Instant.now(), List.copyOf(results));
        } finally {
            workers.shutdownNow();
            connections.forEach(BenchmarkRunner::closeQuietly);
        }
    }

    private Connection connect() {
        return connect(target, settings.statementTimeout());
    }

    /** A connection whose every statement is cut off after {@code statementTimeout}. */
    static Connection connect(Target target, Duration statementTimeout) {
        try {
            Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = " + statementTimeout.toMillis());
            }
            return connection;
        } catch (SQLException e) {
            throw new BenchmarkException("cannot connect to " + target.jdbcUrl() + " as " + target.user() + ": " + e.getMessage(), e);
        }
    }

    static DataProfile profile(Connection connection, Suite suite) {
        try {
            return DataProfile.read(connection, suite.target());
        } catch (SQLException e) {
            throw new BenchmarkException("cannot profile " + suite.target().table() + " for suite '" + suite.name() + "': "
                    + e.getMessage(), e);
        }
    }

    /** A query that runs, with its measured iterations so far and its workers' parameter streams. */
    private static final class Measured {
        final QueryDefinition query;
        final long seed;
        final Measurement measurement;
        final SplittableRandom[] streams;

        Measured(QueryDefinition query, long seed, int iterations, int workers) {
            this.query = query;
            this.seed = seed;
            this.measurement = new Measurement(iterations);
            this.streams = streams(seed, workers);
        }
    }

    /** Each worker its own stream, so the draws do not depend on thread scheduling. */
    private static SplittableRandom[] streams(long seed, int workers) {
        SplittableRandom[] streams = new SplittableRandom[workers];
        for (int w = 0; w < workers; w++) {
            streams[w] = new SplittableRandom(seed + w);
        }
        return streams;
    }

    private List<QueryResult> runQueries(List<QueryDefinition> queries, DataProfile profile, List<Connection> connections,
                                         ExecutorService workers, ProgressListener listener) {
        Connection first = connections.get(0);
        Map<String, QueryResult> results = new HashMap<>();
        List<Measured> measured = new ArrayList<>();
        for (QueryDefinition query : queries) {
            Optional<String> unmet = unmetRequirement(query, first);
            if (unmet.isPresent()) {
                QueryResult result = QueryResult.skipped(query.id(), query.name(), unmet.get());
                listener.finished(result);
                results.put(query.id(), result);
            } else {
                long seed = settings.seed() ^ ((long) query.id().hashCode() << 32);
                measured.add(new Measured(query, seed, settings.iterations(), connections.size()));
            }
        }
        for (Measured m : measured) {
            // warm-up replays the measured iterations' own draws: the pages they touch are then cached in
            // every run alike, else a second run with the same seed finds the first run's pages and looks faster
            measure(m.query, profile, connections, workers, new Measurement(settings.warmupIterations()),
                    0, settings.warmupIterations(), streams(m.seed, connections.size()), ProgressListener.NONE);
        }
        // rounds over all queries: each query samples the whole run's time, not one short window of a busy machine
        int iterations = settings.iterations();
        for (int round = 0; round < settings.rounds(); round++) {
            int from = (int) ((long) iterations * round / settings.rounds());
            int to = (int) ((long) iterations * (round + 1) / settings.rounds());
            for (Measured m : measured) {
                measure(m.query, profile, connections, workers, m.measurement, from, to, m.streams, listener);
            }
        }
        for (Measured m : measured) {
            QueryResult result = result(m, profile, first);
            listener.finished(result);
            results.put(m.query.id(), result);
        }
        return queries.stream().map(q -> results.get(q.id())).toList();
    }

    static Optional<String> unmetRequirement(QueryDefinition query, Connection connection) {
        try {
            for (Requirement requirement : query.requires()) {
                Optional<String> unmet = requirement.unmetOn(connection);
                if (unmet.isPresent()) {
                    return unmet;
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("cannot check its requirements: " + e.getMessage());
        }
    }

    private static QueryResult result(Measured m, DataProfile profile, Connection connection) {
        ExplainEvidence explain = null;
        String explainError = null;
        try {
            explain = QueryExplainer.explain(connection, m.query, profile, new SplittableRandom(m.seed ^ EXPLAIN_STREAM));
        } catch (SQLException | IllegalArgumentException e) {
            explainError = e.getMessage();
        }
        Measurement measured = m.measurement;
        double[] latencies = measured.successful();
        boolean failed = latencies.length == 0;
        return new QueryResult(m.query.id(), m.query.name(), failed ? QueryResult.Status.FAILED : QueryResult.Status.OK,
                failed ? "every iteration failed: " + measured.messages.get(0) : null,
                LatencySummary.of(latencies, measured.wallSeconds), latencies, measured.rows.get(), measured.errors.get(),
                List.copyOf(measured.messages), explain, explainError);
    }

    /** A query's iterations; a failed iteration leaves NaN in its slot. */
    private static final class Measurement {
        final double[] latenciesMicros;
        final AtomicLong rows = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final List<String> messages = new ArrayList<>();
        double wallSeconds;

        Measurement(int iterations) {
            latenciesMicros = new double[iterations];
        }

        synchronized void failed(int iteration, SQLException e) {
            latenciesMicros[iteration] = Double.NaN;
            errors.incrementAndGet();
            if (messages.size() < KEPT_ERROR_MESSAGES) {
                messages.add(e.getMessage());
            }
        }

        double[] successful() {
            return Arrays.stream(latenciesMicros).filter(l -> !Double.isNaN(l)).toArray();
        }
    }

    /** Iterations from..to-1 of one query, spread over the connections; adds their wall time to m. */
    private static void measure(QueryDefinition query, DataProfile profile, List<Connection> connections,
                                ExecutorService workers, Measurement m, int from, int to, SplittableRandom[] streams,
                                ProgressListener listener) {
        int n = connections.size();
        int total = m.latenciesMicros.length;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int worker = w;
            futures.add(workers.submit(() -> {
                SplittableRandom random = streams[worker];
                Connection connection = connections.get(worker);
                start.await();
                try (PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
                    for (int i = from + worker; i < to; i += n) {
                        query.bind(statement, query.draw(profile, random));
                        long t0 = System.nanoTime();
                        try (ResultSet rs = statement.executeQuery()) {
                            long rows = 0;
                            while (rs.next()) {
                                rows++;
                            }
                            m.latenciesMicros[i] = (System.nanoTime() - t0) / 1_000.0;
                            m.rows.addAndGet(rows);
                        } catch (SQLException e) {
                            m.failed(i, e);
                        }
                        listener.progress(query.id(), m.done.incrementAndGet(), total);
                    }
                } catch (SQLException e) {
                    for (int i = from + worker; i < to; i += n) {
                        m.failed(i, e);
                    }
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted while running " + query.id(), e);
            } catch (ExecutionException e) {
                throw new BenchmarkException("worker of " + query.id() + " failed: " + e.getCause(), e.getCause());
            }
        }
        m.wallSeconds += (System.nanoTime() - t0) / 1e9;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing after the run: nothing left to report
        }
    }
}
