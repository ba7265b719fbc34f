package dev.cutover.migration.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.support.target.TargetDatabase;
import dev.cutover.testing.Await;
import dev.cutover.testing.TestPostgres;

class ScheduleOperationTest {

    private static final String DB = "schedule_" + UUID.randomUUID().toString().substring(0, 8);

    private final InMemoryJobRegistry scheduler = new InMemoryJobRegistry();
    private final ScheduleOperation operation = new ScheduleOperation(scheduler);

    @BeforeAll
    static void createTarget() {
        TestPostgres.get().createDatabase(DB);
    }

    @AfterAll
    static void dropTarget() {
        TestPostgres.get().dropDatabase(DB);
    }

    @Test
    void checkNamesEveryFieldAtFault() {
        assertEquals(List.of(), operation.check(step(Map.of("job", "nightly", "cron", "0 3 * * *", "command", "SELECT 1")), null));
        assertEquals(List.of("params.job: required; letters, digits, '_', '.' or '-', at most 63",
                "params.cron: '0 3 * *' has 4 fields; 5 are needed: minute hour day-of-month month day-of-week",
                "params.command: required (the SQL the job runs on the target)"),
                operation.check(step(Map.of("job", "bad name", "cron", "0 3 * *", "command", " ")), null));
        List<String> outOfRange = operation.check(step(Map.of("job", "j", "cron", "61 * * * *", "command", "SELECT 1")), null);
        assertTrue(outOfRange.size() == 1 && outOfRange.get(0).startsWith("params.cron: "), outOfRange.toString());
        List<String> unknown = operation.check(step(Map.of("job", "j", "cron", "* * * * *", "command", "SELECT 1", "when", "x")), null);
        assertTrue(unknown.size() == 1 && unknown.get(0).startsWith("params: ") && unknown.get(0).contains("when"), unknown.toString());
        assertEquals(List.of("file: a schedule step takes none; its SQL is params.command",
                "undo: must be 'operation' (the job is undone by unscheduling it)"),
                operation.check(new StepSpec("s", "schedule", null, null, "x.sql", "x_undo.sql",
                        Map.of("job", "j", "cron", "* * * * *", "command", "SELECT 1")), null));
    }

    @Test
    void withoutPgCronTheJobGoesToCutoversSchedulerAndRollbackRemovesOnlyIt() throws SQLException {
        OperationContext context = context(DB, "refresh", "*/5 * * * *", "SELECT 1");
        assertEquals(List.of(), operation.validate(context));
        operation.start(context);
        operation.start(context); // a re-run after a crash redefines the same job
        assertEquals("cutover", context.evidence().get("placedIn"));
        assertEquals(1, scheduler.all().size());
        MigrationOperation.Check check = operation.verify(context).get(0);
        assertTrue(check.passed() && check.value().startsWith("Cutover's scheduler: '*/5 * * * *', next run "), check.toString());
        operation.complete(context);
        assertEquals(1, scheduler.all().size(), "complete keeps the job: it is the feature");

        // the same job name from another step is someone else's job: not taken over
        OperationContext other = context(DB, "refresh", "0 * * * *", "SELECT 2");
        assertTrue(operation.validate(other).get(0).startsWith("params.job: Cutover's scheduler already has a job named 'refresh'"));

        operation.rollback(context);
        operation.rollback(context);
        assertEquals(List.of(), scheduler.all());
        assertFalse(operation.verify(context).get(0).passed());
    }

    /**
     * Runs where the test cluster preloads pg_cron (CUTOVER_TEST_PG_PORT pointing at one started
     * with shared_preload_libraries=pg_cron); the job must then run on pg_cron within its minute.
     */
    @Test
    void withPgCronTheJobGoesToPgCronAndRuns() throws Exception {
        String cronDatabase;
        try (Connection connection = TestPostgres.get().connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('cron.database_name', true)")) {
            rows.next();
            cronDatabase = rows.getString(1);
        }
        assumeTrue(cronDatabase != null, "pg_cron is not preloaded in the test cluster");
        TestPostgres postgres = TestPostgres.get();
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + cronDatabase + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + cronDatabase);
            }
        }
        postgres.execute(cronDatabase, "CREATE EXTENSION IF NOT EXISTS pg_cron");
        postgres.execute(cronDatabase, "DROP TABLE IF EXISTS cutover_ticks; CREATE TABLE cutover_ticks (at timestamptz)");

        OperationContext context = context(cronDatabase, "cutover-tick", "* * * * *", "INSERT INTO cutover_ticks VALUES (now())");
        assertEquals(List.of(), operation.validate(context));
        operation.start(context);
        assertEquals("pg_cron", context.evidence().get("placedIn"));
        assertEquals(List.of(), scheduler.all(), "nothing for Cutover's scheduler");
        Await.until(() -> count(cronDatabase, "SELECT count(*) FROM cron.job_run_details d JOIN cron.job j USING (jobid)"
                + " WHERE j.jobname = 'cutover-tick' AND d.status = 'succeeded'"), n -> n > 0, Duration.ofSeconds(75),
                "a succeeded run of the pg_cron job");
        assertTrue(count(cronDatabase, "SELECT count(*) FROM cutover_ticks") > 0);
        MigrationOperation.Check check = operation.verify(context).get(0);
        System.out.println(check.value());
        assertTrue(check.passed() && check.value().contains("last run succeeded"), check.toString());

        operation.rollback(context);
        assertEquals(0, count(cronDatabase, "SELECT count(*) FROM cron.job WHERE jobname = 'cutover-tick'"));
        postgres.execute(cronDatabase, "DROP TABLE cutover_ticks");
    }

    private static long count(String database, String sql) {
        try (Connection connection = TestPostgres.get().connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StepSpec step(Map<String, Object> params) {
        return new StepSpec("schedule-it", "schedule", null, null, null, "operation", new HashMap<>(params));
    }

    private static OperationContext context(String database, String job, String cron, String command) {
        TestPostgres postgres = TestPostgres.get();
        return new OperationContext(step(Map.of("job", job, "cron", cron, "command", command)), null,
                new TargetDatabase("test-" + database, postgres.jdbcUrl(database), null), () -> postgres.connect(database),
                MigrationSettings.DEFAULTS, new LockLedger(), (step, done, total) -> { }, new InMemoryStepState(), () -> false);
    }
}
