package dev.cutover.benchmark.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.benchmark.config.BenchmarkConfig;
import dev.cutover.benchmark.repository.Benchmark;
import dev.cutover.benchmark.repository.BenchmarkRepository;
import dev.cutover.benchmark.runner.BenchmarkRun;
import dev.cutover.benchmark.runner.BenchmarkRunner;
import dev.cutover.benchmark.runner.LoadTest;
import dev.cutover.benchmark.runner.ProgressListener;
import dev.cutover.benchmark.runner.QueryResult;
import dev.cutover.benchmark.stats.ComparisonReport;
import dev.cutover.benchmark.stats.QueryComparison;
import dev.cutover.benchmark.stats.Verdict;
import dev.cutover.suite.QueryDefinition;
import dev.cutover.suite.Suite;
import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.support.outbox.Outbox;
import dev.cutover.support.target.TargetsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs benchmarks in the background. Progress is stored and logged every interval; each finished
 * query is stored at once, so a failure later in the run (lost target, restart) keeps what was
 * measured. A successful run stores its results and, when it belongs to a rollout, publishes
 * {@code benchmark-completed} in the same transaction (with the verdicts against its baseline, if it
 * named one, and the load test's figures).
 */
@ApplicationScoped
public class BenchmarkExecutor {

    private static final Logger LOG = Logger.getLogger(BenchmarkExecutor.class);

    private final BenchmarkRepository benchmarks;
    private final TargetsConfig targets;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final long progressIntervalNanos;
    private final String publicUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "benchmark-runner");
        thread.setDaemon(true);
        return thread;
    });

    public BenchmarkExecutor(BenchmarkRepository benchmarks, TargetsConfig targets, Outbox outbox, ObjectMapper json,
            BenchmarkConfig config) {
        this.benchmarks = benchmarks;
        this.targets = targets;
        this.outbox = outbox;
        this.json = json;
        this.progressIntervalNanos = config.progressIntervalMs() * 1_000_000;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** A run cannot continue across a restart (its connections and timings are gone): it ends FAILED, keeping its queries. */
    void failInterrupted(@Observes StartupEvent startup) {
        QuarkusTransaction.requiringNew().run(() -> benchmarks.running().forEach(benchmark -> {
            benchmark.status = Benchmark.Status.FAILED;
            benchmark.error = "interrupted by a restart of benchmark-service";
            benchmark.finishedAt = Instant.now();
        }));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }

    void submit(UUID id, BenchmarkRequest request, Suite suite, List<QueryDefinition> queries) {
        executor.execute(() -> run(id, request, suite, queries));
    }

    private void run(UUID id, BenchmarkRequest request, Suite suite, List<QueryDefinition> queries) {
        TargetsConfig.Credentials credentials = targets.credentials().get(request.target().credentialsName());
        BenchmarkRunner runner = new BenchmarkRunner(new BenchmarkRunner.Target(request.target().jdbcUrl(),
                credentials.user(), credentials.password().orElse("")), request.settings());
        Progress progress = new Progress(id);
        LOG.infof("benchmark %s (%s): suite %s, %d queries on %s", id, request.label(), suite.name(), queries.size(),
                request.target().name());
        try {
            BenchmarkRun run = runner.run(suite, queries, progress);
            LoadTest.Result loadTest = request.loadTest() == null ? null : loadTest(id, runner, request, suite, queries);
            QuarkusTransaction.requiringNew().run(() -> {
                Benchmark benchmark = benchmarks.findById(id);
                benchmark.status = Benchmark.Status.SUCCEEDED;
                benchmark.results = toJson(run);
                benchmark.loadTest = loadTest == null ? null : toJson(loadTest);
                benchmark.iterationsDone = benchmark.iterationsTotal;
                benchmark.currentQuery = null;
                benchmark.finishedAt = Instant.now();
                // Events are keyed by rollout: a benchmark outside a rollout is served over REST only.
                if (benchmark.rolloutId != null) {
                    outbox.publish(completed(benchmark, run, loadTest, request));
                }
            });
            LOG.infof("benchmark %s finished: %d queries", id, run.queries().size());
        } catch (RuntimeException e) {
            LOG.warnf("benchmark %s failed: %s", id, e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> {
                Benchmark benchmark = benchmarks.findById(id);
                benchmark.status = Benchmark.Status.FAILED;
                benchmark.error = e.getMessage();
                benchmark.finishedAt = Instant.now();
            });
        }
    }

    private LoadTest.Result loadTest(UUID id, BenchmarkRunner runner, BenchmarkRequest request, Suite suite,
            List<QueryDefinition> queries) {
        LOG.infof("benchmark %s: load test, %d clients for %d s", id, request.loadTest().clients(),
                request.loadTest().durationSeconds());
        QuarkusTransaction.requiringNew().run(() -> benchmarks.findById(id).currentQuery = "load test");
        LoadTest.Result result = new LoadTest(runner.target(), request.loadTestSettings()).run(suite, queries);
        LOG.infof("benchmark %s: load test %.0f ops/s, mean %.1f ms, p95 %.1f ms, p99 %.1f ms, error rate %.4f", id,
                result.throughputPerSecond(), result.meanMillis(), result.p95Millis(), result.p99Millis(),
                result.errorRate());
        return result;
    }

    /** The summary per query; with a baseline, each query's verdict against it, and the comparison's report. */
    private BenchmarkCompleted completed(Benchmark benchmark, BenchmarkRun run, LoadTest.Result loadTest,
            BenchmarkRequest request) {
        ComparisonReport comparison = request.baselineId() == null ? null
                : request.comparator().compare(StoredRuns.read(json, benchmarks.findById(request.baselineId())), run);
        List<BenchmarkCompleted.QuerySummary> summaries = run.queries().stream()
                .filter(q -> q.latency() != null)
                .map(q -> {
                    Optional<QueryComparison> compared = comparison == null ? Optional.empty() : comparison.query(q.id());
                    return new BenchmarkCompleted.QuerySummary(q.id(), q.latency().p50Micros() / 1000.0,
                            q.latency().p95Micros() / 1000.0, q.latency().p99Micros() / 1000.0, q.errors(),
                            compared.map(c -> c.verdict().name()).orElse(null),
                            compared.filter(c -> c.verdict() != Verdict.NOT_COMPARED).map(QueryComparison::relativeChange)
                                    .orElse(null));
                })
                .toList();
        String reportUrl = publicUrl + (comparison == null ? "/benchmarks/" + benchmark.id + "/report"
                : "/benchmarks/compare/report?baseline=" + request.baselineId() + "&candidate=" + benchmark.id);
        return new BenchmarkCompleted(UUID.randomUUID(), benchmark.rolloutId, Instant.now(),
                BenchmarkCompleted.SCHEMA_VERSION, benchmark.id, benchmark.label, benchmark.environment,
                benchmark.target, benchmark.suite, summaries, loadTest == null ? null : summary(loadTest),
                request.baselineId(), comparison == null || Double.isNaN(comparison.geometricMeanRatio()) ? null
                        : comparison.geometricMeanRatio(), reportUrl);
    }

    private static BenchmarkCompleted.LoadTestSummary summary(LoadTest.Result loadTest) {
        return new BenchmarkCompleted.LoadTestSummary(loadTest.clients(), loadTest.seconds(), loadTest.operations(),
                loadTest.throughputPerSecond(), loadTest.meanMillis(), loadTest.p95Millis(), loadTest.p99Millis(),
                loadTest.errorRate());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores and logs progress at most every interval, and every finished query at once. */
    private final class Progress implements ProgressListener {
        private final UUID id;
        private final List<QueryResult> finished = new ArrayList<>();
        /** Queries are measured in interleaved rounds, so progress is summed per query. */
        private final Map<String, Integer> doneByQuery = new LinkedHashMap<>();
        private long lastReport = System.nanoTime();

        Progress(UUID id) {
            this.id = id;
        }

        @Override
        public synchronized void progress(String queryId, int done, int total) {
            doneByQuery.put(queryId, done);
            long now = System.nanoTime();
            if (now - lastReport < progressIntervalNanos) {
                return;
            }
            lastReport = now;
            int overall = doneByQuery.values().stream().mapToInt(Integer::intValue).sum();
            LOG.infof("benchmark %s: %s %d/%d", id, queryId, done, total);
            QuarkusTransaction.requiringNew().run(() -> {
                Benchmark benchmark = benchmarks.findById(id);
                benchmark.currentQuery = queryId;
                benchmark.iterationsDone = Math.min(overall, benchmark.iterationsTotal);
            });
        }

        @Override
        public synchronized void finished(QueryResult result) {
            finished.add(result);
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("partial", true);
            partial.put("queries", List.copyOf(finished));
            String results = toJson(partial);
            QuarkusTransaction.requiringNew().run(() -> benchmarks.findById(id).results = results);
        }
    }
}
