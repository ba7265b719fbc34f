package dev.cutover.support.checkpoint;

import java.util.List;

import dev.cutover.events.Phase;

/**
 * A checkpoint as a plan states it: it opens in {@code environment} once {@code after} has completed
 * on every target ({@code targets}, or every target that reported in the environment), is decided
 * from its criteria and the sign-offs, and — when {@code acceptance} — decides ACCEPT / ROLLBACK
 * (stability) rather than GO / NO-GO. {@code conditionalAcceptor} is the role that may accept a
 * CONDITIONAL decision with a reason. {@code window}, when given, is the cutover window the
 * checkpoint guards.
 */
public record CheckpointDefinition(String name, String description, String environment, Phase after, List<String> targets,
                                   Boolean acceptance, List<CriterionDefinition> criteria, SignOffPolicy signOffs,
                                   String conditionalAcceptor, WindowPlan window) {

    public boolean decidesAcceptance() {
        return Boolean.TRUE.equals(acceptance);
    }

    public SignOffPolicy signOffPolicy() {
        return signOffs == null ? new SignOffPolicy(List.of(), null) : signOffs;
    }

    public List<String> targetNames() {
        return targets == null ? List.of() : targets;
    }
}
