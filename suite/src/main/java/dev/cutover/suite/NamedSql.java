package dev.cutover.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite query's SQL with {@code :name} parameters, rewritten to JDBC's {@code ?} placeholders.
 * A colon that follows another colon ({@code ::geometry}) is a cast, not a parameter; quoted
 * strings are left alone.
 */
public record NamedSql(String text, String jdbcSql, List<String> parameterOrder) {

    private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'|(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    public static NamedSql parse(String text) {
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder jdbc = new StringBuilder();
        List<String> order = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name == null) {
                matcher.appendReplacement(jdbc, Matcher.quoteReplacement(matcher.group()));
            } else {
                order.add(name);
                matcher.appendReplacement(jdbc, "?");
            }
        }
        matcher.appendTail(jdbc);
        return new NamedSql(text, jdbc.toString(), Collections.unmodifiableList(order));
    }
}
