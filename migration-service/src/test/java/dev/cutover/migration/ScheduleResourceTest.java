package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.migration.operation.InMemoryStepState;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.MigrationSettings;
import dev.cutover.migration.operation.OperationContext;
import dev.cutover.migration.operation.ScheduleOperation;
import dev.cutover.support.target.TargetConnections;
import dev.cutover.support.target.TargetDatabase;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** A schedule step on a target without pg_cron: the service's own scheduler runs the job. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class ScheduleResourceTest {

    private static final String TARGET_DB = "sched_" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ScheduleOperation operation;

    @Inject
    TargetConnections connections;

    @BeforeAll
    static void createTarget() {
        TestPostgres.get().createDatabase(TARGET_DB);
        TestPostgres.get().execute(TARGET_DB, "CREATE TABLE ticks (at timestamptz NOT NULL)");
    }

    @AfterAll
    static void dropTarget() {
        TestPostgres.get().dropDatabase(TARGET_DB);
    }

    @Test
    void theServiceRunsDueJobsOnTheTargetAndShowsTheirLastRun() throws SQLException {
        TargetDatabase target = new TargetDatabase("sched-target", TestPostgres.get().jdbcUrl(TARGET_DB), null);
        OperationContext tick = context(target, "tick", "INSERT INTO ticks VALUES (now())");
        OperationContext broken = context(target, "broken", "INSERT INTO no_such_table VALUES (1)");
        operation.start(tick);
        operation.start(broken);
        assertEquals("cutover", tick.evidence().get("placedIn"));

        Instant madeDue = Instant.now();
        makeDue(target.jdbcUrl());
        JsonPath schedules = Await.until(() -> asOperator().when().get("/schedules").then().statusCode(200).extract().jsonPath(),
                json -> json.getList("findAll { it.target == 'sched-target' && it.lastRunAt != null }").size() == 2,
                Duration.ofSeconds(20), "both jobs run by the service's scheduler");

        Map<String, Object> ticked = job(schedules, "tick");
        assertNull(ticked.get("lastError"));
        assertEquals("default", ticked.get("credentials"));
        assertEquals("* * * * *", ticked.get("cron"));
        Instant lastRun = Instant.parse((String) ticked.get("lastRunAt"));
        assertTrue(!lastRun.isBefore(madeDue.minusSeconds(1)), lastRun + " vs " + madeDue);
        assertTrue(Instant.parse((String) ticked.get("nextRunAt")).isAfter(lastRun));
        assertTrue(((Number) ticked.get("lastDurationMs")).longValue() >= 0);
        assertEquals(1, ticks(), "ran once: the next run is the next minute");
        assertTrue(((String) job(schedules, "broken").get("lastError")).contains("\"no_such_table\" does not exist"));
        assertTrue(operation.verify(tick).get(0).value().contains("last run"), operation.verify(tick).toString());

        operation.rollback(tick);
        operation.rollback(broken);
        assertEquals(List.of(), asOperator().when().get("/schedules").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.target == 'sched-target' }"));
    }

    private OperationContext context(TargetDatabase target, String job, String command) {
        StepSpec step = new StepSpec("schedule-" + job, "schedule", null, null, null, "operation",
                Map.of("job", job, "cron", "* * * * *", "command", command));
        return new OperationContext(step, null, target, () -> connections.open(target), MigrationSettings.DEFAULTS,
                new LockLedger(), (name, done, total) -> { }, new InMemoryStepState(), () -> false);
    }

    private static Map<String, Object> job(JsonPath schedules, String name) {
        return schedules.getMap("find { it.target == 'sched-target' && it.job == '" + name + "' }");
    }

    private static long ticks() throws SQLException {
        try (Connection connection = TestPostgres.get().connect(TARGET_DB);
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM ticks");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Makes the service's jobs on a target due now rather than at the time their cron names. */
    static void makeDue(String jdbcUrl) {
        String control = TestPostgres.get().controlJdbcUrl();
        TestPostgres.get().execute(control.substring(control.lastIndexOf('/') + 1),
                "UPDATE migration.scheduled_job SET next_run_at = now() WHERE jdbc_url = '" + jdbcUrl + "'");
    }
}
