package dev.cutover.benchmark.stats;

/**
 * One query, baseline against candidate. shift and its interval are in microseconds (candidate -
 * baseline, so positive is slower); relativeChange = shift / baseline median; ratio = candidate
 * median / baseline median; pValue of the two-sided Mann-Whitney U test.
 */
public record QueryComparison(String id, String name, Verdict verdict, String reason, double baselineMedianMicros,
                              double candidateMedianMicros, ShiftEstimate shift, double relativeChange, double ratio,
                              double pValue, boolean planChanged, String baselinePlan, String candidatePlan) {

    static QueryComparison notCompared(String id, String name, String reason) {
        return new QueryComparison(id, name, Verdict.NOT_COMPARED, reason, Double.NaN, Double.NaN, null, Double.NaN,
                Double.NaN, Double.NaN, false, null, null);
    }
}
