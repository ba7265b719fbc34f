package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.cutover.migration.operation.TableFingerprint;
import dev.cutover.migration.sets.TestCatalogue;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OPT2-OPT5 sets of sql/migrations run by the service itself, PREFLIGHT to rollback. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class OptimisationSetsRolloutTest {

    @RegisterExtension
    static final TargetDatabases TARGETS = new TargetDatabases();
    private static final List<String> DATABASES = TARGETS.created();

    @Test
    void preflightRefusesEachSetWhoseRequirementsTheTargetLacksSayingWhatToDo() {
        String plain = database(TestCatalogue.plainDatabase("sets_plain", 1_000));
        assertPreflightFails("opt2-columnar-storage", plain,
                "accessMethod columnar (absent: install a columnar table access method, which PostgreSQL does not have");
        assertPreflightFails("opt2-columnar-storage", plain, "CREATE EXTENSION citus_columnar");
        assertPreflightFails("opt4-partition-automation", plain,
                "catalogo-geometrias-partitioned (catalogo_geometrias is not RANGE-partitioned: apply OPT1");
        assertPreflightFails("opt5-view-refresh", plain, "opt3-views-present (the materialized views of OPT3");
    }

    @Test
    void opt3ThenOpt5ScheduleTheRefreshesInTheServiceAndRollBackToTheOriginal() throws SQLException {
        String db = database(TestCatalogue.plainDatabase("sets_views", 5_000));
        TableFingerprint before = fingerprint(db);
        String views = RolloutResourceTest.startRollout(MigrationLifecycleTest.plan("opt3-layer-views", db, true));
        JsonPath rollout = RolloutResourceTest.awaitStatus(views, "SUCCEEDED");
        assertEquals(0.0, rollout.getDouble("phases.find { it.phase == 'APPLY' }.evidence.maxExclusiveLockMs"));
        String refresh = RolloutResourceTest.startRollout(MigrationLifecycleTest.plan("opt5-view-refresh", db, false));
        RolloutResourceTest.awaitStatus(refresh, "SUCCEEDED");
        assertEquals(List.of("*/5 * * * *", "1-59/5 * * * *", "7 * * * *", "37 * * * *"),
                schedules(db).stream().map(job -> job.get("cron")).toList());

        rollBack(refresh);
        assertEquals(List.of(), schedules(db));
        rollBack(views);
        assertEquals(0, count(db, "SELECT count(*) FROM pg_matviews"));
        assertTrue(before.sameContentAs(fingerprint(db)));
    }

    @Test
    void opt4AddsTheMissingYearAndItsDailyJobRunsInTheServiceUntilRolledBack() throws SQLException {
        String db = database(TestCatalogue.partitionedDatabase("sets_partitions", 5_000, 2028));
        TableFingerprint before = fingerprint(db);
        String id = RolloutResourceTest.startRollout(MigrationLifecycleTest.plan("opt4-partition-automation", db, false));
        RolloutResourceTest.awaitStatus(id, "SUCCEEDED");
        assertEquals(1, count(db, "SELECT count(*) FROM pg_class WHERE relname = 'catalogo_geometrias_2029'"));
        assertEquals(0, count(db, "SELECT count(*) FROM catalogo_geometrias_default WHERE created_at < '2030-01-01'"));

        // The daily job, made due now instead of at 03:17 UTC, runs in the service: nothing more to add.
        ScheduleResourceTest.makeDue(TestPostgres.get().jdbcUrl(db));
        Map<String, Object> job = Await.until(() -> schedules(db).get(0), json -> json.get("lastRunAt") != null,
                Duration.ofSeconds(20), "the partition job run by the service");
        assertNull(job.get("lastError"), String.valueOf(job.get("lastError")));
        assertEquals("cutover-ensure-future-partitions", job.get("job"));

        rollBack(id);
        assertEquals(List.of(), schedules(db));
        assertEquals(0, count(db, "SELECT count(*) FROM pg_class WHERE relname = 'catalogo_geometrias_2029'"));
        assertTrue(before.sameContentAs(fingerprint(db)));
    }

    private static void assertPreflightFails(String set, String db, String expected) {
        JsonPath rollout = RolloutResourceTest.awaitStatus(
                RolloutResourceTest.startRollout(MigrationLifecycleTest.plan(set, db, false)), "FAILED");
        assertEquals("PREFLIGHT", rollout.getString("phases[0].phase"));
        assertTrue(rollout.getString("phases[0].error").contains(expected), rollout.getString("phases[0].error"));
    }

    private static void rollBack(String id) {
        asOperator().contentType("application/json").body(Map.of("reason", "test done"))
                .when().post("/rollouts/" + id + "/rollback")
                .then().statusCode(202);
        RolloutResourceTest.awaitStatus(id, "ROLLED_BACK");
    }

    /** GET /schedules: the service's jobs on this database, in the order of the set's steps. */
    private static List<Map<String, Object>> schedules(String db) {
        return asOperator().when().get("/schedules").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.jdbcUrl == '" + TestPostgres.get().jdbcUrl(db) + "' }.sort { it.createdAt }");
    }

    private static String database(String name) {
        DATABASES.add(name);
        return name;
    }

    private static TableFingerprint fingerprint(String db) throws SQLException {
        try (Connection connection = TestPostgres.get().connect(db)) {
            return TableFingerprint.inOneSnapshot(connection, List.of("catalogo_geometrias")).get(0);
        }
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
