package dev.cutover.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftEstimateTest {

    // R's ?wilcox.test example (Hollander & Wolfe, p. 69): x is the candidate, y the baseline
    private static final double[] X = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
    private static final double[] Y = {1.15, 0.88, 0.90, 0.74, 1.21};

    @Test
    void matchesRWilcoxTestConfInt() {
        // wilcox.test(x, y, conf.int = TRUE): difference in location 0.305, 95 % CI -0.15 .. 0.76
        ShiftEstimate at95 = ShiftEstimate.of(Y, X, 0.95);
        assertEquals(0.305, at95.estimate(), 1e-9);
        assertEquals(-0.15, at95.lower(), 1e-9);
        assertEquals(0.76, at95.upper(), 1e-9);
        assertTrue(at95.exact());
        // conf.level = 0.98: qwilcox(0.01, 10, 5) = 7 (exhaustive enumeration), so the 7th and 44th of the 50 differences
        ShiftEstimate at98 = ShiftEstimate.of(Y, X, 0.98);
        assertEquals(0.305, at98.estimate(), 1e-9);
        assertEquals(-0.17, at98.lower(), 1e-9);
        assertEquals(0.90, at98.upper(), 1e-9);
    }

    @Test
    void exactDistributionOfUEqualsExhaustiveEnumeration() {
        for (int[] sizes : new int[][] {{4, 3}, {4, 5}, {6, 3}, {1, 7}}) {
            int n = sizes[0];
            int m = sizes[1];
            long[] enumerated = new long[n * m + 1];
            // every choice of which n of the n+m pooled ranks are the candidate's
            for (int mask = 0; mask < 1 << (n + m); mask++) {
                if (Integer.bitCount(mask) != n) {
                    continue;
                }
                int u = 0;
                int baselineBelow = 0;
                for (int rank = 0; rank < n + m; rank++) {
                    if ((mask & 1 << rank) != 0) {
                        u += baselineBelow;
                    } else {
                        baselineBelow++;
                    }
                }
                enumerated[u]++;
            }
            BigInteger[] counts = ShiftEstimate.uCounts(n, m);
            long[] computed = new long[counts.length];
            for (int u = 0; u < counts.length; u++) {
                computed[u] = counts[u].longValueExact();
            }
            assertArrayEquals(enumerated, computed, "U distribution for n=" + n + ", m=" + m);
        }
        // by enumeration (as R gives): qwilcox(0.01, 4, 5) = 1, qwilcox(0.025, 7, 8) = 11, qwilcox(0.05, 7, 8) = 14
        assertEquals(1, ShiftEstimate.exactQuantile(0.01, 4, 5));
        assertEquals(11, ShiftEstimate.exactQuantile(0.025, 7, 8));
        assertEquals(14, ShiftEstimate.exactQuantile(0.05, 7, 8));
    }

    @Test
    void normalApproximationAgreesWithExactNearTheBoundary() {
        // 49 x 49 is still exact; one more value switches to the normal approximation
        SplittableRandom random = new SplittableRandom(7);
        double[] b = random.doubles(49, 100, 200).toArray();
        double[] c = random.doubles(49, 130, 230).toArray();
        ShiftEstimate exact = ShiftEstimate.of(b, c, 0.98);
        double[] b50 = append(b, 150.5);
        double[] c50 = append(c, 180.5);
        ShiftEstimate normal = ShiftEstimate.of(b50, c50, 0.98);
        assertTrue(exact.exact());
        assertFalse(normal.exact());
        assertEquals(exact.lower(), normal.lower(), 3);
        assertEquals(exact.upper(), normal.upper(), 3);
        assertTrue(normal.lower() > 0, "a shift of 30 on a spread of 100 is visible at n = 50: " + normal);
    }

    @Test
    void largeSamplesContainTheTrueShift() {
        SplittableRandom random = new SplittableRandom(11);
        double[] b = random.doubles(800, 1000, 2000).toArray();
        double[] c = random.doubles(800, 1000, 2000).map(v -> v + 50).toArray();
        ShiftEstimate shift = ShiftEstimate.of(b, c, 0.98);
        assertTrue(shift.lower() < 50 && 50 < shift.upper(), shift.toString());
        assertEquals(50, shift.estimate(), 30);
    }

    @Test
    void refusesEmptySamplesAndBadLevels() {
        assertThrows(IllegalArgumentException.class, () -> ShiftEstimate.of(new double[0], X, 0.98));
        assertThrows(IllegalArgumentException.class, () -> ShiftEstimate.of(Y, X, 1.0));
    }

    private static double[] append(double[] values, double last) {
        double[] longer = java.util.Arrays.copyOf(values, values.length + 1);
        longer[values.length] = last;
        return longer;
    }
}
