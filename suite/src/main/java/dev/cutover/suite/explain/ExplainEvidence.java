package dev.cutover.suite.explain;

import java.util.List;

/**
 * What one {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} sample of a query shows: node types,
 * indexes, partitions scanned of each partitioned table, shared-buffer hits, and a fingerprint of
 * the plan's shape that ignores costs and timings (two runs with equal fingerprints ran the same plan).
 */
public record ExplainEvidence(List<String> nodeTypes, List<String> relations, List<String> indexes,
                              List<Pruning> partitions, long sharedHitBlocks, long sharedReadBlocks,
                              double planningMillis, double executionMillis, String fingerprint) {

    /** Partitions of one partitioned table that the plan scanned, of all it has. */
    public record Pruning(String table, int scanned, int total) {
        /** Share of the partitions the plan did not scan (0 when it scanned all). */
        public double prunedFraction() {
            return total == 0 ? 0 : 1 - (double) scanned / total;
        }
    }

    /** Shared Hit Blocks / (hit + read); 1 when the query read no blocks at all. */
    public double sharedHitRatio() {
        long all = sharedHitBlocks + sharedReadBlocks;
        return all == 0 ? 1 : (double) sharedHitBlocks / all;
    }
}
