package dev.cutover.support.expression;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rules and plans write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; at
 * most {@link #LONGEST}, so that no time computed from one can overflow.
 */
public final class Durations {

    public static final Duration LONGEST = Duration.ofDays(366);
    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h)");

    private Durations() {
    }

    /** The duration; absent is zero; a malformed one throws (check it with {@link #problem} first). */
    public static Duration parse(String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        Duration duration = written(text);
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(text);
        }
        return duration;
    }

    /** What is wrong with the text as a duration; empty when it is one, or absent. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (!FORM.matcher(text.strip()).matches()) {
            return Optional.of("'" + text + "' is not a duration such as 500ms, 30s, 5m or 1h");
        }
        return written(text).compareTo(LONGEST) > 0 ? Optional.of("'" + text + "' is longer than " + LONGEST.toHours() + "h")
                : Optional.empty();
    }

    /** What the text says, unbounded (twelve digits of hours still fit a Duration). */
    private static Duration written(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
