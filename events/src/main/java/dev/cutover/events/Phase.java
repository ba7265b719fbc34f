package dev.cutover.events;

/** The phases of a rollout, in lifecycle order (see BRIEF.md). */
public enum Phase {
    PREFLIGHT, BACKUP, FINGERPRINT, BASELINE, APPLY, VALIDATE, POST, ROLLBACK_DRILL, CHECKPOINT, CUTOVER, STABILITY, ROLLBACK,
    /** After acceptance: what was kept for a rollback is dropped. */
    FINALISE
}
