package dev.cutover.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A benchmark run finished; the summary per query, the full results stay in benchmark-service. */
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
        String reportUrl) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Latency figures of one query in milliseconds; {@code verdict} is set when compared to a baseline. */
    public record QuerySummary(String queryId, double p50Ms, double p95Ms, double p99Ms, long errors, String verdict) {
    }

    @Override
    public String summary() {
        long regressed = queries.stream().filter(q -> "REGRESSED".equals(q.verdict())).count();
        long improved = queries.stream().filter(q -> "IMPROVED".equals(q.verdict())).count();
        return "benchmark '" + label + "' (" + suite + ") on " + environment + "/" + target + ": " + queries.size()
                + " queries, " + improved + " improved, " + regressed + " regressed";
    }
}
