package dev.cutover.benchmark.service;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.benchmark.repository.Benchmark;

/** A benchmark's state as the API shows it; the full results are served separately. */
public record BenchmarkView(UUID id, UUID rolloutId, String environment, String label, String suite, String target,
        Benchmark.Status status, Progress progress, String error, Instant createdAt, Instant finishedAt) {

    /** Measured iterations done of all planned, and the query running now. */
    public record Progress(String currentQuery, int iterationsDone, int iterationsTotal) {
    }

    public static BenchmarkView of(Benchmark benchmark) {
        return new BenchmarkView(benchmark.id, benchmark.rolloutId, benchmark.environment, benchmark.label,
                benchmark.suite, benchmark.target, benchmark.status,
                new Progress(benchmark.currentQuery, benchmark.iterationsDone, benchmark.iterationsTotal),
                benchmark.error, benchmark.createdAt, benchmark.finishedAt);
    }
}
