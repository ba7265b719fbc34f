package dev.cutover.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A benchmark run finished; the summary per query, the full results stay in benchmark-service.
 * When the run named a baseline, each query carries its verdict and relative change against it and
 * {@code geometricMeanRatio} the overall figure; {@code loadTest} is set when a load test ran.
 */
public record BenchmarkCompleted(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        UUID benchmarkId,
        String label,
        String environment,
        String target,
        String suite,
        List<QuerySummary> queries,
        LoadTestSummary loadTest,
        UUID baselineId,
        Double geometricMeanRatio,
        String reportUrl) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    /**
     * Latency figures of one query in milliseconds; {@code verdict} (IMPROVED, REGRESSED, NO_CHANGE,
     * NOT_COMPARED) and {@code relativeChange} (shift / baseline median; -0.25 is 25 % faster) are set
     * when compared to a baseline.
     */
    public record QuerySummary(String queryId, double p50Ms, double p95Ms, double p99Ms, long errors, String verdict,
                               Double relativeChange) {
    }

    /** N clients for the duration on the suite's weighted mix: throughput, latency in ms, errors / attempts. */
    public record LoadTestSummary(int clients, double seconds, long operations, double throughputPerSecond,
                                  double meanMs, double p95Ms, double p99Ms, double errorRate) {
    }

    @Override
    public String summary() {
        long regressed = queries.stream().filter(q -> "REGRESSED".equals(q.verdict())).count();
        long improved = queries.stream().filter(q -> "IMPROVED".equals(q.verdict())).count();
        return "benchmark '" + label + "' (" + suite + ") on " + environment + "/" + target + ": " + queries.size()
                + " queries" + (baselineId == null ? "" : ", " + improved + " improved, " + regressed + " regressed")
                + (loadTest == null ? "" : String.format(Locale.ROOT, "; load test %d clients: mean %.1f ms, p95 %.1f ms",
                        loadTest.clients(), loadTest.meanMs(), loadTest.p95Ms()));
    }
}
