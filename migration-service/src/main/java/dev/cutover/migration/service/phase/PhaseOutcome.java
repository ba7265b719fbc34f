package dev.cutover.migration.service.phase;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.cutover.events.PhaseStatus;
import dev.cutover.migration.operation.MigrationOperation.Check;

/** What a phase did on one target: its status, what it measured, and the cause when it failed. */
public record PhaseOutcome(PhaseStatus status, Instant startedAt, Instant finishedAt, Map<String, Object> evidence,
        String error) {

    public static PhaseOutcome succeeded(Instant startedAt, Map<String, Object> evidence) {
        return new PhaseOutcome(PhaseStatus.SUCCEEDED, startedAt, Instant.now(), evidence, null);
    }

    public static PhaseOutcome failed(Instant startedAt, Map<String, Object> evidence, String error) {
        return new PhaseOutcome(PhaseStatus.FAILED, startedAt, Instant.now(), evidence, error);
    }

    /** Succeeded when every check passed; otherwise failed, naming each failed check and its value. */
    public static PhaseOutcome ofChecks(Instant startedAt, Map<String, Object> evidence, List<Check> checks,
            String failure) {
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(c -> c.name() + " (" + c.value() + ")").toList();
        return failed.isEmpty() ? succeeded(startedAt, evidence)
                : failed(startedAt, evidence, failure + ": " + String.join(", ", failed));
    }

    public boolean isFailed() {
        return status == PhaseStatus.FAILED;
    }
}
