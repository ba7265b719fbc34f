package dev.cutover.migration.plan;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The benchmark suite BASELINE runs on each untouched target and POST runs again after VALIDATE,
 * compared with the baseline (benchmark-service measures; its verdicts are the checkpoints'
 * evidence). Absent settings take benchmark-service's defaults.
 *
 * @param timeoutMinutes how long one run may take before the phase fails
 */
public record BenchmarkPlan(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,100}", message = "must be a suite name (letters, digits, '_', '-')") String suite,
        List<@NotBlank String> queries,
        @Min(0) @Max(100_000) Integer warmupIterations,
        @Min(1) @Max(1_000_000) Integer iterations,
        @Min(1) @Max(1_000) Integer rounds,
        @Min(1) @Max(256) Integer concurrency,
        @Valid LoadTestPlan loadTest,
        @DecimalMin("0.0") @DecimalMax("10.0") Double noiseThreshold,
        @Min(1) @Max(1_440) Integer timeoutMinutes) {

    /** After the measured run: N clients for T seconds on the weighted mix of the same queries. */
    public record LoadTestPlan(@NotNull @Min(1) @Max(1000) Integer clients, @NotNull @Min(1) @Max(86_400) Integer durationSeconds) {
    }

    public int timeout() {
        return timeoutMinutes == null ? 60 : timeoutMinutes;
    }
}
