package dev.cutover.migration.service.phase;

import dev.cutover.events.Phase;

/**
 * One phase of the lifecycle, run against one target. Implementations record evidence of what
 * they measured and never throw for a failure on the target: they return a failed outcome with
 * its cause, so the rollout records it and stops cleanly.
 */
public interface RolloutPhase {

    Phase phase();

    /**
     * Whether the phase is part of this plan's forward lifecycle on this environment; most phases
     * only make sense when the plan applies a migration set.
     */
    default boolean appliesTo(PhaseRequest request) {
        return request.changesSchema();
    }

    /**
     * Whether the phase runs on every target of a wave at the same time, whatever the environment's
     * parallelism: a wait (the stability watch) rather than work on the target.
     */
    default boolean spansWave() {
        return false;
    }

    PhaseOutcome run(PhaseRequest request);
}
