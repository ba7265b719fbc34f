package dev.cutover.migration.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.plan.TargetDatabase;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.RolloutRepository;
import dev.cutover.support.rest.Problem;
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
    private final TargetConnections connections;
    private final ObjectMapper json;

    public RolloutService(RolloutRepository rollouts, PhaseRunRepository phaseRuns, RolloutRunner runner,
            TargetConnections connections, ObjectMapper json) {
        this.rollouts = rollouts;
        this.phaseRuns = phaseRuns;
        this.runner = runner;
        this.connections = connections;
        this.json = json;
    }

    /** Persists the rollout, then runs it in the background; returns at once. */
    public RolloutView start(RolloutPlan plan) {
        rejectInconsistent(plan);
        Rollout rollout = new Rollout();
        rollout.id = UUID.randomUUID();
        rollout.name = plan.name();
        rollout.plan = toJson(plan);
        rollout.status = Rollout.Status.RUNNING;
        rollout.createdAt = Instant.now();
        rollout.updatedAt = rollout.createdAt;
        QuarkusTransaction.requiringNew().run(() -> rollouts.persist(rollout));
        runner.submit(rollout.id);
        return RolloutView.of(rollout, List.of());
    }

    @Transactional
    public RolloutView get(UUID id) {
        Rollout rollout = rollouts.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no rollout " + id));
        return RolloutView.of(rollout, phaseRuns.ofRollout(id));
    }

    @Transactional
    public List<RolloutView> recent(int limit) {
        return rollouts.recent(limit).stream().map(r -> RolloutView.of(r, List.of())).toList();
    }

    /** What bean validation cannot see: duplicates and unknown credentials, all reported at once. */
    private void rejectInconsistent(RolloutPlan plan) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> environments = new HashSet<>();
        for (int e = 0; e < plan.environments().size(); e++) {
            EnvironmentPlan environment = plan.environments().get(e);
            String envPath = "environments[" + e + "]";
            if (!environments.add(environment.name())) {
                errors.add(new Problem.FieldError(envPath + ".name", "duplicate environment '" + environment.name() + "'"));
            }
            Set<String> targets = new HashSet<>();
            for (int t = 0; t < environment.targets().size(); t++) {
                TargetDatabase target = environment.targets().get(t);
                String targetPath = envPath + ".targets[" + t + "]";
                if (!targets.add(target.name())) {
                    errors.add(new Problem.FieldError(targetPath + ".name", "duplicate target '" + target.name() + "'"));
                }
                if (!connections.knowsCredentials(target.credentialsName())) {
                    errors.add(new Problem.FieldError(targetPath + ".credentials",
                            "no credentials named '" + target.credentialsName() + "' are configured"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "the plan has " + errors.size() + " problem(s)", errors);
        }
    }

    private String toJson(RolloutPlan plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
