package dev.cutover.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import dev.cutover.testing.TestPostgres;

/** The table of widgets the fixture sets change, in a database of its own per target, and what they leave on it. */
final class Widgets {

    private Widgets() {
    }

    /** A new database with 500 widgets; its name is added to {@code created}, for the test to drop. */
    static String database(List<String> created) {
        String db = "widgets_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.get().createDatabase(db);
        created.add(db);
        TestPostgres.get().execute(db, "CREATE TABLE widgets (id bigserial PRIMARY KEY, name text NOT NULL,"
                + " created_at timestamptz NOT NULL DEFAULT now());"
                + " INSERT INTO widgets (name, created_at) SELECT 'widget ' || g, timestamptz '2026-01-01' + g * interval '1 hour'"
                + " FROM generate_series(1, 500) g");
        return db;
    }

    /** Whether the sets' first step, the index on widgets.name, is there. */
    static boolean indexed(String db) {
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT to_regclass('widgets_name_idx') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
