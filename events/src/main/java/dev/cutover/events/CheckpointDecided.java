package dev.cutover.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A checkpoint was decided from evidence; every criterion carries its measured value and threshold. */
public record CheckpointDecided(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String checkpoint,
        String environment,
        Decision decision,
        List<Criterion> criteria,
        String evidenceDigest) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum Decision {
        GO, CONDITIONAL, NO_GO, ACCEPT, ROLLBACK
    }

    /** One criterion as evaluated: {@code measured} is null when the evidence was missing (never a pass). */
    public record Criterion(String name, String measured, String threshold, boolean passed, boolean advisory) {
    }

    @Override
    public String summary() {
        long passed = criteria.stream().filter(Criterion::passed).count();
        return checkpoint + " on " + environment + ": " + decision + " (" + passed + "/" + criteria.size() + " criteria passed)";
    }
}
