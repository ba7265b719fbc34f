package dev.cutover.support.checkpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.cutover.support.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checkpoints held against the platform's approval floors: on an environment with a floor, every
 * checkpoint that asks for sign-offs asks at least the floor, and at least one checkpoint does.
 * migration-service applies it to a plan at submission, checkpoint-service to a registration.
 */
@ApplicationScoped
public class ApprovalFloors {

    private final ApprovalConfig config;

    public ApprovalFloors(ApprovalConfig config) {
        this.config = config;
    }

    public Optional<SignOffPolicy> floorOf(String environment) {
        return Optional.ofNullable(config.floors().get(environment)).map(ApprovalConfig.Floor::policy).filter(p -> !p.isEmpty());
    }

    public boolean fourEyes(String environment) {
        return config.fourEyes().contains(environment);
    }

    /**
     * Every way {@code checkpoints} (at {@code path}) fall below the floors of {@code environments},
     * the environments they gate (a plan's; for a registration, the checkpoints' own).
     */
    public List<Problem.FieldError> problems(List<CheckpointDefinition> checkpoints, Collection<String> environments, String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> met = new LinkedHashSet<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            CheckpointDefinition checkpoint = checkpoints.get(i);
            if (checkpoint == null || checkpoint.environment() == null) {
                continue;
            }
            Optional<SignOffPolicy> floor = floorOf(checkpoint.environment());
            if (floor.isEmpty()) {
                continue;
            }
            List<String> missing = missing(floor.get(), checkpoint.signOffPolicy());
            if (missing.isEmpty()) {
                met.add(checkpoint.environment());
            } else if (!checkpoint.signOffPolicy().isEmpty()) {
                errors.add(new Problem.FieldError(path + "[" + i + "].signOffs", belowFloor(checkpoint.environment(), floor.get(), missing)));
            }
        }
        for (String environment : new LinkedHashSet<>(environments)) {
            floorOf(environment).filter(floor -> !met.contains(environment)).ifPresent(floor -> errors.add(new Problem.FieldError(path,
                    "environment '" + environment + "' needs a checkpoint whose sign-offs are at least " + floor.label()
                            + " (the platform's floor; a plan may ask more, never less)")));
        }
        return errors;
    }

    /**
     * What the checkpoint's policy lacks to guarantee the floor, as people read it; empty when any
     * set of approvals that satisfies the checkpoint also satisfies the floor.
     */
    static List<String> missing(SignOffPolicy floor, SignOffPolicy asked) {
        List<String> missing = new ArrayList<>();
        floor.requiredRoles().stream().filter(r -> !asked.requiredRoles().contains(r)).forEach(missing::add);
        if (floor.optionalCount() > 0) {
            Set<String> pool = Set.copyOf(floor.optionalRoles());
            long guaranteed = asked.requiredRoles().stream().filter(pool::contains).count()
                    + Math.max(0, asked.optionalCount() - asked.optionalRoles().stream().filter(r -> !pool.contains(r)).count());
            if (guaranteed < floor.optionalCount()) {
                missing.add(floor.optionalCount() + " of " + String.join(", ", floor.optionalRoles()));
            }
        }
        return missing;
    }

    private static String belowFloor(String environment, SignOffPolicy floor, List<String> missing) {
        return "below the platform's floor for '" + environment + "' (" + floor.label() + "): missing " + String.join(" and ", missing);
    }
}
