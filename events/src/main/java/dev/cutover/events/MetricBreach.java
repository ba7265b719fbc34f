package dev.cutover.events;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An alert rule started firing, or resolved, on one target. */
public record MetricBreach(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String environment,
        String target,
        String rule,
        Severity severity,
        State state,
        double value,
        double threshold,
        Instant since,
        boolean rollbackTrigger) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum State {
        FIRING, RESOLVED
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%s %s %s on %s/%s: %s vs threshold %s since %s%s", severity, rule, state,
                environment, target, value, threshold, since, rollbackTrigger ? " (rollback trigger)" : "");
    }
}
