package dev.cutover.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A phase finished on one target, successfully or not. {@code evidence} holds what the phase
 * measured (names → values; a value may be null when it could not be measured), {@code error} the
 * cause when it failed.
 */
public record PhaseCompleted(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String environment,
        String target,
        Phase phase,
        PhaseStatus status,
        Instant startedAt,
        long durationMs,
        Map<String, Object> evidence,
        String error) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public static PhaseCompleted of(UUID rolloutId, String environment, String target, Phase phase,
            PhaseStatus status, Instant startedAt, Instant finishedAt, Map<String, Object> evidence, String error) {
        return new PhaseCompleted(UUID.randomUUID(), rolloutId, finishedAt, SCHEMA_VERSION, environment, target, phase,
                status, startedAt, finishedAt.toEpochMilli() - startedAt.toEpochMilli(),
                Collections.unmodifiableMap(new LinkedHashMap<>(evidence)), error);
    }

    @Override
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append(phase).append(' ').append(status).append(" on ").append(environment).append('/').append(target)
                .append(" in ").append(durationMs).append(" ms");
        String figures = evidence.entrySet().stream()
                .filter(e -> e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean)
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        if (!figures.isEmpty()) {
            line.append(" (").append(figures).append(')');
        }
        if (error != null) {
            line.append(": ").append(error);
        }
        return line.toString();
    }
}
