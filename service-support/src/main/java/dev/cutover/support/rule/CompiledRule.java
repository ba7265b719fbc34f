package dev.cutover.support.rule;

import java.time.Duration;

/** A validated rule, ready to evaluate: its parsed expression and durations. */
public record CompiledRule(AlertRule rule, RuleExpression expression, Duration pendingFor, Duration keepFiringFor) {

    public String name() {
        return rule.name();
    }
}
