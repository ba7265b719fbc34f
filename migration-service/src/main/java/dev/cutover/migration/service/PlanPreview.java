package dev.cutover.migration.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.cutover.events.Phase;
import dev.cutover.migration.plan.CrashPolicy;
import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.target.TargetDatabase;
import jakarta.enterprise.context.ApplicationScoped;

/** The dry run of a plan: validated like a submission, then described from the same lifecycle and waves the runner uses. */
@ApplicationScoped
public class PlanPreview {

    private final PlanValidator validator;
    private final Lifecycle lifecycle;
    private final MigrationSetCatalogue catalogue;

    public PlanPreview(PlanValidator validator, Lifecycle lifecycle, MigrationSetCatalogue catalogue) {
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.catalogue = catalogue;
    }

    public DryRun of(RolloutPlan plan) {
        validator.check(plan);
        List<String> lines = new ArrayList<>();
        List<DryRun.Step> steps = plan.migrationSet() == null ? List.of()
                : catalogue.read(plan.migrationSet()).manifest().steps().stream()
                        .map(step -> new DryRun.Step(step.name(), step.operation())).toList();
        lines.add("Plan '" + plan.name() + "': " + (plan.migrationSet() == null
                ? "no migration set: a rehearsal of connectivity and versions (PREFLIGHT only)"
                : "migration set " + plan.migrationSet() + ", " + steps.size() + " step(s): "
                        + steps.stream().map(s -> s.name() + " (" + s.operation() + ")").collect(Collectors.joining(", "))));
        if (plan.migrationSet() != null && plan.benchmark() != null) {
            lines.add("Benchmark: suite " + plan.benchmark().suite() + " through benchmark-service, on each target before APPLY"
                    + " (BASELINE) and after VALIDATE (POST, compared with BASELINE); a run may take "
                    + plan.benchmark().timeout() + " min");
        }

        List<DryRun.EnvironmentRun> environments = new ArrayList<>();
        for (int e = 0; e < plan.environments().size(); e++) {
            EnvironmentPlan environment = plan.environments().get(e);
            List<Phase> phases = lifecycle.forward(new PhaseRequest(null, plan, environment, environment.targets().get(0)));
            List<DryRun.Wave> waves = waves(environment);
            environments.add(new DryRun.EnvironmentRun(environment.name(), environment.parallelTargets(), waves, phases));
            describe(e + 1, environment, waves, phases, lines);
        }
        describeCheckpoints(plan, lines);
        describeMonitoring(plan, lines);
        lines.add("A phase that fails rolls back the target it changed (every started step undone, newest first) and the"
                + " rest of its wave, and stops the rollout FAILED; environments and waves before it stay applied.");
        lines.add("A rollback request (POST /rollouts/{id}/rollback or rollback-requested) rolls back every target the"
                + " rollout changed, last first.");
        lines.add("After a crash the rollout is " + (plan.crashPolicy() == CrashPolicy.RESUME
                ? "resumed where it stopped (onCrash: RESUME)." : "rolled back (onCrash: ROLLBACK)."));
        lines.add("Dry run: nothing was started and no target was connected.");
        return new DryRun(plan.name(), plan.migrationSet(), steps, environments, lines);
    }

    private static List<DryRun.Wave> waves(EnvironmentPlan environment) {
        List<List<TargetDatabase>> byWave = environment.targetWaves();
        List<Integer> percentages = environment.wavePercentages();
        List<DryRun.Wave> waves = new ArrayList<>();
        for (int w = 0; w < byWave.size(); w++) {
            waves.add(new DryRun.Wave(w + 1, percentages.get(w), byWave.get(w).stream().map(TargetDatabase::name).toList()));
        }
        return waves;
    }

    private static void describe(int number, EnvironmentPlan environment, List<DryRun.Wave> waves, List<Phase> phases,
            List<String> lines) {
        int targets = environment.targets().size();
        String pace = environment.parallelTargets() == 1 || targets == 1 ? "one at a time"
                : "up to " + environment.parallelTargets() + " at a time";
        lines.add(number + ". " + environment.name() + ": " + targets + " target(s)"
                + (waves.size() > 1 ? " in " + waves.size() + " waves" : "") + ", " + pace);
        if (waves.size() > 1) {
            for (DryRun.Wave wave : waves) {
                lines.add("   wave " + wave.number() + " (" + wave.percent() + " %): " + String.join(", ", wave.targets()));
            }
            lines.add("   each wave starts once every target of the wave before it has succeeded");
        } else {
            lines.add("   targets: " + String.join(", ", waves.get(0).targets()));
        }
        lines.add("   on each target: " + phases.stream().map(Enum::name).collect(Collectors.joining(" → "))
                + (environment.takesWrites() ? " (the application keeps writing during APPLY)" : ""));
        if (targets > 1) {
            lines.add("   each phase runs on every target of a wave before the next phase starts on any");
        }
        if (environment.watchesStability()) {
            lines.add("   STABILITY: each wave runs " + environment.stabilitySeconds() + " s under monitoring; a checkpoint after"
                    + " STABILITY that decides ACCEPT finalises the rollout at its end, ROLLBACK rolls it back");
        }
    }

    private static void describeCheckpoints(RolloutPlan plan, List<String> lines) {
        lines.add("After each phase of a wave the rollout pauses at the checkpoints that open there until checkpoint-service"
                + " decides them: GO goes on, NO-GO rolls back every target the rollout changed.");
        String replaceable = " (checkpoints registered over REST before one opens replace them)";
        lines.add(plan.plannedCheckpoints().isEmpty() ? "Checkpoints: none in the plan, so the shipped CP1-CP4" + replaceable + "."
                : "Checkpoints: the plan's " + plan.plannedCheckpoints().size() + replaceable + ":");
        for (CheckpointDefinition checkpoint : plan.plannedCheckpoints()) {
            lines.add("   " + checkpoint.name() + " on " + checkpoint.environment() + " after " + checkpoint.after()
                    + (checkpoint.targetNames().isEmpty() ? "" : " on " + String.join(", ", checkpoint.targetNames()))
                    + (checkpoint.decidesAcceptance() ? ", ACCEPT or ROLLBACK" : "") + ": "
                    + checkpoint.criteria().stream().map(c -> c.name() + " (" + c.expr() + (c.isAdvisory() ? ", advisory" : "") + ")")
                            .collect(Collectors.joining(", "))
                    + "; sign-offs: " + checkpoint.signOffPolicy().label()
                    + (checkpoint.window() == null ? "" : "; cutover window from " + checkpoint.window().opensAfter()
                            + " until " + checkpoint.window().closesAfter() + " completes, assessed at "
                            + checkpoint.window().assessAfter() + ", hard stop (rollback) at " + checkpoint.window().hardStopAfter()));
        }
    }

    private static void describeMonitoring(RolloutPlan plan, List<String> lines) {
        List<AlertRule> overrides = plan.monitoring() == null ? List.of() : plan.monitoring().ruleOverrides();
        lines.add("Monitoring watches every target from PREFLIGHT on with monitoring-service's default alert rules"
                + (overrides.isEmpty() ? "." : ", these overridden by the plan:"));
        for (AlertRule rule : overrides) {
            lines.add("   " + rule.name() + (rule.isEnabled() ? ": " + rule.severity() + " when " + rule.expr()
                    + (rule.forDuration() == null ? "" : " for " + rule.forDuration())
                    + (rule.triggersRollback() ? ", a rollback trigger" : "") : ": switched off"));
        }
    }
}
