package dev.cutover.benchmark.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.benchmark.config.BenchmarkConfig;
import dev.cutover.benchmark.report.ComparisonPage;
import dev.cutover.benchmark.report.RunReport;
import dev.cutover.benchmark.repository.Benchmark;
import dev.cutover.benchmark.repository.BenchmarkRepository;
import dev.cutover.benchmark.runner.BenchmarkRun;
import dev.cutover.benchmark.stats.ComparisonReport;
import dev.cutover.benchmark.stats.RunComparator;
import dev.cutover.suite.QueryDefinition;
import dev.cutover.suite.Suite;
import dev.cutover.suite.SuiteException;
import dev.cutover.suite.SuiteLoader;
import dev.cutover.suite.UnknownQueryException;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.target.TargetConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/** Accepts benchmark requests, runs them in the background, answers their state, results and comparisons. */
@ApplicationScoped
public class BenchmarkService {

    private final BenchmarkRepository benchmarks;
    private final BenchmarkExecutor executor;
    private final TargetConnections connections;
    private final SuiteLoader suites;
    private final ObjectMapper json;

    public BenchmarkService(BenchmarkRepository benchmarks, BenchmarkExecutor executor, TargetConnections connections,
            BenchmarkConfig config, ObjectMapper json) {
        this.benchmarks = benchmarks;
        this.executor = executor;
        this.connections = connections;
        this.suites = new SuiteLoader(Path.of(config.suitesDirectory()).toAbsolutePath().normalize());
        this.json = json;
    }

    /** Checks what bean validation cannot (suite, queries, credentials, rounds), stores the run, starts it. */
    public BenchmarkView start(BenchmarkRequest request) {
        Suite suite = suite(request.suite());
        List<QueryDefinition> queries = queries(suite, request.queries());
        if (!connections.knowsCredentials(request.target().credentialsName())) {
            throw ProblemException.badRequest("target.credentials",
                    "no credentials named '" + request.target().credentialsName() + "' are configured");
        }
        if (request.roundsOrDefault() > request.iterationsOrDefault()) {
            throw ProblemException.badRequest("rounds", "must not exceed iterations (" + request.iterationsOrDefault() + ")");
        }
        if (request.baselineId() != null) {
            BenchmarkRun baseline = QuarkusTransaction.requiringNew().call(() -> finishedRun(request.baselineId(), "baselineId"));
            if (!baseline.suite().equals(suite.name())) {
                throw ProblemException.badRequest("baselineId", "benchmark " + request.baselineId() + " ran suite '"
                        + baseline.suite() + "', not '" + suite.name() + "'");
            }
        }
        Benchmark benchmark = new Benchmark();
        benchmark.id = UUID.randomUUID();
        benchmark.rolloutId = request.rolloutId();
        benchmark.environment = request.environment();
        benchmark.label = request.label();
        benchmark.suite = suite.name();
        benchmark.target = request.target().name();
        benchmark.request = toJson(request);
        benchmark.status = Benchmark.Status.RUNNING;
        benchmark.iterationsTotal = queries.size() * request.iterationsOrDefault();
        benchmark.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> benchmarks.persist(benchmark));
        executor.submit(benchmark.id, request, suite, queries);
        return BenchmarkView.of(benchmark);
    }

    @Transactional
    public BenchmarkView get(UUID id) {
        return BenchmarkView.of(find(id));
    }

    @Transactional
    public List<BenchmarkView> recent(int limit) {
        return benchmarks.recent(limit).stream().map(BenchmarkView::of).toList();
    }

    /** The run's full results as stored (JSON); what was gathered before a failure for a failed run. */
    @Transactional
    public String results(UUID id) {
        Benchmark benchmark = find(id);
        if (benchmark.results == null) {
            throw new ProblemException(Response.Status.CONFLICT, "benchmark " + id + " is " + benchmark.status
                    + " and has no results yet", List.of());
        }
        return benchmark.results;
    }

    /** The load test's result (JSON), when the request asked for one and the run finished. */
    @Transactional
    public String loadTest(UUID id) {
        Benchmark benchmark = find(id);
        if (benchmark.loadTest == null) {
            throw new ProblemException(Response.Status.CONFLICT, "benchmark " + id + " is " + benchmark.status
                    + " and has no load test result" + (benchmark.status == Benchmark.Status.SUCCEEDED
                            ? " (its request asked for none)" : ""), List.of());
        }
        return benchmark.loadTest;
    }

    /** Baseline against candidate, query by query, with the verdict rule of docs/benchmarks.md. */
    @Transactional
    public ComparisonReport compare(UUID baseline, UUID candidate, double noiseThreshold) {
        return new RunComparator(RunComparator.DEFAULT_CONFIDENCE, noiseThreshold)
                .compare(finishedRun(baseline, "baseline"), finishedRun(candidate, "candidate"));
    }

    /** What a run's HTML report shows, in any state: a running or failed run shows what it has. */
    @Transactional
    public RunReport report(UUID id) {
        Benchmark benchmark = find(id);
        return new RunReport(BenchmarkView.of(benchmark), tree(benchmark.results), tree(benchmark.loadTest));
    }

    /** What a comparison's HTML report shows: both finished runs and the comparison of {@link #compare}. */
    @Transactional
    public ComparisonPage comparisonReport(UUID baseline, UUID candidate, double noiseThreshold) {
        BenchmarkRun baselineRun = finishedRun(baseline, "baseline");
        BenchmarkRun candidateRun = finishedRun(candidate, "candidate");
        return new ComparisonPage(BenchmarkView.of(find(baseline)), BenchmarkView.of(find(candidate)),
                new RunComparator(RunComparator.DEFAULT_CONFIDENCE, noiseThreshold).compare(baselineRun, candidateRun),
                baselineRun, candidateRun);
    }

    private BenchmarkRun finishedRun(UUID id, String field) {
        Benchmark benchmark = benchmarks.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.badRequest(field, "no benchmark " + id));
        if (benchmark.status != Benchmark.Status.SUCCEEDED) {
            throw new ProblemException(Response.Status.CONFLICT, field + " benchmark " + id + " is " + benchmark.status
                    + "; only finished runs are compared", List.of(new Problem.FieldError(field, "not SUCCEEDED")));
        }
        return StoredRuns.read(json, benchmark);
    }

    private Suite suite(String name) {
        try {
            return suites.load(name);
        } catch (UnknownQueryException e) {
            throw ProblemException.badRequest("suite", e.getMessage());
        } catch (SuiteException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage(),
                    e.problems().stream().map(p -> new Problem.FieldError("suite", p)).toList());
        }
    }

    private static List<QueryDefinition> queries(Suite suite, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return suite.queries();
        }
        try {
            return suite.select(new LinkedHashSet<>(ids));
        } catch (UnknownQueryException e) {
            throw ProblemException.badRequest("queries", e.getMessage());
        }
    }

    private Benchmark find(UUID id) {
        return benchmarks.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no benchmark " + id));
    }

    private JsonNode tree(String stored) {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored benchmark JSON is unreadable", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
