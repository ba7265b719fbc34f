package dev.cutover.events;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Progress of long work on one target: rows done of total, measured rate and the ETA it implies. */
public record MigrationProgress(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String environment,
        String target,
        Phase phase,
        String step,
        long rowsDone,
        long rowsTotal,
        double rowsPerSecond,
        Long etaSeconds) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String summary() {
        String percent = rowsTotal > 0 ? String.format(Locale.ROOT, " (%.1f %%)", 100.0 * rowsDone / rowsTotal) : "";
        return String.format(Locale.ROOT, "%s %s on %s/%s: %d/%d rows%s, %.0f rows/s, ETA %s",
                phase, step, environment, target, rowsDone, rowsTotal, percent, rowsPerSecond,
                etaSeconds == null ? "unknown" : etaSeconds + " s");
    }
}
