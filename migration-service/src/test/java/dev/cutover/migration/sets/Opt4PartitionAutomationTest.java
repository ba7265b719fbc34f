package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.LockTimeoutExhaustedException;
import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.migration.schedule.ScheduledJob;
import dev.cutover.testing.TestPostgres;

class Opt4PartitionAutomationTest {

    /**
     * As OPT1 would have left it had it cut partitions only up to 2028, with about a hundred rows of
     * 2029 that arrived since and sit in DEFAULT.
     */
    private static String partitioned;
    /**
     * The same with 100,000 rows of 2029 in DEFAULT: too many to move within the lock budget on any
     * machine (30,000 took 503-3,315 ms under load but once fit the budget on a quiet one).
     */
    private static String backlog;
    private static final int LAST_PARTITIONED_YEAR = 2028;
    private static final String ROWS_BY_PARTITION = "SELECT tableoid::regclass, count(*), min(created_at), max(created_at)"
            + " FROM catalogo_geometrias GROUP BY 1 ORDER BY tableoid::regclass::text";

    @BeforeAll
    static void createCatalogues() throws SQLException {
        partitioned = TestCatalogue.partitionedDatabase("opt4", 20_000, LAST_PARTITIONED_YEAR);
        TestPostgres.get().execute(partitioned, "DELETE FROM catalogo_geometrias_default WHERE id % 40 <> 0");
        TestPostgres.get().execute(partitioned, "VACUUM ANALYZE catalogo_geometrias_default"); // as autovacuum would
        backlog = TestCatalogue.partitionedDatabase("opt4_backlog", 500_000, LAST_PARTITIONED_YEAR);
    }

    @AfterAll
    static void dropDatabases() {
        List.of(partitioned, backlog).forEach(TestPostgres.get()::dropDatabase);
    }

    @Test
    void createsTheMissingYearsMovingTheirRowsOutOfDefaultSchedulesItselfAndRollsBackWithoutATrace() throws SQLException {
        InMemoryJobRegistry scheduler = new InMemoryJobRegistry();
        SetRun run = new SetRun("opt4-partition-automation", partitioned, scheduler);
        try (Connection connection = TestPostgres.get().connect(partitioned)) {
            SetRun.Baseline before = run.baseline(connection);
            List<String> rowsBefore = Rows.of(connection, ROWS_BY_PARTITION);
            int horizonYear = Integer.parseInt(Rows.one(connection, "SELECT extract(year FROM now() + interval '36 months')::int"));

            run.apply();

            List<String> expected = IntStream.rangeClosed(LAST_PARTITIONED_YEAR + 1, horizonYear)
                    .mapToObj(year -> "catalogo_geometrias_" + year).toList();
            assertEquals(expected, Rows.of(connection, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = 'catalogo_geometrias'::regclass"
                    + " AND obj_description(c.oid, 'pg_class') = 'created by ensure_future_partitions' ORDER BY 1"));
            // every row is in the partition whose range holds it: DEFAULT keeps only years no partition covers
            assertEquals("0", Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias_default"
                    + " WHERE created_at < '" + (horizonYear + 1) + "-01-01 00:00:00+00'"));
            assertEquals(Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias"),
                    Rows.one(connection, "SELECT sum(n) FROM (SELECT count(*) AS n FROM ONLY catalogo_geometrias_default"
                            + " UNION ALL SELECT count(*) FROM catalogo_geometrias WHERE tableoid <> 'catalogo_geometrias_default'::regclass) s"));

            ScheduledJob job = scheduler.find(run.target, "cutover-ensure-future-partitions").orElseThrow();
            assertEquals("17 3 * * *", job.cron);
            assertTrue(run.operation("schedule-partition-automation").verify(run.context("schedule-partition-automation"))
                    .get(0).value().startsWith("Cutover's scheduler"));
            // the daily run, as the scheduler would do it: nothing more is missing
            try (Statement statement = connection.createStatement()) {
                statement.execute(job.command);
            }
            assertEquals(expected.size(), Rows.of(connection, "SELECT 1 FROM pg_inherits i WHERE i.inhparent = 'catalogo_geometrias'::regclass"
                    + " AND obj_description(i.inhrelid, 'pg_class') = 'created by ensure_future_partitions'").size());
            SQLException refused = assertThrows(SQLException.class, () -> Rows.of(connection, "SELECT * FROM ensure_future_partitions('layers')"));
            assertTrue(refused.getMessage().contains("layers is not RANGE-partitioned"), refused.getMessage());

            run.rollback();
            // moving rows into new partitions and back, each within the step's 250 ms budget (SqlOperation
            // rolls back a step that holds a writer-blocking lock longer)
            for (LockLedger.LockHold hold : run.locks.holds()) {
                System.out.printf("%s (%s) held %s for %.1f ms%n", hold.step(), hold.purpose(), hold.relations(), hold.heldMs());
            }
            assertEquals(2, run.locks.holds().size(), run.locks.holds().toString());
            assertEquals(List.of(), scheduler.all());
            run.assertRestored(before, connection);
            assertEquals(rowsBefore, Rows.of(connection, ROWS_BY_PARTITION), "rows are back in the partitions they were in");
        }
    }

    @Test
    void refusesToHoldTheDefaultPartitionLongerThanTheBudgetAndLeavesNothingBehind() throws SQLException {
        SetRun run = new SetRun("opt4-partition-automation", backlog, new InMemoryJobRegistry());
        try (Connection connection = TestPostgres.get().connect(backlog)) {
            SetRun.Baseline before = run.baseline(connection);
            List<String> rowsBefore = Rows.of(connection, ROWS_BY_PARTITION);

            LockTimeoutExhaustedException refused = assertThrows(LockTimeoutExhaustedException.class, run::apply);
            System.out.println(refused.getMessage());
            assertTrue(refused.getMessage().contains("catalogo_geometrias_default AccessExclusiveLock"), refused.getMessage());
            assertTrue(refused.getMessage().contains("over its 250 ms lock budget"), refused.getMessage());
            assertEquals(rowsBefore, Rows.of(connection, ROWS_BY_PARTITION), "the move was rolled back whole");

            run.rollback();
            run.assertRestored(before, connection);
        }
    }
}
