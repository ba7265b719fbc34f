package dev.cutover.benchmark.stats;

/** A query's latency, candidate against baseline. */
public enum Verdict {
    IMPROVED,
    REGRESSED,
    NO_CHANGE,
    /** one side has no latencies (skipped or failed), see the comparison's reason */
    NOT_COMPARED
}
