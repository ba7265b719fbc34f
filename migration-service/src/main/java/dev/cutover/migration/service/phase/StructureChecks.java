package dev.cutover.migration.service.phase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.migration.operation.MigrationOperation.Check;

/** Catalog checks of a table and, when partitioned, every partition: indexes valid, constraints validated. */
final class StructureChecks {

    private StructureChecks() {
    }

    static List<Check> of(Connection connection, String table) throws SQLException {
        List<Check> checks = new ArrayList<>();
        List<String> indexes = strings(connection, "SELECT i.indexrelid::regclass::text || CASE WHEN i.indisvalid THEN ''"
                + " ELSE ' INVALID' END FROM pg_index i WHERE i.indrelid IN (SELECT relid FROM pg_partition_tree(?::regclass))",
                table);
        List<String> invalid = indexes.stream().filter(i -> i.endsWith(" INVALID")).toList();
        checks.add(new Check("indexes valid " + table, invalid.isEmpty() ? indexes.size() + " of " + indexes.size()
                : "invalid: " + String.join(", ", invalid), invalid.isEmpty()));
        List<String> unvalidated = strings(connection, "SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint"
                + " WHERE conrelid IN (SELECT relid FROM pg_partition_tree(?::regclass)) AND NOT convalidated", table);
        checks.add(new Check("constraints validated " + table, unvalidated.isEmpty() ? "all"
                : "not validated: " + String.join(", ", unvalidated), unvalidated.isEmpty()));
        return checks;
    }

    /** Rows per partition (a plain table is its own single partition). */
    static Map<String, Long> rowsPerPartition(Connection connection, String table) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String leaf : strings(connection, "SELECT relid::regclass::text FROM pg_partition_tree(?::regclass)"
                + " WHERE isleaf ORDER BY 1", table)) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM ONLY " + leaf)) {
                result.next();
                rows.put(leaf, result.getLong(1));
            }
        }
        return rows;
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
        }
        return values;
    }
}
