package dev.cutover.migration.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL file into statements at top-level semicolons, respecting quotes, quoted
 * identifiers, dollar-quoted bodies and comments, so a step that must not run in a transaction
 * (CREATE INDEX CONCURRENTLY) can send its statements one by one.
 */
public final class SqlScript {

    private SqlScript() {
    }

    public static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i + 1, String.valueOf(c));
            } else if (c == '-' && sql.startsWith("--", i)) {
                end = closing(sql, i, "\n");
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = closing(sql, i + 2, "*/");
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                end = closing(sql, i + tag.length(), tag);
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            current.append(sql, i, end);
            i = end;
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    /** Index just past the first {@code terminator} at or after {@code from}, or the end of the text. */
    private static int closing(String sql, int from, String terminator) {
        int at = sql.indexOf(terminator, from);
        return at < 0 ? sql.length() : at + terminator.length();
    }

    /** The {@code $tag$} starting at {@code i}, or null when the dollar sign starts no tag. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder current) {
        String statement = stripComments(current.toString()).isBlank() ? "" : current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
