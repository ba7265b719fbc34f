package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What "exactly the pre-state" means for a table, as lines that compare with a readable diff: its
 * OID and kind, content fingerprint, indexes, constraints, triggers, sequence owner, and every
 * relation or function in the database whose name says it was left by a cutover.
 */
public record TableShape(List<String> lines) {

    public static TableShape of(Connection connection, String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.addAll(query(connection, "SELECT 'table ' || oid || ' relkind ' || relkind::text FROM pg_class WHERE oid = ?::regclass",
                table));
        TableFingerprint print = TableFingerprint.inOneSnapshot(connection, List.of(table)).get(0);
        lines.add("fingerprint " + print.rows() + " " + print.hash());
        lines.addAll(query(connection, "SELECT 'index ' || pg_get_indexdef(indexrelid) || ' valid=' || indisvalid"
                + " FROM pg_index WHERE indrelid = ?::regclass ORDER BY 1", table));
        lines.addAll(query(connection, "SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated='"
                + " || convalidated FROM pg_constraint WHERE conrelid = ?::regclass ORDER BY 1", table));
        lines.addAll(query(connection, "SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = ?::regclass"
                + " AND NOT tgisinternal ORDER BY 1", table));
        lines.addAll(query(connection, "SELECT 'sequence ' || pg_get_serial_sequence(?, 'id')", table));
        lines.addAll(query(connection, "SELECT 'leftover relation ' || relname FROM pg_class WHERE relname LIKE ?"
                + " UNION ALL SELECT 'leftover function ' || proname FROM pg_proc WHERE proname LIKE ? ORDER BY 1",
                "%cutover%", "%cutover%"));
        return new TableShape(lines);
    }

    private static List<String> query(Connection connection, String sql, String... args) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
