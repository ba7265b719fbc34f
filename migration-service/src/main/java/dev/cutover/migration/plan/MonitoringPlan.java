package dev.cutover.migration.plan;

import java.util.List;

import dev.cutover.support.rule.AlertRule;

/**
 * How monitoring-service watches the rollout's targets: {@code rules} override its default alert
 * rules by name, add rules, or switch one off ({@code enabled: false}), as a watch's overrides do
 * (docs/monitoring.md).
 */
public record MonitoringPlan(List<AlertRule> rules) {

    public List<AlertRule> ruleOverrides() {
        return rules == null ? List.of() : rules;
    }
}
