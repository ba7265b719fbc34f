package dev.cutover.support.checkpoint;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cutover.support.expression.Comparison;

/**
 * {@code <evidence> <comparison> <number|true|false>}, e.g. {@code benchmark.Q1.improvementPercent >= 10}
 * or {@code validate.succeeded == true}; booleans compare as 1 and 0. Which evidence names exist is
 * {@link dev.cutover.checkpoint.evidence.Evidence}'s business: an unknown one is simply never measured.
 */
public record CriterionExpression(String evidence, Comparison comparison, double threshold, String thresholdText) {

    private static final Pattern FORM = Pattern.compile(
            "\\s*([a-z][a-z_]*(?:\\.[A-Za-z0-9_]+){1,2})\\s*(" + Comparison.PATTERN + ")\\s*(-?[0-9]+(?:\\.[0-9]+)?|true|false)\\s*");

    /** Parses an expression, or says in one sentence what is wrong with it. */
    public static CriterionExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write '<evidence> <comparison> <value>', e.g. 'validate.failedChecks == 0'");
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not '<evidence> <comparison> <value>' with an evidence name such as "
                    + "'apply.maxExclusiveLockMs', one of > >= < <= == != and a number, true or false");
        }
        String value = matcher.group(3);
        double threshold = switch (value) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Double.parseDouble(value);
        };
        return new CriterionExpression(matcher.group(1), Comparison.of(matcher.group(2)).orElseThrow(), threshold, value);
    }

    /** True when the value was measured and satisfies the comparison: missing evidence is never a pass. */
    public boolean holds(Double value) {
        return value != null && !value.isNaN() && comparison.test(value, threshold);
    }

    /** The threshold as people read it: {@code >= 10}. */
    public String thresholdLabel() {
        return comparison.symbol() + " " + thresholdText;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", evidence, thresholdLabel());
    }
}
