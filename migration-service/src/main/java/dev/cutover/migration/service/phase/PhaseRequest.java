package dev.cutover.migration.service.phase;

import java.util.UUID;

import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.support.target.TargetDatabase;

/** One phase to run on one target of one environment of a rollout. */
public record PhaseRequest(UUID rolloutId, RolloutPlan plan, EnvironmentPlan environment, TargetDatabase target) {

    public String environmentName() {
        return environment.name();
    }

    public boolean changesSchema() {
        return plan.migrationSet() != null;
    }
}
