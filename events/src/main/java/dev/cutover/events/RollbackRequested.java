package dev.cutover.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone or something asks for the rollout to be rolled back. {@code source} names the service or
 * person, {@code causeEventId} the event that led to it (a breach, a NO-GO decision), when there is one.
 */
public record RollbackRequested(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String environment,
        String source,
        String reason,
        UUID causeEventId) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String summary() {
        return "rollback requested by " + source + (environment == null ? "" : " for " + environment) + ": " + reason;
    }
}
