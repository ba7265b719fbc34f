package dev.cutover.support.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One criterion of a checkpoint. An advisory criterion that fails makes the decision CONDITIONAL
 * instead of NO-GO.
 */
public record CriterionDefinition(String name, String expr, Boolean advisory, String description) {

    @JsonIgnore
    public boolean isAdvisory() {
        return Boolean.TRUE.equals(advisory);
    }

    public CriterionExpression expression() {
        return CriterionExpression.parse(expr);
    }
}
