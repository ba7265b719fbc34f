package dev.cutover.benchmark.stats;

import dev.cutover.suite.explain.ExplainEvidence;
import dev.cutover.benchmark.runner.BenchmarkRun;
import dev.cutover.benchmark.runner.QueryResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares two runs query by query. A query REGRESSED when the confidence interval of the shift lies
 * wholly above 0 and the shift exceeds noiseThreshold of the baseline median; IMPROVED likewise below;
 * otherwise NO_CHANGE. Both conditions are needed: with hundreds of iterations the interval excludes 0
 * for shifts far too small to matter, and the threshold alone would judge noise.
 */
public final class RunComparator {

    /** Kayenta's judge uses 98 %. */
    public static final double DEFAULT_CONFIDENCE = 0.98;
    public static final double DEFAULT_NOISE_THRESHOLD = 0.10;

    private final double confidence;
    private final double noiseThreshold;

    public RunComparator(double confidence, double noiseThreshold) {
        if (!(noiseThreshold >= 0)) {
            throw new IllegalArgumentException("noiseThreshold must be >= 0, got " + noiseThreshold);
        }
        this.confidence = confidence;
        this.noiseThreshold = noiseThreshold;
    }

    public RunComparator() {
        this(DEFAULT_CONFIDENCE, DEFAULT_NOISE_THRESHOLD);
    }

    public ComparisonReport compare(BenchmarkRun baseline, BenchmarkRun candidate) {
        List<QueryComparison> queries = new ArrayList<>();
        for (QueryResult base : baseline.queries()) {
            Optional<QueryResult> cand = candidate.query(base.id());
            queries.add(cand.isEmpty()
                    ? QueryComparison.notCompared(base.id(), base.name(), "the candidate run has no " + base.id())
                    : compare(base, cand.get()));
        }
        double logSum = 0;
        int compared = 0;
        for (QueryComparison q : queries) {
            if (q.verdict() != Verdict.NOT_COMPARED) {
                logSum += Math.log(q.ratio());
                compared++;
            }
        }
        return new ComparisonReport(confidence, noiseThreshold, List.copyOf(queries),
                compared == 0 ? Double.NaN : Math.exp(logSum / compared));
    }

    public QueryComparison compare(QueryResult baseline, QueryResult candidate) {
        if (baseline.latenciesMicros().length == 0 || candidate.latenciesMicros().length == 0) {
            QueryResult missing = baseline.latenciesMicros().length == 0 ? baseline : candidate;
            return QueryComparison.notCompared(baseline.id(), baseline.name(), (missing == baseline ? "baseline" : "candidate")
                    + " has no latencies: " + missing.status() + (missing.reason() == null ? "" : " (" + missing.reason() + ")"));
        }
        double[] b = baseline.latenciesMicros();
        double[] c = candidate.latenciesMicros();
        ShiftEstimate shift = ShiftEstimate.of(b, c, confidence);
        double baseMedian = median(b);
        double candMedian = median(c);
        double relative = shift.estimate() / baseMedian;
        Verdict verdict = verdict(shift, relative);
        double pValue = MannWhitneyUTest.withDefaults().test(c, b).getPValue();
        String basePlan = fingerprint(baseline.explain());
        String candPlan = fingerprint(candidate.explain());
        boolean planChanged = basePlan != null && candPlan != null && !basePlan.equals(candPlan);
        return new QueryComparison(baseline.id(), baseline.name(), verdict, null, baseMedian, candMedian, shift, relative,
                candMedian / baseMedian, pValue, planChanged, basePlan, candPlan);
    }

    Verdict verdict(ShiftEstimate shift, double relativeChange) {
        if (shift.lower() > 0 && relativeChange > noiseThreshold) {
            return Verdict.REGRESSED;
        }
        if (shift.upper() < 0 && relativeChange < -noiseThreshold) {
            return Verdict.IMPROVED;
        }
        return Verdict.NO_CHANGE;
    }

    private static String fingerprint(ExplainEvidence explain) {
        return explain == null ? null : explain.fingerprint();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ShiftEstimate.medianOfSorted(sorted);
    }
}
