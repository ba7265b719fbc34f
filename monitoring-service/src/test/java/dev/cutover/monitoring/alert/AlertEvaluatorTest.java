package dev.cutover.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.cutover.events.Severity;
import dev.cutover.monitoring.alert.AlertEvaluator.Change;
import dev.cutover.monitoring.alert.AlertState.Status;
import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.rule.CompiledRule;
import dev.cutover.support.rule.RuleSet;

class AlertEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static CompiledRule rule(String forDuration, String keepFiringFor) {
        return RuleSet.compile(new AlertRule("lock_wait", Severity.WARNING, "lock_wait_max_seconds > 1", forDuration,
                keepFiringFor, null, null, null));
    }

    private static AlertEvaluator.Step at(CompiledRule rule, AlertState state, double value, int second) {
        return AlertEvaluator.evaluate(rule, state, OptionalDouble.of(value), T0.plusSeconds(second));
    }

    @Test
    void firesOnlyAfterHoldingForItsDurationAndOnce() {
        CompiledRule rule = rule("3s", null);
        AlertEvaluator.Step s0 = at(rule, AlertState.INACTIVE, 2, 0);
        assertEquals(Status.PENDING, s0.state().status());
        assertEquals(Change.NONE, s0.change());
        AlertEvaluator.Step s2 = at(rule, s0.state(), 2, 2);
        assertEquals(Status.PENDING, s2.state().status());
        AlertEvaluator.Step s3 = at(rule, s2.state(), 5, 3);
        assertEquals(Status.FIRING, s3.state().status());
        assertEquals(Change.FIRED, s3.change());
        assertEquals(T0, s3.state().activeAt());
        assertEquals(5, s3.state().value());
        AlertEvaluator.Step s4 = at(rule, s3.state(), 6, 4);
        assertEquals(Change.NONE, s4.change(), "a firing alert is announced once");
        assertEquals(Status.FIRING, s4.state().status());
    }

    @Test
    void pendingThatStopsHoldingGoesBackSilently() {
        CompiledRule rule = rule("3s", null);
        AlertEvaluator.Step pending = at(rule, AlertState.INACTIVE, 2, 0);
        AlertEvaluator.Step cleared = at(rule, pending.state(), 0.5, 1);
        assertEquals(Status.INACTIVE, cleared.state().status());
        assertEquals(Change.NONE, cleared.change());
        // and starts over: the next hold needs the whole duration again
        assertEquals(Status.PENDING, at(rule, cleared.state(), 2, 2).state().status());
    }

    @Test
    void zeroForFiresAtOnceAndResolvesWhenItClears() {
        CompiledRule rule = rule(null, null);
        AlertEvaluator.Step fired = at(rule, AlertState.INACTIVE, 2, 0);
        assertEquals(Change.FIRED, fired.change());
        AlertEvaluator.Step resolved = at(rule, fired.state(), 0, 1);
        assertEquals(Change.RESOLVED, resolved.change());
        assertEquals(Status.INACTIVE, resolved.state().status());
    }

    @Test
    void keepFiringForHoldsAFiringAlertAfterItClears() {
        CompiledRule rule = rule(null, "5s");
        AlertEvaluator.Step fired = at(rule, AlertState.INACTIVE, 2, 0);
        AlertEvaluator.Step cleared = at(rule, fired.state(), 0, 3);
        assertEquals(Status.FIRING, cleared.state().status());
        assertEquals(Change.NONE, cleared.change());
        // holding again inside keep_firing_for renews it without a second announcement
        AlertEvaluator.Step again = at(rule, cleared.state(), 3, 4);
        assertEquals(Change.NONE, again.change());
        assertEquals(Status.FIRING, at(rule, again.state(), 0, 8).state().status());
        assertEquals(Change.RESOLVED, at(rule, again.state(), 0, 9).change());
    }

    @Test
    void anAbsentMetricIsNotTrue() {
        CompiledRule rule = rule(null, null);
        AlertEvaluator.Step fired = at(rule, AlertState.INACTIVE, 2, 0);
        AlertEvaluator.Step absent = AlertEvaluator.evaluate(rule, fired.state(), OptionalDouble.empty(), T0.plusSeconds(1));
        assertEquals(Change.RESOLVED, absent.change());
        assertEquals(Change.NONE,
                AlertEvaluator.evaluate(rule, AlertState.INACTIVE, OptionalDouble.of(Double.NaN), T0).change());
    }
}
