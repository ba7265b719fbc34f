package dev.cutover.monitoring.sampling;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The latest probe executions (a fixed count, so the window means the same at any sampling
 * interval): latencies of those that succeeded and how many failed.
 */
final class LatencyWindow {

    private final int size;
    /** Milliseconds, or NaN for a failed execution. */
    private final Deque<Double> executions = new ArrayDeque<>();

    LatencyWindow(int size) {
        this.size = size;
    }

    synchronized void add(double millis) {
        executions.addLast(millis);
        while (executions.size() > size) {
            executions.removeFirst();
        }
    }

    synchronized void addFailure() {
        add(Double.NaN);
    }

    synchronized int count() {
        return executions.size();
    }

    /** Nearest-rank percentile of the successful executions; empty when there are none. */
    synchronized OptionalDouble percentile(double p) {
        double[] ok = executions.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (ok.length == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(ok);
        int rank = (int) Math.ceil(p / 100.0 * ok.length);
        return OptionalDouble.of(ok[Math.max(0, rank - 1)]);
    }

    synchronized OptionalDouble failedPercent() {
        if (executions.isEmpty()) {
            return OptionalDouble.empty();
        }
        long failed = executions.stream().filter(v -> v.isNaN()).count();
        return OptionalDouble.of(100.0 * failed / executions.size());
    }
}
