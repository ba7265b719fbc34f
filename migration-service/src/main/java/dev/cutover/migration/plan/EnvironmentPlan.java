package dev.cutover.migration.plan;

import java.util.List;

import dev.cutover.support.target.TargetDatabase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * One environment of the rollout.
 *
 * @param rollbackDrill rehearse the rollback after APPLY (rollback → verify → re-apply, timed)
 * @param writesDuringApply the application keeps writing during APPLY: content compared with the
 *        pre-APPLY fingerprint is then reported, not required equal (online operations still prove
 *        the live table equals its kept copy in one snapshot)
 */
public record EnvironmentPlan(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String name,
        @NotEmpty @Valid List<TargetDatabase> targets,
        Boolean rollbackDrill,
        Boolean writesDuringApply) {

    public boolean drillsRollback() {
        return Boolean.TRUE.equals(rollbackDrill);
    }

    public boolean takesWrites() {
        return Boolean.TRUE.equals(writesDuringApply);
    }
}
