package dev.cutover.events;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A checkpoint's cutover window (seeds: production cutover in 90 minutes, assessed at 75): it
 * OPENED, is ASSESSED at its assessment time with the progress so far, CLOSED when the work it
 * guards finished in time, or reached its HARD_STOP first (a rollback is requested with it as cause).
 * {@code rowsDone}, {@code rowsTotal} and {@code etaSeconds} are the latest migration-progress of
 * the environment, null when none was reported.
 */
public record CutoverWindow(
        UUID eventId,
        UUID rolloutId,
        Instant occurredAt,
        int schemaVersion,
        String checkpoint,
        String environment,
        State state,
        Instant openedAt,
        long elapsedSeconds,
        long assessAfterSeconds,
        long hardStopAfterSeconds,
        int targetsDone,
        int targetsTotal,
        Long rowsDone,
        Long rowsTotal,
        Long etaSeconds) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum State {
        OPENED, ASSESSED, CLOSED, HARD_STOP
    }

    /** Seconds left before the hard stop (never below zero). */
    public long remainingSeconds() {
        return Math.max(0, hardStopAfterSeconds - elapsedSeconds);
    }

    @Override
    public String summary() {
        String progress = rowsDone == null ? "" : String.format(Locale.ROOT, ", %d/%d rows, ETA %s", rowsDone, rowsTotal,
                etaSeconds == null ? "unknown" : etaSeconds + " s");
        return String.format(Locale.ROOT, "%s window on %s %s after %d s of %d s: %d/%d targets done%s", checkpoint, environment,
                state, elapsedSeconds, hardStopAfterSeconds, targetsDone, targetsTotal, progress);
    }
}
