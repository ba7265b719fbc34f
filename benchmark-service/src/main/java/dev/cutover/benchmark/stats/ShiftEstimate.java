package dev.cutover.benchmark.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Hodges-Lehmann estimate of the shift between two samples (the median of all candidate - baseline
 * differences) and the Mann-Whitney (Moses) confidence interval for it, as R's
 * {@code wilcox.test(candidate, baseline, conf.int = TRUE)} and Kayenta's MannWhitney judge compute them.
 * The interval's bounds are order statistics of the differences: from the exact distribution of U
 * when both samples have fewer than 50 values and no ties (as R), else from its normal approximation
 * with the ties correction (rounded outwards, so the interval is never narrower than the level asks).
 */
public record ShiftEstimate(double estimate, double lower, double upper, double confidence, boolean exact) {

    /** Sorting all pairs costs memory: 8 bytes a pair. */
    static final long MAX_PAIRS = 25_000_000L;

    public static ShiftEstimate of(double[] baseline, double[] candidate, double confidence) {
        int n = candidate.length;
        int m = baseline.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("both samples need values (baseline " + m + ", candidate " + n + ")");
        }
        if ((long) n * m > MAX_PAIRS) {
            throw new IllegalArgumentException(n + " x " + m + " values make more than " + MAX_PAIRS + " pairs");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double[] diffs = new double[n * m];
        int k = 0;
        for (double c : candidate) {
            for (double b : baseline) {
                diffs[k++] = c - b;
            }
        }
        Arrays.sort(diffs);
        int pairs = diffs.length;
        double median = medianOfSorted(diffs);
        double alpha = 1 - confidence;
        double ties = tieSum(baseline, candidate);
        boolean exact = n < 50 && m < 50 && ties == 0;
        // qu: the alpha/2 quantile of U, 1-based index of the lower bound among the sorted differences
        long qu = exact ? exactQuantile(alpha / 2, n, m) : normalQuantile(alpha / 2, n, m, ties);
        qu = Math.max(1, Math.min(qu, (pairs + 1) / 2));
        return new ShiftEstimate(median, diffs[(int) qu - 1], diffs[pairs - (int) qu], confidence, exact);
    }

    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** R's qwilcox(p, n, m): the smallest u with P(U <= u) >= p, from the exact null distribution of U. */
    static long exactQuantile(double p, int n, int m) {
        BigInteger[] counts = uCounts(n, m);
        BigInteger total = BigInteger.ZERO;
        for (BigInteger c : counts) {
            total = total.add(c);
        }
        BigInteger cumulative = BigInteger.ZERO;
        for (int u = 0; u < counts.length; u++) {
            cumulative = cumulative.add(counts[u]);
            // R's fuzz: a cumulative probability within 10 ulps of p counts as reaching it
            if (new BigDecimal(cumulative).divide(new BigDecimal(total), MathContext.DECIMAL64).doubleValue()
                    >= p - 10 * Math.ulp(1.0)) {
                return u;
            }
        }
        return counts.length - 1;
    }

    /**
     * How many of the C(n+m, n) orderings of two samples without ties give each U = 0..nm: the
     * coefficients of the Gaussian binomial [n+m choose n]_q, built by adding one value at a time
     * (N(u; a, b) = N(u - b; a - 1, b) + N(u; a, b - 1)).
     */
    static BigInteger[] uCounts(int n, int m) {
        // row[b][u] for the current a; a = 0 has one ordering with U = 0 for every b
        BigInteger[][] previous = new BigInteger[m + 1][];
        for (int b = 0; b <= m; b++) {
            previous[b] = new BigInteger[] {BigInteger.ONE};
        }
        for (int a = 1; a <= n; a++) {
            BigInteger[][] current = new BigInteger[m + 1][];
            current[0] = new BigInteger[] {BigInteger.ONE};
            for (int b = 1; b <= m; b++) {
                BigInteger[] row = new BigInteger[a * b + 1];
                Arrays.fill(row, BigInteger.ZERO);
                for (int u = 0; u < previous[b].length; u++) {
                    row[u + b] = row[u + b].add(previous[b][u]);
                }
                for (int u = 0; u < current[b - 1].length; u++) {
                    row[u] = row[u].add(current[b - 1][u]);
                }
                current[b] = row;
            }
            previous = current;
        }
        return previous[m];
    }

    private static long normalQuantile(double p, int n, int m, double ties) {
        double total = n + m;
        double variance = (double) n * m / 12 * (total + 1 - ties / (total * (total - 1)));
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - p);
        return (long) Math.floor((double) n * m / 2 - z * Math.sqrt(variance));
    }

    /** Sum of t^3 - t over the groups of t equal values in both samples together (0 without ties). */
    private static double tieSum(double[] baseline, double[] candidate) {
        double[] all = new double[baseline.length + candidate.length];
        System.arraycopy(baseline, 0, all, 0, baseline.length);
        System.arraycopy(candidate, 0, all, baseline.length, candidate.length);
        Arrays.sort(all);
        double sum = 0;
        for (int i = 0, j; i < all.length; i = j) {
            j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
        }
        return sum;
    }
}
