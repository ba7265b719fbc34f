package dev.cutover.migration.plan;

import java.util.ArrayList;
import java.util.List;

import dev.cutover.support.target.TargetDatabase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One environment of the rollout.
 *
 * @param rollbackDrill rehearse the rollback after APPLY (rollback → verify → re-apply, timed)
 * @param writesDuringApply the application keeps writing during APPLY: content compared with the
 *        pre-APPLY fingerprint is then reported, not required equal (online operations still prove
 *        the live table equals its kept copy in one snapshot)
 * @param waves cumulative percentages of the targets, one wave each, run one after another (a fleet's
 *        canary 20 → 50 → 100); absent, every target is one wave
 * @param parallelism how many targets of a wave run at the same time (default 1: one after another)
 * @param stabilitySeconds the stability watch after the wave has passed its phases (seeds: 48 h; a
 *        demo: minutes): monitoring watches while the rollout waits, then checkpoints after STABILITY
 *        decide ACCEPT (the rollout is finalised) or ROLLBACK; absent, no watch
 */
public record EnvironmentPlan(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String name,
        @NotEmpty @Valid List<TargetDatabase> targets,
        Boolean rollbackDrill,
        Boolean writesDuringApply,
        List<@NotNull @Min(1) @Max(100) Integer> waves,
        @Min(1) @Max(64) Integer parallelism,
        @Min(1) @Max(604_800) Integer stabilitySeconds) {

    public boolean drillsRollback() {
        return Boolean.TRUE.equals(rollbackDrill);
    }

    public boolean takesWrites() {
        return Boolean.TRUE.equals(writesDuringApply);
    }

    public boolean watchesStability() {
        return stabilitySeconds != null;
    }

    public int parallelTargets() {
        return parallelism == null ? 1 : parallelism;
    }

    /** The cumulative share of the targets each wave reaches; without waves, one wave of all. */
    public List<Integer> wavePercentages() {
        return waves == null || waves.isEmpty() ? List.of(100) : waves;
    }

    /** The targets wave by wave: wave i holds the targets up to ceil(waves[i] % of all), after those of the waves before. */
    public List<List<TargetDatabase>> targetWaves() {
        List<List<TargetDatabase>> result = new ArrayList<>();
        int from = 0;
        for (Integer percent : wavePercentages()) {
            int to = Math.min(targets.size(), (int) Math.ceil(targets.size() * percent / 100.0));
            result.add(targets.subList(Math.min(from, to), to));
            from = Math.max(from, to);
        }
        return result;
    }
}
