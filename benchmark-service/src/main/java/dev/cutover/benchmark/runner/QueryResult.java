package dev.cutover.benchmark.runner;

import dev.cutover.suite.explain.ExplainEvidence;
import java.util.List;

/**
 * One query's outcome in a run. latenciesMicros holds every successful measured iteration (the
 * comparison's statistics need the raw values, not only the histogram's percentiles).
 */
public record QueryResult(String id, String name, Status status, String reason, LatencySummary latency,
                          double[] latenciesMicros, long rows, int errors, List<String> errorMessages,
                          ExplainEvidence explain, String explainError) {

    public enum Status {
        /** ran; some iterations may still have failed (see errors) */
        OK,
        /** not run: the target lacks what the query requires */
        SKIPPED,
        /** every measured iteration failed */
        FAILED
    }

    public static QueryResult skipped(String id, String name, String reason) {
        return new QueryResult(id, name, Status.SKIPPED, reason, null, new double[0], 0, 0, List.of(), null, null);
    }
}
