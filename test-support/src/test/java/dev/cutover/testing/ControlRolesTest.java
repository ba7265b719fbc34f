package dev.cutover.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * sql/control/roles.sql, as every service meets it: a service's role owns its schema and cannot
 * reach another's or create one; the targets' reader reads and writes nothing; running the file
 * again hands what a superuser made in a schema to the schema's service.
 */
class ControlRolesTest {

    private final TestPostgres postgres = TestPostgres.get();

    @Test
    void aServiceOwnsItsSchemaAndCannotReachAnother() throws Exception {
        String table = "t_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection migration = control("migration"); Statement sql = migration.createStatement()) {
            sql.execute("CREATE TABLE migration." + table + " (id int)");
            sql.execute("INSERT INTO migration." + table + " VALUES (1)");
        }
        try (Connection checkpoint = control("checkpoint"); Statement sql = checkpoint.createStatement()) {
            assertDenied(() -> sql.executeQuery("SELECT * FROM migration." + table));
            assertDenied(() -> sql.execute("CREATE TABLE migration.squat (id int)"));
            assertDenied(() -> sql.execute("CREATE SCHEMA squat"));
            assertDenied(() -> sql.execute("CREATE TABLE public.squat (id int)"));
            sql.execute("CREATE TABLE checkpoint." + table + " (id int)");
            assertDenied(() -> sql.execute("CREATE ROLE intruder"));
            assertDenied(() -> sql.execute("CREATE DATABASE intruder"));
        }
    }

    @Test
    void theReaderReadsTargetsAndWritesNothing() throws Exception {
        String target = "roles_target_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabase(target);
        try {
            postgres.execute(target, "CREATE TABLE catalogue (id int); INSERT INTO catalogue VALUES (1), (2)");
            try (Connection reader = DriverManager.getConnection(postgres.jdbcUrl(target), "cutover_reader", "");
                    Statement sql = reader.createStatement()) {
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM catalogue")) {
                    rows.next();
                    assertEquals(2, rows.getInt(1));
                }
                try (ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM catalogue")) {
                    assertTrue(plan.next());
                }
                try (ResultSet activity = sql.executeQuery("SELECT count(query) FROM pg_stat_activity WHERE query <> ''")) {
                    assertTrue(activity.next()); // pg_monitor: other sessions' queries are visible
                }
                assertDenied(() -> sql.execute("INSERT INTO catalogue VALUES (3)"));
                assertDenied(() -> sql.execute("DELETE FROM catalogue"));
                assertDenied(() -> sql.execute("CREATE TABLE mine (id int)"));
                assertDenied(() -> sql.execute("DROP TABLE catalogue"));
            }
        } finally {
            postgres.dropDatabase(target);
        }
    }

    @Test
    void runningItAgainHandsASuperusersTablesToTheSchemasService() throws Exception {
        String table = "legacy_" + UUID.randomUUID().toString().substring(0, 8);
        String control = postgres.controlJdbcUrl().substring(postgres.controlJdbcUrl().lastIndexOf('/') + 1);
        postgres.execute(control, "CREATE TABLE notification." + table + " (id serial primary key)");
        postgres.execute(control, Files.readString(SqlDirectory.file("control/roles.sql")));
        try (Connection notification = control("notification"); Statement sql = notification.createStatement()) {
            sql.execute("ALTER TABLE notification." + table + " ADD COLUMN note text");
            sql.execute("INSERT INTO notification." + table + " (note) VALUES ('owned')");
        }
    }

    private Connection control(String schema) throws SQLException {
        return DriverManager.getConnection(postgres.controlJdbcUrl(), TestPostgres.serviceRole(schema), "");
    }

    private static void assertDenied(SqlAction action) {
        SQLException refused = assertThrows(SQLException.class, action::run);
        assertTrue("42501".equals(refused.getSQLState()), "expected insufficient privilege, got " + refused.getSQLState()
                + ": " + refused.getMessage());
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
