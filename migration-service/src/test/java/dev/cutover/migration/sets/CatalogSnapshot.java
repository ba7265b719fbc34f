package dev.cutover.migration.sets;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a migration set could leave behind in a database's catalog: relations (with kind,
 * access method, partition bound and comment), functions and procedures, and constraints, outside
 * the system schemas. Equal snapshots before a set and after its rollback mean nothing was left over.
 */
final class CatalogSnapshot {

    private static final String USER_SCHEMAS = " n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private CatalogSnapshot() {
    }

    static List<String> of(Connection connection) throws SQLException {
        List<String> entries = new ArrayList<>();
        entries.addAll(Rows.of(connection, "SELECT 'relation', c.relkind, c.oid::regclass, am.amname,"
                + " pg_get_expr(c.relpartbound, c.oid), obj_description(c.oid, 'pg_class')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_am am ON am.oid = c.relam"
                + " WHERE" + USER_SCHEMAS + " ORDER BY c.oid::regclass::text"));
        entries.addAll(Rows.of(connection, "SELECT 'routine', p.oid::regprocedure FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE" + USER_SCHEMAS + " ORDER BY p.oid::regprocedure::text"));
        entries.addAll(Rows.of(connection, "SELECT 'constraint', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)"
                + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE" + USER_SCHEMAS
                + " ORDER BY c.conrelid::regclass::text, c.conname"));
        return entries;
    }
}
