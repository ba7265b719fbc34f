package dev.cutover.benchmark.runner;

import java.time.Duration;

/**
 * How a run measures: warm-up and measured iterations per query (spread over the connections; warm-up
 * runs the first draws of the measured parameters, so warmupIterations >= iterations warms all of them),
 * the rounds the measured iterations are split into (each round runs every query once in turn, so that
 * a burst of load on the machine is shared by all queries instead of falling on one),
 * concurrent connections, the seed of the parameter draws (equal seeds draw equal parameters, as an
 * A/A comparison wants) and a statement timeout, so a query that lost its index cannot stall the run.
 */
public record RunSettings(int warmupIterations, int iterations, int rounds, int concurrency, long seed,
                          Duration statementTimeout) {

    public RunSettings {
        if (warmupIterations < 0 || iterations < 1 || rounds < 1 || rounds > iterations || concurrency < 1) {
            throw new IllegalArgumentException("need warmupIterations >= 0, iterations >= 1, 1 <= rounds <= iterations"
                    + " and concurrency >= 1, got " + warmupIterations + ", " + iterations + ", " + rounds + ", " + concurrency);
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive, got " + statementTimeout);
        }
    }
}
