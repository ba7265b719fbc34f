package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.testing.TestPostgres;

/** PostgreSQL has no columnar access method, and nothing here pretends otherwise. */
class Opt2ColumnarStorageTest {

    private static String db;

    @BeforeAll
    static void createCatalogue() throws SQLException {
        db = TestCatalogue.plainDatabase("opt2", 2_000);
    }

    @AfterAll
    static void dropDatabase() {
        TestPostgres.get().dropDatabase(db);
    }

    @Test
    void theServerHasNoColumnarAccessMethod() throws SQLException {
        try (Connection connection = TestPostgres.get().connect(db)) {
            assertEquals(List.of("heap"), Rows.of(connection, "SELECT amname FROM pg_am WHERE amtype = 't' ORDER BY 1"));
        }
    }

    @Test
    void runAnywayTheConversionFailsOnTheMissingAccessMethodAndRollsBackWithoutATrace() throws SQLException {
        SetRun run = new SetRun("opt2-columnar-storage", db, new InMemoryJobRegistry());
        try (Connection connection = TestPostgres.get().connect(db)) {
            SetRun.Baseline before = run.baseline(connection);

            SQLException failed = assertThrows(SQLException.class, run::apply);
            assertTrue(failed.getMessage().contains("access method \"columnar\" does not exist"), failed.getMessage());
            // the heap copy of step cold-copy was made before the conversion failed
            assertEquals(Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias WHERE created_at < date_trunc('year', now(), 'UTC')"),
                    Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias_cold"));

            run.rollback();
            run.assertRestored(before, connection);
        }
    }
}
