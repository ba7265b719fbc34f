package dev.cutover.notification.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cutover.events.Severity;

/**
 * One event as routing and grouping see it. {@code key} names the condition: a breach's FIRING and
 * its RESOLVED share it (so the second closes the first, and a repeated FIRING is the same alert);
 * a notice is its own key. Labels are what routes match and groups are made by.
 */
public record Alert(String key, UUID rolloutId, String environment, String target, String name, Severity severity, Status status,
                    String title, String body, String sourceTopic, UUID sourceEventId, Instant at) {

    /** The labels routes match ({@code match}) and groups are made by ({@code group_by}). */
    public static final List<String> LABELS = List.of("rollout", "environment", "severity", "topic", "target", "name");

    public enum Status {
        FIRING, RESOLVED, NOTICE
    }

    public String label(String label) {
        return switch (label) {
            case "rollout" -> rolloutId.toString();
            case "environment" -> environment;
            case "severity" -> severity.name();
            case "topic" -> sourceTopic;
            case "target" -> target;
            case "name" -> name;
            default -> throw new IllegalArgumentException("no label " + label);
        };
    }
}
