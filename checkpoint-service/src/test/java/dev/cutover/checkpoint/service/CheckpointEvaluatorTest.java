package dev.cutover.checkpoint.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cutover.checkpoint.evidence.Evidence;
import dev.cutover.events.CheckpointDecided.Decision;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CheckpointDefinitions;
import dev.cutover.support.checkpoint.CriterionDefinition;
import dev.cutover.support.checkpoint.SignOffPolicy;

/** The decision rule on evidence built in memory; CheckpointDecisionTest runs it through the broker. */
class CheckpointEvaluatorTest {

    private static final UUID ROLLOUT = UUID.randomUUID();

    @Test
    void theShippedDefaultsAreTheSeedsFourCheckpointsAndValid() {
        List<CheckpointDefinition> defaults = CheckpointDefinitions.defaults();
        assertEquals(List.of("CP1", "CP2", "CP3", "CP4"), defaults.stream().map(CheckpointDefinition::name).toList());
        assertTrue(defaults.get(3).decidesAcceptance());
        assertEquals("dba and cto, plus 2 of infra-lead, app-lead, pm", defaults.get(1).signOffPolicy().label());
    }

    @Test
    void aCriterionHoldsOnlyWhereItHoldsOnEveryTargetAndMissingEvidenceFailsIt() {
        CheckpointDefinition definition = definition(new SignOffPolicy(List.of(), null),
                new CriterionDefinition("lock", "apply.maxExclusiveLockMs <= 100", false, null));
        Evidence both = Evidence.of(List.of(apply("db1", 12.0), apply("db2", 140.0)));
        var evaluation = CheckpointEvaluator.evaluate(definition, both, List.of("db1", "db2"));
        assertFalse(evaluation.criteria().get(0).passed());
        assertEquals("db1: 12, db2: 140", evaluation.criteria().get(0).measured());
        assertEquals(Decision.NO_GO, CheckpointEvaluator.decide(definition, evaluation, Set.of(), false, false));

        Evidence oneMissing = Evidence.of(List.of(apply("db1", 12.0)));
        var missing = CheckpointEvaluator.evaluate(definition, oneMissing, List.of("db1", "db2"));
        assertFalse(missing.criteria().get(0).passed());
        assertEquals("db1: 12, db2: missing", missing.criteria().get(0).measured());
        assertNull(CheckpointEvaluator.evaluate(definition, Evidence.of(List.of()), List.of("db1")).criteria().get(0).measured());
    }

    @Test
    void signOffsGateGoAndAdvisoryFailuresGiveConditionalUntilAccepted() {
        CheckpointDefinition definition = definition(new SignOffPolicy(List.of("dba"), new SignOffPolicy.AnyOf(1, List.of("pm", "cto"))),
                new CriterionDefinition("lock", "apply.maxExclusiveLockMs <= 100", true, null));
        var evaluation = CheckpointEvaluator.evaluate(definition, Evidence.of(List.of(apply("db1", 140.0))), List.of("db1"));
        assertNull(CheckpointEvaluator.decide(definition, evaluation, Set.of("dba"), false, false));
        assertEquals(Decision.CONDITIONAL, CheckpointEvaluator.decide(definition, evaluation, Set.of("dba", "cto"), false, false));
        assertEquals(Decision.GO, CheckpointEvaluator.decide(definition, evaluation, Set.of("dba", "cto"), false, true));
        assertEquals(Decision.NO_GO, CheckpointEvaluator.decide(definition, evaluation, Set.of("dba", "cto"), true, true));
    }

    @Test
    void theDigestChangesWithTheEvidence() {
        CheckpointDefinition definition = definition(new SignOffPolicy(List.of(), null),
                new CriterionDefinition("lock", "apply.maxExclusiveLockMs <= 100", false, null));
        String first = CheckpointEvaluator.evaluate(definition, Evidence.of(List.of(apply("db1", 12.0))), List.of("db1")).digest();
        String second = CheckpointEvaluator.evaluate(definition, Evidence.of(List.of(apply("db1", 13.0))), List.of("db1")).digest();
        assertFalse(first.equals(second));
    }

    private static CheckpointDefinition definition(SignOffPolicy signOffs, CriterionDefinition criterion) {
        return new CheckpointDefinition("CP3", null, "production", Phase.APPLY, null, false, List.of(criterion), signOffs, "cto", null);
    }

    private static PhaseCompleted apply(String target, double lockMs) {
        Instant at = Instant.now();
        return PhaseCompleted.of(ROLLOUT, "production", target, Phase.APPLY, PhaseStatus.SUCCEEDED, at, at,
                Map.of("maxExclusiveLockMs", lockMs), null);
    }
}
