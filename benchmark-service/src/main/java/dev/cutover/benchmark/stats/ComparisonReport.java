package dev.cutover.benchmark.stats;

import java.util.List;
import java.util.Optional;

/**
 * All queries of two runs compared. geometricMeanRatio: the geometric mean of candidate/baseline
 * median ratios over the compared queries (below 1: faster overall); NaN when none was compared.
 */
public record ComparisonReport(double confidence, double noiseThreshold, List<QueryComparison> queries,
                               double geometricMeanRatio) {

    public Optional<QueryComparison> query(String id) {
        return queries.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public long count(Verdict verdict) {
        return queries.stream().filter(q -> q.verdict() == verdict).count();
    }
}
