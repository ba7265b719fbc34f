package dev.cutover.support.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.cutover.support.expression.Comparison;

/** {@code <metric> <comparison> <number>}, e.g. {@code lock_wait_max_seconds > 1}. */
public record RuleExpression(Metric metric, Comparison comparison, double threshold) {

    private static final Pattern FORM = Pattern.compile("\\s*([a-z0-9_]+)\\s*(" + Comparison.PATTERN + ")\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*");

    /** Parses an expression, or says in one sentence what is wrong with it. */
    public static RuleExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write '<metric> <comparison> <number>', e.g. 'lock_wait_max_seconds > 1'");
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not '<metric> <comparison> <number>' with one of > >= < <= == !=");
        }
        Metric metric = Metric.byKey(matcher.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "unknown metric '" + matcher.group(1) + "'; known: "
                        + Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", "))));
        return new RuleExpression(metric, Comparison.of(matcher.group(2)).orElseThrow(), Double.parseDouble(matcher.group(3)));
    }

    /** True when the metric was measured and satisfies the comparison; an absent metric is never true. */
    public boolean holds(OptionalDouble value) {
        return value.isPresent() && !Double.isNaN(value.getAsDouble()) && comparison.test(value.getAsDouble(), threshold);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", metric.key(), comparison.symbol(), threshold);
    }
}
