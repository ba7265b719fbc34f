package dev.cutover.migration.service;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.migration.repository.PhaseRun;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.RolloutRepository;
import dev.cutover.migration.service.phase.PhaseOutcome;
import dev.cutover.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records phase outcomes and rollout status changes together with their events (one transaction each). */
@ApplicationScoped
public class PhaseRecorder {

    private final PhaseRunRepository phaseRuns;
    private final RolloutRepository rollouts;
    private final Outbox outbox;

    public PhaseRecorder(PhaseRunRepository phaseRuns, RolloutRepository rollouts, Outbox outbox) {
        this.phaseRuns = phaseRuns;
        this.rollouts = rollouts;
        this.outbox = outbox;
    }

    @Transactional
    public void record(UUID rolloutId, String environment, String target, Phase phase, PhaseOutcome outcome) {
        PhaseRun run = new PhaseRun();
        run.rolloutId = rolloutId;
        run.environment = environment;
        run.target = target;
        run.phase = phase;
        run.status = outcome.status();
        run.startedAt = outcome.startedAt();
        run.finishedAt = outcome.finishedAt();
        run.evidence = outcome.evidence();
        run.error = outcome.error();
        phaseRuns.persist(run);
        outbox.publish(PhaseCompleted.of(rolloutId, environment, target, phase, outcome.status(),
                outcome.startedAt(), outcome.finishedAt(), outcome.evidence(), outcome.error()));
    }

    @Transactional
    public void finish(UUID rolloutId, Rollout.Status status) {
        Rollout rollout = rollouts.findById(rolloutId);
        rollout.status = status;
        rollout.updatedAt = Instant.now();
    }

    /**
     * Stores a rollback request once and commits it at once (a consumer's transaction may commit
     * later than the rollback it triggers); returns the rollout's status before it, or null for an unknown rollout.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Rollout.Status requestRollback(UUID rolloutId, String reason) {
        Rollout rollout = rollouts.findById(rolloutId);
        if (rollout == null) {
            return null;
        }
        Rollout.Status before = rollout.status;
        if (!before.canRollBack()) {
            return before; // refused (409): changes nothing, its reason included
        }
        if (rollout.rollbackReason == null) {
            rollout.rollbackReason = reason;
        }
        if (before == Rollout.Status.SUCCEEDED) {
            rollout.status = Rollout.Status.ROLLING_BACK;
        }
        rollout.updatedAt = Instant.now();
        return before;
    }
}
