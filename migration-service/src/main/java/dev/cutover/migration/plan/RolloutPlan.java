package dev.cutover.migration.plan;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.cutover.migration.operation.MigrationSettings;
import dev.cutover.support.checkpoint.CheckpointDefinition;

/**
 * What a DBA submits: the environments to roll through, in order, each with its target databases,
 * and the migration set to apply (a directory under {@code sql/migrations/}). Without a set, only
 * PREFLIGHT runs (a connectivity rehearsal); with a {@code benchmark}, BASELINE and POST measure
 * each target before and after. {@code checkpoints} (checkpoint-service's definitions: criteria,
 * sign-offs, cutover windows) replace the shipped CP1–CP4; {@code monitoring} overrides the alert
 * rules of the rollout's watches.
 */
public record RolloutPlan(
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,99}", message = "must name a directory under sql/migrations") String migrationSet,
        CrashPolicy onCrash,
        @Valid PacingPlan pacing,
        @Valid BenchmarkPlan benchmark,
        @NotEmpty @Valid List<EnvironmentPlan> environments,
        List<CheckpointDefinition> checkpoints,
        @Valid MonitoringPlan monitoring) {

    public List<CheckpointDefinition> plannedCheckpoints() {
        return checkpoints == null ? List.of() : checkpoints;
    }

    public CrashPolicy crashPolicy() {
        return onCrash == null ? CrashPolicy.RESUME : onCrash;
    }

    public MigrationSettings settings() {
        return pacing == null ? MigrationSettings.DEFAULTS : pacing.over(MigrationSettings.DEFAULTS);
    }
}
