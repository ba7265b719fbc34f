package dev.cutover.benchmark.runner;

import java.time.Duration;

/**
 * How a run measures: warm-up and measured iterations per query (spread over the connections),
 * concurrent connections, the seed of the parameter draws (equal seeds draw equal parameters, as an
 * A/A comparison wants) and a statement timeout, so a query that lost its index cannot stall the run.
 */
public record RunSettings(int warmupIterations, int iterations, int concurrency, long seed, Duration statementTimeout) {

    public RunSettings {
        if (warmupIterations < 0 || iterations < 1 || concurrency < 1) {
            throw new IllegalArgumentException("need warmupIterations >= 0, iterations >= 1 and concurrency >= 1, got "
                    + warmupIterations + ", " + iterations + ", " + concurrency);
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive, got " + statementTimeout);
        }
    }
}
