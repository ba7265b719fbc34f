package dev.cutover.migration.plan;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.cutover.migration.operation.MigrationSettings;

/** Optional overrides of how online steps pace themselves; absent fields keep the defaults. */
public record PacingPlan(
        @Min(100) @Max(1_000_000) Integer batchSize,
        @Min(1) @Max(60_000) Integer lockTimeoutMs,
        @Min(1) @Max(1000) Integer lockAttempts,
        @Min(0) @Max(1_000_000) Integer catchUpBacklog) {

    public MigrationSettings over(MigrationSettings defaults) {
        return new MigrationSettings(
                batchSize == null ? defaults.batchSize() : batchSize,
                lockTimeoutMs == null ? defaults.lockTimeout() : Duration.ofMillis(lockTimeoutMs),
                lockAttempts == null ? defaults.lockAttempts() : lockAttempts,
                catchUpBacklog == null ? defaults.catchUpBacklog() : catchUpBacklog);
    }
}
