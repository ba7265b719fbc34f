package dev.cutover.checkpoint.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cutover.checkpoint.evidence.Evidence;
import dev.cutover.events.CheckpointDecided.Criterion;
import dev.cutover.events.CheckpointDecided.Decision;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CriterionDefinition;
import dev.cutover.support.checkpoint.CriterionExpression;

/**
 * Decides a checkpoint from its evidence and sign-offs. A criterion holds only when it holds on
 * every target (environment-wide evidence once); evidence missing on any target fails it.
 */
final class CheckpointEvaluator {

    static final String SIGN_OFFS = "sign_offs";

    private CheckpointEvaluator() {
    }

    /** The criteria as evaluated, and the digest of what they rest on (sign-offs excluded: people sign this). */
    record Evaluation(List<Criterion> criteria, String digest) {

        boolean mandatoryFailed() {
            return criteria.stream().anyMatch(c -> !c.passed() && !c.advisory());
        }

        boolean advisoryFailed() {
            return criteria.stream().anyMatch(c -> !c.passed() && c.advisory());
        }
    }

    static Evaluation evaluate(CheckpointDefinition definition, Evidence evidence, Collection<String> targets) {
        List<Criterion> criteria = new ArrayList<>();
        for (CriterionDefinition criterion : definition.criteria()) {
            criteria.add(evaluate(criterion, evidence, targets));
        }
        return new Evaluation(List.copyOf(criteria), digest(criteria, evidence));
    }

    private static Criterion evaluate(CriterionDefinition definition, Evidence evidence, Collection<String> targets) {
        CriterionExpression expression = definition.expression();
        Collection<String> over = Evidence.isEnvironmentWide(expression.evidence()) || targets.isEmpty() ? List.of("") : targets;
        boolean passed = true;
        List<String> measured = new ArrayList<>();
        boolean anyMeasured = false;
        for (String target : over) {
            Double value = evidence.value(expression.evidence(), target);
            passed &= expression.holds(value);
            anyMeasured |= value != null;
            String shown = value == null ? "missing" : format(value);
            measured.add(over.size() > 1 ? target + ": " + shown : shown);
        }
        return new Criterion(definition.name() + " (" + expression.evidence() + ")", anyMeasured ? String.join(", ", measured) : null,
                expression.thresholdLabel(), passed, definition.isAdvisory());
    }

    /** The sign-offs as one more criterion, so the published decision shows them beside the evidence. */
    static Criterion signOffs(CheckpointDefinition definition, Set<String> approvingRoles) {
        return new Criterion(SIGN_OFFS, approvingRoles.isEmpty() ? "none" : String.join(", ", approvingRoles.stream().sorted().toList()),
                definition.signOffPolicy().label(), definition.signOffPolicy().satisfiedBy(approvingRoles), false);
    }

    /**
     * The decision, or null while sign-offs are awaited. Failed mandatory evidence or a rejection
     * decides at once; advisory failures give CONDITIONAL until the acceptor accepts.
     */
    static Decision decide(CheckpointDefinition definition, Evaluation evaluation, Set<String> approvingRoles, boolean rejected,
                           boolean accepted) {
        boolean acceptance = definition.decidesAcceptance();
        if (evaluation.mandatoryFailed() || rejected) {
            return acceptance ? Decision.ROLLBACK : Decision.NO_GO;
        }
        if (!definition.signOffPolicy().satisfiedBy(approvingRoles)) {
            return null;
        }
        if (evaluation.advisoryFailed() && !accepted) {
            return Decision.CONDITIONAL;
        }
        return acceptance ? Decision.ACCEPT : Decision.GO;
    }

    static boolean stopsTheRollout(CheckpointDecided.Decision decision) {
        return decision == Decision.NO_GO || decision == Decision.ROLLBACK;
    }

    private static String digest(List<Criterion> criteria, Evidence evidence) {
        StringBuilder canonical = new StringBuilder();
        criteria.forEach(c -> canonical.append(c.name()).append('|').append(c.measured()).append('|').append(c.threshold())
                .append('|').append(c.passed()).append('\n'));
        evidence.eventIds().stream().map(Object::toString).sorted().forEach(id -> canonical.append(id).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
