package dev.cutover.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A message for people, made from another event; what ops read on the {@code notifications} topic. */
public record Notification(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        Severity severity,
        String environment,
        String title,
        String body,
        String sourceTopic,
        UUID sourceEventId,
        Map<String, String> links) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String summary() {
        return severity + " " + title;
    }
}
