package dev.cutover.migration.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;


import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.repository.CheckpointGateRepository;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.RolloutRepository;
import dev.cutover.migration.repository.StepRunRepository;
import dev.cutover.support.rest.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/** Accepts plans, starts their rollouts and answers what happened. */
@ApplicationScoped
public class RolloutService {

    private final RolloutRepository rollouts;
    private final PhaseRunRepository phaseRuns;
    private final RolloutRunner runner;
    private final StepRunRepository stepRuns;
    private final StoredPlans plans;
    private final PlanValidator validator;
    private final CheckpointGateRepository gates;

    public RolloutService(RolloutRepository rollouts, PhaseRunRepository phaseRuns, StepRunRepository stepRuns,
            RolloutRunner runner, StoredPlans plans, PlanValidator validator, CheckpointGateRepository gates) {
        this.rollouts = rollouts;
        this.phaseRuns = phaseRuns;
        this.stepRuns = stepRuns;
        this.runner = runner;
        this.plans = plans;
        this.validator = validator;
        this.gates = gates;
    }

    /** Persists the rollout as {@code submittedBy}'s, then runs it in the background; returns at once. */
    public RolloutView start(RolloutPlan plan, String submittedBy) {
        validator.check(plan);
        Rollout rollout = new Rollout();
        rollout.id = UUID.randomUUID();
        rollout.name = plan.name();
        rollout.submittedBy = submittedBy;
        rollout.plan = plans.write(plan);
        rollout.status = Rollout.Status.RUNNING;
        rollout.createdAt = Instant.now();
        rollout.updatedAt = rollout.createdAt;
        QuarkusTransaction.requiringNew().run(() -> rollouts.persist(rollout));
        runner.submit(rollout.id);
        return RolloutView.summary(rollout, plan);
    }

    @Transactional
    public RolloutView get(UUID id) {
        Rollout rollout = find(id);
        return RolloutView.of(rollout, plans.read(rollout), phaseRuns.ofRollout(id), stepRuns.ofRollout(id),
                gates.ofRollout(id));
    }

    @Transactional
    public List<RolloutView> recent(int limit) {
        return rollouts.recent(limit).stream().map(r -> RolloutView.summary(r, plans.read(r))).toList();
    }

    /** Rolls back every target the rollout changed (stopping it first at a safe point if it runs). */
    public RolloutView rollback(UUID id, String reason) {
        Rollout.Status status = QuarkusTransaction.requiringNew().call(() -> find(id).status);
        if (!runner.requestRollback(id, reason)) {
            throw new ProblemException(Response.Status.CONFLICT, "rollout " + id + " is " + status
                    + ": only a running, applied or rolling-back rollout can be rolled back", List.of());
        }
        return get(id);
    }

    /** After acceptance: drops what was kept for a rollback. There is no way back afterwards. */
    public RolloutView finalise(UUID id) {
        Rollout.Status status = QuarkusTransaction.requiringNew().call(() -> find(id).status);
        if (status != Rollout.Status.SUCCEEDED) {
            throw new ProblemException(Response.Status.CONFLICT, "rollout " + id + " is " + status
                    + ": only a SUCCEEDED rollout can be finalised", List.of());
        }
        runner.finalise(id);
        return get(id);
    }

    private Rollout find(UUID id) {
        return rollouts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no rollout " + id));
    }
}
