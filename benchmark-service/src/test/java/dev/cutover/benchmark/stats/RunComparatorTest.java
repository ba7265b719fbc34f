package dev.cutover.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cutover.benchmark.runner.BenchmarkRun;
import dev.cutover.benchmark.runner.QueryResult;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class RunComparatorTest {

    private final RunComparator comparator = new RunComparator();

    /** Latency-like samples: a floor of 800 us and a long right tail. */
    private static double[] latencies(long seed, int n, DoubleUnaryOperator change) {
        SplittableRandom random = new SplittableRandom(seed);
        return random.doubles(n).map(u -> 800 + 400 * -Math.log(1 - u)).map(change).toArray();
    }

    private static QueryResult result(String id, double[] latencies) {
        return new QueryResult(id, id, QueryResult.Status.OK, null, null, latencies, latencies.length, 0, List.of(), null, null);
    }

    @Test
    void identicalSamplesAreNoChange() {
        double[] same = latencies(1, 200, v -> v);
        QueryComparison c = comparator.compare(result("Q1", same), result("Q1", same.clone()));
        assertEquals(Verdict.NO_CHANGE, c.verdict());
        assertEquals(0, c.shift().estimate(), 1e-9);
        assertTrue(c.shift().lower() <= 0 && c.shift().upper() >= 0);
        assertEquals(1, c.ratio(), 1e-9);
    }

    @Test
    void twoDrawsOfOneDistributionAreNoChange() {
        QueryComparison c = comparator.compare(result("Q1", latencies(1, 300, v -> v)), result("Q1", latencies(2, 300, v -> v)));
        assertEquals(Verdict.NO_CHANGE, c.verdict(), c.toString());
    }

    @Test
    void slowerCandidateRegressesAndFasterImproves() {
        double[] base = latencies(1, 200, v -> v);
        QueryComparison slower = comparator.compare(result("Q3", base), result("Q3", latencies(2, 200, v -> v * 1.5)));
        assertEquals(Verdict.REGRESSED, slower.verdict(), slower.toString());
        assertTrue(slower.shift().lower() > 0);
        assertTrue(slower.pValue() < 0.001);
        QueryComparison faster = comparator.compare(result("Q5", base), result("Q5", latencies(3, 200, v -> v * 0.6)));
        assertEquals(Verdict.IMPROVED, faster.verdict(), faster.toString());
        assertTrue(faster.relativeChange() < -0.1);
    }

    @Test
    void aSignificantShiftBelowTheNoiseThresholdIsNoChange() {
        // the same draws 4 % slower: the interval excludes 0, but 4 % is below the 10 % threshold
        double[] base = latencies(1, 2000, v -> v);
        QueryComparison c = comparator.compare(result("Q1", base), result("Q1", latencies(1, 2000, v -> v * 1.04)));
        assertTrue(c.shift().lower() > 0, c.toString());
        assertEquals(Verdict.NO_CHANGE, c.verdict());
        assertEquals(Verdict.REGRESSED, new RunComparator(0.98, 0.02).compare(result("Q1", base),
                result("Q1", latencies(1, 2000, v -> v * 1.04))).verdict());
    }

    @Test
    void runsAreComparedQueryByQueryWithTheGeometricMeanOfRatios() {
        double[] base = latencies(1, 100, v -> v);
        BenchmarkRun baseline = run(result("Q1", base), result("Q2", base),
                QueryResult.skipped("Q4", "search", "the target has no function search_geometrias"));
        BenchmarkRun candidate = run(result("Q1", java.util.Arrays.stream(base).map(v -> v * 2).toArray()),
                result("Q2", java.util.Arrays.stream(base).map(v -> v / 2).toArray()), QueryResult.skipped("Q4", "search", "the target has no function search_geometrias"));
        ComparisonReport report = comparator.compare(baseline, candidate);
        assertEquals(Verdict.REGRESSED, report.query("Q1").orElseThrow().verdict());
        assertEquals(Verdict.IMPROVED, report.query("Q2").orElseThrow().verdict());
        QueryComparison q4 = report.query("Q4").orElseThrow();
        assertEquals(Verdict.NOT_COMPARED, q4.verdict());
        assertTrue(q4.reason().contains("SKIPPED"), q4.reason());
        assertEquals(1.0, report.geometricMeanRatio(), 1e-9);
        assertFalse(report.query("Q1").orElseThrow().planChanged());
    }

    private static BenchmarkRun run(QueryResult... results) {
        return new BenchmarkRun("spatial", null, null, Instant.EPOCH, Instant.EPOCH, List.of(results));
    }
}
