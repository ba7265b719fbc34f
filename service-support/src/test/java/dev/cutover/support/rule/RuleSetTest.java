package dev.cutover.support.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.cutover.events.Severity;
import dev.cutover.support.rest.Problem;

class RuleSetTest {

    private static AlertRule rule(String name, String expr) {
        return new AlertRule(name, Severity.WARNING, expr, null, null, null, null, null);
    }

    @Test
    void everyProblemIsNamedByItsFieldPath() {
        List<AlertRule> rules = List.of(
                rule("ok", "lock_wait_max_seconds > 1"),
                rule("typo", "lock_wiat_seconds > 1"),
                new AlertRule("Bad Name", null, "cache_hit_percent < ninety", "soon", "5 minutes", null, null, null),
                rule("ok", "deadlocks > 0"));
        Map<String, String> problems = RuleSet.problems(rules, "rules").stream()
                .collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message));
        assertTrue(problems.get("rules[1].expr").contains("unknown metric 'lock_wiat_seconds'"), problems.toString());
        assertTrue(problems.get("rules[1].expr").contains("lock_wait_max_seconds"), "the message lists the known metrics");
        assertTrue(problems.containsKey("rules[2].name"));
        assertTrue(problems.containsKey("rules[2].severity"));
        assertTrue(problems.get("rules[2].expr").contains("is not '<metric> <comparison> <number>'"), problems.toString());
        assertTrue(problems.get("rules[2].for").contains("'soon'"));
        assertTrue(problems.containsKey("rules[2].keepFiringFor"));
        assertTrue(problems.get("rules[3].name").contains("more than once"));
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(RuleSet.problems(List.of(rule("ok", "lock_wait_max_seconds >= 1.5")), "rules").isEmpty());
    }

    @Test
    void overridesReplaceAddAndSwitchOff() {
        List<AlertRule> defaults = List.of(rule("a", "deadlocks > 0"), rule("b", "unused_indexes > 0"));
        List<AlertRule> overrides = List.of(
                new AlertRule("a", Severity.CRITICAL, "deadlocks > 5", "10s", null, true, null, null),
                new AlertRule("b", null, null, null, null, null, false, null),
                rule("c", "target_up < 1"));
        List<CompiledRule> combined = RuleSet.combine(defaults, overrides);
        assertEquals(List.of("a", "c"), combined.stream().map(CompiledRule::name).toList());
        CompiledRule a = combined.get(0);
        assertEquals(5, a.expression().threshold());
        assertEquals(Duration.ofSeconds(10), a.pendingFor());
        assertTrue(a.rule().triggersRollback());
        assertTrue(RuleSet.problems(overrides, "rules").isEmpty(), "a switched-off override needs only its name");
    }

    @Test
    void expressionsCompareAndAbsentIsNeverTrue() {
        RuleExpression below = RuleExpression.parse("cache_hit_percent < 90");
        assertTrue(below.holds(OptionalDouble.of(89.9)));
        assertFalse(below.holds(OptionalDouble.of(90)));
        assertFalse(below.holds(OptionalDouble.empty()));
        assertTrue(RuleExpression.parse("target_up == 0").holds(OptionalDouble.of(0)));
        assertEquals(Duration.ofMillis(500), RuleSet.duration("500ms"));
        assertEquals(Duration.ofHours(1), RuleSet.duration("1h"));
    }
}
