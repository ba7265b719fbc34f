package dev.cutover.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message for people, made from one or more events (a group, as Alertmanager groups alerts);
 * what ops read on the {@code notifications} topic. {@code sourceTopic} and {@code sourceEventId}
 * name the latest event the message covers; {@code alertCount} how many distinct alerts it lists.
 */
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
        Map<String, String> links,
        Kind kind,
        String groupKey,
        int alertCount) implements CutoverEvent {

    /** 2: kind, groupKey and alertCount (grouping, escalation, acknowledgement). */
    public static final int SCHEMA_VERSION = 2;

    /** What the message says about its group. */
    public enum Kind {
        /** Lifecycle notices only: a phase, a decision, a window. */
        NOTICE,
        /** Something is firing (new, or changed since the last message). */
        FIRING,
        /** Everything the group had firing has resolved. */
        RESOLVED,
        /** Nothing changed, still firing: sent again after the repeat interval. */
        REPEAT,
        /** A CRITICAL message nobody acknowledged in time, sent to the next level. */
        ESCALATION,
        /** Someone acknowledged the group; escalation stopped. */
        ACKNOWLEDGED
    }

    @Override
    public String summary() {
        return severity + " " + title;
    }
}
