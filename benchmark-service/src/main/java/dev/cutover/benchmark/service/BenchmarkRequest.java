package dev.cutover.benchmark.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.cutover.benchmark.runner.LoadTest;
import dev.cutover.benchmark.runner.RunSettings;
import dev.cutover.support.target.TargetDatabase;
import dev.cutover.benchmark.stats.RunComparator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A benchmark to run: a suite (file under the suites directory), the target (credentials by their
 * configured name), a label, optionally the rollout and environment it belongs to and a subset of
 * the suite's queries, how to measure, optionally a load test to run afterwards, and optionally a
 * finished run of the same suite to compare with (its verdicts go into benchmark-completed). Absent
 * settings take the defaults below.
 */
public record BenchmarkRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,100}", message = "must be a suite name (letters, digits, '_', '-')") String suite,
        @NotNull @Valid TargetDatabase target,
        @NotBlank @Size(max = 200) String label,
        UUID rolloutId,
        @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String environment,
        List<@NotBlank String> queries,
        @Min(0) @Max(100_000) Integer warmupIterations,
        @Min(1) @Max(1_000_000) Integer iterations,
        @Min(1) @Max(1_000) Integer rounds,
        @Min(1) @Max(256) Integer concurrency,
        Long seed,
        @Min(100) @Max(3_600_000) Integer statementTimeoutMs,
        @Valid LoadTestRequest loadTest,
        UUID baselineId,
        @DecimalMin("0.0") @DecimalMax("10.0") Double noiseThreshold) {

    /** After the measured run: N clients for T seconds on the weighted mix of the same queries. */
    public record LoadTestRequest(@NotNull @Min(1) @Max(1000) Integer clients,
            @NotNull @Min(1) @Max(86_400) Integer durationSeconds) {
    }

    static final int DEFAULT_WARMUP = 20;
    static final int DEFAULT_ITERATIONS = 100;
    static final int DEFAULT_ROUNDS = 5;
    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_TIMEOUT_MS = 30_000;

    int iterationsOrDefault() {
        return iterations == null ? DEFAULT_ITERATIONS : iterations;
    }

    int roundsOrDefault() {
        return rounds == null ? Math.min(DEFAULT_ROUNDS, iterationsOrDefault()) : rounds;
    }

    RunComparator comparator() {
        return new RunComparator(RunComparator.DEFAULT_CONFIDENCE,
                noiseThreshold == null ? RunComparator.DEFAULT_NOISE_THRESHOLD : noiseThreshold);
    }

    LoadTest.Settings loadTestSettings() {
        return new LoadTest.Settings(loadTest.clients(), Duration.ofSeconds(loadTest.durationSeconds()),
                seed == null ? DEFAULT_SEED : seed,
                Duration.ofMillis(statementTimeoutMs == null ? DEFAULT_TIMEOUT_MS : statementTimeoutMs));
    }

    RunSettings settings() {
        return new RunSettings(warmupIterations == null ? DEFAULT_WARMUP : warmupIterations, iterationsOrDefault(),
                roundsOrDefault(), concurrency == null ? 1 : concurrency, seed == null ? DEFAULT_SEED : seed,
                Duration.ofMillis(statementTimeoutMs == null ? DEFAULT_TIMEOUT_MS : statementTimeoutMs));
    }
}
