package dev.cutover.migration.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cutover.events.Phase;
import dev.cutover.migration.migrationset.InvalidMigrationSetException;
import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.checkpoint.ApprovalFloors;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CheckpointDefinitions;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rest.ProblemMappers;
import dev.cutover.support.rule.RuleSet;
import dev.cutover.support.target.TargetConnections;
import dev.cutover.support.target.TargetDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

/**
 * Checks a submitted plan and reports every problem at once, each with its field path: the fields'
 * own constraints, then what they cannot see alone (duplicates, unknown credentials, the migration
 * set on disk, waves that add no database, checkpoints and alert rules as checkpoint- and
 * monitoring-service would judge them, checkpoints on environments, targets or phases the plan does
 * not have).
 */
@ApplicationScoped
public class PlanValidator {

    private final Validator validator;
    private final TargetConnections connections;
    private final MigrationSetCatalogue catalogue;
    private final Lifecycle lifecycle;
    private final ApprovalFloors floors;

    public PlanValidator(Validator validator, TargetConnections connections, MigrationSetCatalogue catalogue, Lifecycle lifecycle,
            ApprovalFloors floors) {
        this.validator = validator;
        this.connections = connections;
        this.catalogue = catalogue;
        this.lifecycle = lifecycle;
        this.floors = floors;
    }

