package dev.cutover.benchmark.runner;

import org.HdrHistogram.Histogram;

/** A query's latency distribution in microseconds (HdrHistogram, 3 significant digits) and its throughput. */
public record LatencySummary(long count, long minMicros, long p50Micros, long p95Micros, long p99Micros, long maxMicros,
                             double meanMicros, double stddevMicros, double throughputPerSecond) {

    static LatencySummary of(double[] latenciesMicros, double wallSeconds) {
        Histogram histogram = new Histogram(3);
        for (double latency : latenciesMicros) {
            histogram.recordValue(Math.max(1, Math.round(latency)));
        }
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getMinValue(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                histogram.getMean(), histogram.getStdDeviation(), wallSeconds > 0 ? latenciesMicros.length / wallSeconds : 0);
    }
}
