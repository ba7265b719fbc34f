package dev.cutover.support.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cutover.support.expression.Durations;
import dev.cutover.support.rest.Problem;

/**
 * Validates rules (every problem at once, each with its field path) and combines a default set
 * with a plan's overrides: an override replaces the default of the same name, a new name adds a
 * rule, {@code enabled: false} removes one.
 */
public final class RuleSet {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private RuleSet() {
    }

    /** Every problem of the rules, fields named {@code <path>[i].<field>}; empty when they are valid. */
    public static List<Problem.FieldError> problems(List<AlertRule> rules, String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (rules == null) {
            errors.add(new Problem.FieldError(path, "must be a list of rules"));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = path + "[" + i + "]";
            AlertRule rule = rules.get(i);
            if (rule == null) {
                errors.add(new Problem.FieldError(at, "must be a rule"));
                continue;
            }
            if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
                errors.add(new Problem.FieldError(at + ".name", "must be lower-case letters, digits and '_', starting with a letter"));
            } else if (!seen.add(rule.name())) {
                errors.add(new Problem.FieldError(at + ".name", "'" + rule.name() + "' appears more than once"));
            }
            if (!rule.isEnabled()) {
                continue; // a switched-off override needs only its name
            }
            if (rule.severity() == null) {
                errors.add(new Problem.FieldError(at + ".severity", "must be CRITICAL, WARNING or INFO"));
            }
            try {
                RuleExpression.parse(rule.expr());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at + ".expr", e.getMessage()));
            }
            Durations.problem(rule.forDuration()).ifPresent(m -> errors.add(new Problem.FieldError(at + ".for", m)));
            Durations.problem(rule.keepFiringFor()).ifPresent(m -> errors.add(new Problem.FieldError(at + ".keepFiringFor", m)));
        }
        return errors;
    }

    /** The defaults with the overrides applied, compiled; both must be valid. */
    public static List<CompiledRule> combine(List<AlertRule> defaults, List<AlertRule> overrides) {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        defaults.forEach(r -> byName.put(r.name(), r));
        if (overrides != null) {
            overrides.forEach(r -> byName.put(r.name(), r));
        }
        return byName.values().stream().filter(AlertRule::isEnabled).map(RuleSet::compile).toList();
    }

    public static CompiledRule compile(AlertRule rule) {
        return new CompiledRule(rule, RuleExpression.parse(rule.expr()), duration(rule.forDuration()),
                duration(rule.keepFiringFor()));
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; absent is zero. */
    public static Duration duration(String text) {
        return Durations.parse(text);
    }
}
