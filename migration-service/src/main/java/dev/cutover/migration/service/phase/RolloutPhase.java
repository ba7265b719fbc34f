package dev.cutover.migration.service.phase;

import java.util.UUID;

import dev.cutover.events.Phase;
import dev.cutover.migration.plan.TargetDatabase;

/**
 * One phase of the lifecycle, run against one target. Implementations record evidence of what
 * they measured and never throw for a failure on the target: they return a failed outcome with
 * its cause, so the rollout records it and stops cleanly.
 */
public interface RolloutPhase {

    Phase phase();

    PhaseOutcome run(UUID rolloutId, String environment, TargetDatabase target);
}
