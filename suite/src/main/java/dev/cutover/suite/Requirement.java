package dev.cutover.suite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Something a query needs on the target (OPT3's search function, a view): when it is missing the
 * query is reported SKIPPED with the reason instead of failing every iteration.
 */
public record Requirement(Kind kind, String name) {

    public enum Kind { FUNCTION, RELATION }

    /** Empty when the target has it, else why the query cannot run there. */
    public Optional<String> unmetOn(Connection connection) throws SQLException {
        String sql = switch (kind) {
            // any overload in a schema on the search path
            case FUNCTION -> "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE p.proname = ? AND n.nspname = ANY (current_schemas(false)))";
            case RELATION -> "SELECT to_regclass(?) IS NOT NULL";
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? Optional.empty()
                        : Optional.of("the target has no " + kind.name().toLowerCase() + " " + name);
            }
        }
    }
}
