package dev.cutover.support.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.cutover.events.Severity;

/**
 * One alert rule as written in a rule file, a plan or a REST body. Semantics follow Prometheus's
 * alerting rules: the expression must hold for {@code for} before the alert fires, a firing alert
 * stays firing {@code keepFiringFor} after the expression stopped holding, then resolves.
 *
 * @param rollbackTrigger firing during a guarded window (cutover, stability) asks for a rollback
 * @param enabled false in an override switches a default rule off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(
        String name,
        Severity severity,
        String expr,
        @JsonProperty("for") String forDuration,
        String keepFiringFor,
        Boolean rollbackTrigger,
        Boolean enabled,
        String description) {

    public boolean triggersRollback() {
        return Boolean.TRUE.equals(rollbackTrigger);
    }

    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }
}
