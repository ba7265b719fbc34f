package dev.cutover.migration.operation;

import java.time.Duration;

/**
 * How online operations pace themselves on a target.
 *
 * @param batchSize rows copied per transaction
 * @param lockTimeout how long one attempt waits for a lock before giving up (so a queued
 *        exclusive lock never stalls the application for longer)
 * @param lockAttempts attempts before the step fails with "lock timeout exhausted"
 * @param catchUpBacklog captured changes below which the final catch-up is done under the lock
 */
public record MigrationSettings(int batchSize, Duration lockTimeout, int lockAttempts, int catchUpBacklog) {

    public static final MigrationSettings DEFAULTS = new MigrationSettings(10_000, Duration.ofMillis(50), 20, 500);
}
