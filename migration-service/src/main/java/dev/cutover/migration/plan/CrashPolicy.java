package dev.cutover.migration.plan;

/** What a restarted service does with a rollout a crash interrupted mid-APPLY. */
public enum CrashPolicy {
    /** Carry on from the last committed batch. */
    RESUME,
    /** Return every target the rollout touched to its pre-state. */
    ROLLBACK
}
