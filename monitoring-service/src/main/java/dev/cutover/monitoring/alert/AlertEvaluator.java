package dev.cutover.monitoring.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import dev.cutover.support.rule.CompiledRule;

/**
 * Prometheus's alerting-rule state machine for one rule on one target: an expression that holds
 * makes the alert PENDING, holding for the rule's {@code for} makes it FIRING (announced once), and
 * once it stops holding a FIRING alert waits {@code keep_firing_for} before it RESOLVES (announced
 * once); a PENDING alert whose expression stops holding goes back to INACTIVE silently.
 */
public final class AlertEvaluator {

    /** What the evaluation changed: the new state and whether it must be announced. */
    public record Step(AlertState state, Change change) {
    }

    public enum Change {
        NONE, FIRED, RESOLVED
    }

    private AlertEvaluator() {
    }

    public static Step evaluate(CompiledRule rule, AlertState state, OptionalDouble value, Instant now) {
        boolean holds = rule.expression().holds(value);
        if (holds) {
            double v = value.getAsDouble();
            return switch (state.status()) {
                case INACTIVE -> pendingOrFiring(rule, now, now, v);
                case PENDING -> pendingOrFiring(rule, state.activeAt(), now, v);
                case FIRING -> new Step(new AlertState(AlertState.Status.FIRING, state.activeAt(), state.firedAt(), now, v),
                        Change.NONE);
            };
        }
        return switch (state.status()) {
            case INACTIVE -> new Step(state, Change.NONE);
            case PENDING -> new Step(AlertState.INACTIVE, Change.NONE);
            case FIRING -> Duration.between(state.lastTrueAt(), now).compareTo(rule.keepFiringFor()) >= 0
                    ? new Step(AlertState.INACTIVE, Change.RESOLVED)
                    : new Step(state, Change.NONE);
        };
    }

    private static Step pendingOrFiring(CompiledRule rule, Instant activeAt, Instant now, double value) {
        if (Duration.between(activeAt, now).compareTo(rule.pendingFor()) >= 0) {
            return new Step(new AlertState(AlertState.Status.FIRING, activeAt, now, now, value), Change.FIRED);
        }
        return new Step(new AlertState(AlertState.Status.PENDING, activeAt, null, now, value), Change.NONE);
    }
}
