package dev.cutover.support.expression;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiPredicate;

/** The comparisons of alert rules (monitoring-service) and checkpoint criteria (checkpoint-service). */
public enum Comparison {
    GT(">", (v, t) -> v > t), GE(">=", (v, t) -> v >= t), LT("<", (v, t) -> v < t), LE("<=", (v, t) -> v <= t),
    EQ("==", (v, t) -> v.doubleValue() == t), NE("!=", (v, t) -> v.doubleValue() != t);

    /** The symbols, for a pattern: longest first, so {@code >=} is not read as {@code >}. */
    public static final String PATTERN = ">=|<=|==|!=|>|<";

    private final String symbol;
    private final BiPredicate<Double, Double> test;

    Comparison(String symbol, BiPredicate<Double, Double> test) {
        this.symbol = symbol;
        this.test = test;
    }

    public static Optional<Comparison> of(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double value, double threshold) {
        return test.test(value, threshold);
    }
}
