package dev.cutover.migration.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseStatus;
import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.MonitoringPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.repository.CheckpointGate;
import dev.cutover.migration.repository.PhaseRun;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.StepRun;
import dev.cutover.support.checkpoint.CheckpointDefinition;

/**
 * A rollout as the REST API shows it: its environments and targets as planned (connections by
 * reference to configured credentials, no secret), the checkpoints and monitoring its plan defines
 * (checkpoint- and monitoring-service read them here), every phase run so far and its evidence, and
 * the checkpoints it paused at.
 */
public record RolloutView(UUID id, String name, String submittedBy, Rollout.Status status, String rollbackReason, Instant createdAt,
        Instant updatedAt, List<EnvironmentPlan> environments, List<CheckpointDefinition> plannedCheckpoints,
        MonitoringPlan monitoring, List<PhaseRunView> phases, List<StepRunView> steps, List<CheckpointView> checkpoints) {

    public static RolloutView of(Rollout rollout, RolloutPlan plan, List<PhaseRun> runs, List<StepRun> stepRuns,
            List<CheckpointGate> gates) {
        return new RolloutView(rollout.id, rollout.name, rollout.submittedBy, rollout.status, rollout.rollbackReason, rollout.createdAt,
                rollout.updatedAt, plan.environments(), plan.plannedCheckpoints(), plan.monitoring(), runs.stream().map(PhaseRunView::of).toList(),
                stepRuns.stream().map(StepRunView::of).toList(), gates.stream().map(CheckpointView::of).toList());
    }

    /** The rollout without its runs: for lists, and at submission. */
    public static RolloutView summary(Rollout rollout, RolloutPlan plan) {
        return of(rollout, plan, List.of(), List.of(), List.of());
    }

    /** A checkpoint the rollout waited at (since {@code awaitedSince}) or that was decided, as announced. */
    public record CheckpointView(String name, String environment, Instant awaitedSince, String decision, String summary,
            Instant decidedAt) {

        static CheckpointView of(CheckpointGate gate) {
            return new CheckpointView(gate.checkpoint, gate.environment, gate.awaitedSince, gate.decision, gate.summary,
                    gate.decidedAt);
        }
    }

    /** Where each step of the migration set stands on each target, with its checkpoint. */
    public record StepRunView(String environment, String target, int index, String step, String operation,
            StepRun.Status status, Map<String, Object> state, Instant updatedAt) {

        static StepRunView of(StepRun run) {
            return new StepRunView(run.environment, run.target, run.stepIndex, run.stepName, run.operation, run.status,
                    run.state, run.updatedAt);
        }
    }

    public record PhaseRunView(String environment, String target, Phase phase, PhaseStatus status, Instant startedAt,
            Instant finishedAt, long durationMs, Map<String, Object> evidence, String error) {

        static PhaseRunView of(PhaseRun run) {
            return new PhaseRunView(run.environment, run.target, run.phase, run.status, run.startedAt, run.finishedAt,
                    run.finishedAt.toEpochMilli() - run.startedAt.toEpochMilli(), run.evidence, run.error);
        }
    }
}
