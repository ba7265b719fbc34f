package dev.cutover.migration.service.phase;

import java.time.Instant;
import java.util.Map;

import dev.cutover.events.PhaseStatus;

/** What a phase did on one target: its status, what it measured, and the cause when it failed. */
public record PhaseOutcome(PhaseStatus status, Instant startedAt, Instant finishedAt, Map<String, Object> evidence,
        String error) {

    public static PhaseOutcome succeeded(Instant startedAt, Map<String, Object> evidence) {
        return new PhaseOutcome(PhaseStatus.SUCCEEDED, startedAt, Instant.now(), evidence, null);
    }

    public static PhaseOutcome failed(Instant startedAt, Map<String, Object> evidence, String error) {
        return new PhaseOutcome(PhaseStatus.FAILED, startedAt, Instant.now(), evidence, error);
    }
}