    /** Throws a 400 naming every field at fault; returns when the plan can run. */
    public void check(RolloutPlan plan) {
        if (plan == null) {
            throw ProblemException.badRequest("body", "a plan (JSON or YAML) is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>(ProblemMappers.fieldErrors(validator.validate(plan)));
        checkMigrationSet(plan, errors);
        if (plan.environments() != null) {
            checkEnvironments(plan.environments(), errors);
        }
        if (plan.checkpoints() != null) {
            List<Problem.FieldError> checkpointErrors = CheckpointDefinitions.problems(plan.checkpoints(), "checkpoints");
            errors.addAll(checkpointErrors);
            if (checkpointErrors.isEmpty() && plan.environments() != null && errors.isEmpty()) {
                checkCheckpointsFitThePlan(plan, errors);
            }
        }
        if (plan.environments() != null) {
            // a plan without checkpoints gets the defaults, which must meet the floors all the same
            List<String> environments = plan.environments().stream().filter(Objects::nonNull).map(EnvironmentPlan::name)
                    .filter(Objects::nonNull).toList();
            errors.addAll(floors.problems(plan.checkpoints() == null ? CheckpointDefinitions.defaults() : plan.checkpoints(),
                    environments, "checkpoints"));
        }
        if (plan.monitoring() != null && plan.monitoring().rules() != null) {
            errors.addAll(RuleSet.problems(plan.monitoring().rules(), "monitoring.rules"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw new ProblemException(Response.Status.BAD_REQUEST, "the plan has " + errors.size() + " problem(s)", errors);
        }
    }

    private void checkMigrationSet(RolloutPlan plan, List<Problem.FieldError> errors) {
        if (plan.migrationSet() == null || !plan.migrationSet().matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            return; // absent is a rehearsal; malformed is already reported
        }
        if (!catalogue.exists(plan.migrationSet())) {
            errors.add(new Problem.FieldError("migrationSet", "no migration set '" + plan.migrationSet() + "' in "
                    + catalogue.directory() + " (known: " + String.join(", ", catalogue.ids()) + ")"));
            return;
        }
        try {
            catalogue.read(plan.migrationSet());
        } catch (InvalidMigrationSetException e) {
            e.problems().forEach(problem -> errors.add(new Problem.FieldError("migrationSet", problem)));
        }
    }

    private void checkEnvironments(List<EnvironmentPlan> environments, List<Problem.FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int e = 0; e < environments.size(); e++) {
            EnvironmentPlan environment = environments.get(e);
            if (environment == null) {
                continue;
            }
            String path = "environments[" + e + "]";
            if (environment.name() != null && !names.add(environment.name())) {
                errors.add(new Problem.FieldError(path + ".name", "duplicate environment '" + environment.name() + "'"));
            }
            if (environment.targets() != null && !environment.targets().isEmpty()) {
                checkTargets(environment.targets(), path, errors);
                checkWaves(environment, path, errors);
            }
        }
    }

    private void checkTargets(List<TargetDatabase> targets, String path, List<Problem.FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int t = 0; t < targets.size(); t++) {
            TargetDatabase target = targets.get(t);
            if (target == null) {
                continue;
            }
            String targetPath = path + ".targets[" + t + "]";
            if (target.name() != null && !names.add(target.name())) {
                errors.add(new Problem.FieldError(targetPath + ".name", "duplicate target '" + target.name() + "'"));
            }
            if (!connections.knowsCredentials(target.credentialsName())) {
                errors.add(new Problem.FieldError(targetPath + ".credentials",
                        "no credentials named '" + target.credentialsName() + "' are configured"));
            }
        }
    }

    /** Waves are cumulative: each a larger share than the one before, the last 100 %, and none empty. */
    private static void checkWaves(EnvironmentPlan environment, String path, List<Problem.FieldError> errors) {
        List<Integer> waves = environment.waves();
        if (waves == null || waves.isEmpty() || waves.contains(null)) {
            return;
        }
        for (int w = 1; w < waves.size(); w++) {
            if (waves.get(w) <= waves.get(w - 1)) {
                errors.add(new Problem.FieldError(path + ".waves[" + w + "]", "must be more than the wave before ("
                        + waves.get(w - 1) + " %): waves are cumulative shares of the targets"));
            }
        }
        if (waves.get(waves.size() - 1) != 100) {
            errors.add(new Problem.FieldError(path + ".waves[" + (waves.size() - 1) + "]",
                    "the last wave must be 100 (%), so every target is rolled out"));
        }
        List<List<TargetDatabase>> byWave = environment.targetWaves();
        for (int w = 0; w < byWave.size(); w++) {
            if (byWave.get(w).isEmpty() && (w == 0 || waves.get(w) > waves.get(w - 1))) {
                errors.add(new Problem.FieldError(path + ".waves[" + w + "]", waves.get(w) + " % of "
                        + environment.targets().size() + " target(s) adds no target to the waves before it: use fewer waves"));
            }
        }
    }

    /**
     * Each checkpoint names an environment of the plan, targets of that environment, and phases that
     * run there: one that could never open would hold nothing, or hold the rollout forever.
     */
    private void checkCheckpointsFitThePlan(RolloutPlan plan, List<Problem.FieldError> errors) {
        Map<String, EnvironmentPlan> environments = new LinkedHashMap<>();
        plan.environments().forEach(environment -> environments.put(environment.name(), environment));
        for (int i = 0; i < plan.checkpoints().size(); i++) {
            CheckpointDefinition checkpoint = plan.checkpoints().get(i);
            String path = "checkpoints[" + i + "]";
            EnvironmentPlan environment = environments.get(checkpoint.environment());
            if (environment == null) {
                errors.add(new Problem.FieldError(path + ".environment", "the plan has no environment '" + checkpoint.environment()
                        + "' (its environments: " + String.join(", ", environments.keySet()) + ")"));
                continue;
            }
            Set<String> targets = environment.targets().stream().map(TargetDatabase::name).collect(Collectors.toSet());
            for (int t = 0; t < checkpoint.targetNames().size(); t++) {
                if (!targets.contains(checkpoint.targetNames().get(t))) {
                    errors.add(new Problem.FieldError(path + ".targets[" + t + "]", "'" + checkpoint.targetNames().get(t)
                            + "' is not a target of " + environment.name()));
                }
            }
            List<Phase> phases = lifecycle.forward(new PhaseRequest(null, plan, environment, environment.targets().get(0)));
            checkRuns(phases, checkpoint.after(), environment.name(), path + ".after", errors);
            if (checkpoint.window() != null) {
                checkRuns(phases, checkpoint.window().opensAfter(), environment.name(), path + ".window.opensAfter", errors);
                checkRuns(phases, checkpoint.window().closesAfter(), environment.name(), path + ".window.closesAfter", errors);
            }
        }
    }

    private static void checkRuns(List<Phase> phases, Phase phase, String environment, String field, List<Problem.FieldError> errors) {
        if (!phases.contains(phase)) {
            errors.add(new Problem.FieldError(field, phase + " does not run in " + environment + " (there: "
                    + phases.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")"));
        }
    }
}
