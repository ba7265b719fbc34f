package dev.cutover.benchmark.runner;

/** A run that cannot start or go on (unreachable target, a target without the suite's table). */
public class BenchmarkException extends RuntimeException {
    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
