package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Topics;
import dev.cutover.migration.migrationset.MigrationSetReader;
import dev.cutover.migration.operation.TableFingerprint;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The lifecycle through the service: real target databases, real pg_dump, real broker. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class MigrationLifecycleTest {

    @RegisterExtension
    static final TargetDatabases TARGETS = new TargetDatabases();
    private static final List<String> DATABASES = TARGETS.created();

    @Test
    void appliesValidatesDrillsThenRollsBackOnRequestLeavingTheTargetAsBefore() throws Exception {
        String db = Widgets.database(DATABASES);
        TableFingerprint before = fingerprint(db);
        try (TestKafka.TopicReader phases = TestKafka.get().reader(Topics.PHASE_COMPLETED)) {
            String id = RolloutResourceTest.startRollout(plan("test-widget-index", db, true));
            JsonPath rollout = RolloutResourceTest.awaitStatus(id, "SUCCEEDED");
            assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE", "ROLLBACK_DRILL"),
                    rollout.getList("phases.phase"));
            assertEquals(List.of("SUCCEEDED"), rollout.getList("phases.status").stream().distinct().toList());

            Path dump = Path.of(rollout.getString("phases[1].evidence.file"));
            assertEquals(Files.size(dump), rollout.getLong("phases[1].evidence.sizeBytes"));
            assertEquals(MigrationSetReader.sha256(Files.readAllBytes(dump)), rollout.getString("phases[1].evidence.sha256"));

            // CREATE INDEX takes a SHARE lock on widgets: measured, and within the step's budget
            assertEquals("name-index", rollout.getString("phases[3].evidence.locks[0].step"));
            double held = rollout.getDouble("phases[3].evidence.maxExclusiveLockMs");
            assertTrue(held > 0 && held < 2000, "lock held " + held + " ms");
            assertEquals(100.0, rollout.getDouble("phases[5].evidence.recoveryPercent"));
            assertTrue(Widgets.indexed(db), "the set's index is in place after the drill re-applied it");
            assertFalse(rollout.prettify().contains("s3cr3t"), "no password in the API");

            asOperator().contentType("application/json").body(Map.of("reason", "operator changed their mind"))
                    .when().post("/rollouts/" + id + "/rollback")
                    .then().statusCode(202);
            rollout = RolloutResourceTest.awaitStatus(id, "ROLLED_BACK");
            assertEquals("REST: operator changed their mind", rollout.getString("rollbackReason"));
            assertEquals("ROLLBACK", rollout.getString("phases[6].phase"));
            assertEquals("SUCCEEDED", rollout.getString("phases[6].status"));
            assertFalse(Widgets.indexed(db));
            assertTrue(before.sameContentAs(fingerprint(db)));

            var events = phases.await(r -> id.equals(r.key()), 7, Duration.ofSeconds(20));
            assertTrue(events.stream().noneMatch(r -> r.value().contains("s3cr3t")), "no password in events");
        }
    }

    @Test
    void aFailingStepFailsApplyWithItsCauseAndLeavesTheTargetAsBefore() throws Exception {
        String db = Widgets.database(DATABASES);
        TableFingerprint before = fingerprint(db);
        String id = RolloutResourceTest.startRollout(plan("test-broken-step", db, false));
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "FAILED");
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "ROLLBACK"), rollout.getList("phases.phase"));
        String error = rollout.getString("phases[3].error");
        assertTrue(error.contains("step 'broken'") && error.contains("division by zero"), error);
        assertEquals("SUCCEEDED", rollout.getString("phases[4].status"));
        assertFalse(Widgets.indexed(db), "the step that succeeded was undone");
        assertTrue(before.sameContentAs(fingerprint(db)));
        assertEquals(List.of("ROLLED_BACK", "ROLLED_BACK"), rollout.getList("steps.status"));
    }

    @Test
    void aFileChangedAfterARecordedRunFailsPreflightNamingIt() throws Exception {
        String set = "test-changed-" + UUID.randomUUID().toString().substring(0, 8);
        Path directory = TestMigrationSets.DIRECTORY.resolve(set);
        TestMigrationSets.copyTree(TestMigrationSets.DIRECTORY.resolve("test-widget-index"), directory);
        Path manifest = directory.resolve("migration.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("id: test-widget-index", "id: " + set));

        RolloutResourceTest.awaitStatus(RolloutResourceTest.startRollout(plan(set, Widgets.database(DATABASES), false)), "SUCCEEDED");
        Files.writeString(directory.resolve("02_recent_view.sql"), "-- edited after the run\n", StandardOpenOption.APPEND);

        JsonPath rollout = RolloutResourceTest.awaitStatus(
                RolloutResourceTest.startRollout(plan(set, Widgets.database(DATABASES), false)), "FAILED");
        assertEquals("PREFLIGHT", rollout.getString("phases[0].phase"));
        String error = rollout.getString("phases[0].error");
        assertTrue(error.contains("migrationSetChecksum") && error.contains("02_recent_view.sql"), error);
    }

    @Test
    void rollbackRequestedOnKafkaRollsBackAnAppliedRollout() throws Exception {
        String db = Widgets.database(DATABASES);
        TableFingerprint before = fingerprint(db);
        String id = RolloutResourceTest.startRollout(plan("test-widget-index", db, false));
        RolloutResourceTest.awaitStatus(id, "SUCCEEDED");
        assertTrue(Widgets.indexed(db));

        TestKafka.get().send(new RollbackRequested(UUID.randomUUID(), UUID.fromString(id), Instant.now(),
                RollbackRequested.SCHEMA_VERSION, "shadow", "monitoring-service", "p99 latency over 5 s", null));
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "ROLLED_BACK");
        assertEquals("monitoring-service: p99 latency over 5 s", rollout.getString("rollbackReason"));
        assertFalse(Widgets.indexed(db));
        assertTrue(before.sameContentAs(fingerprint(db)));
    }

    @Test
    void aRollbackRequestedWhileAStepRunsStopsItBetweenStatementsAndRollsBack() throws Exception {
        String db = Widgets.database(DATABASES);
        TableFingerprint before = fingerprint(db);
        String id = startSlowStep(db);
        asOperator().contentType("application/json").body(Map.of("reason", "stop now"))
                .when().post("/rollouts/" + id + "/rollback")
                .then().statusCode(202);
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "ROLLED_BACK");
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "ROLLBACK"), rollout.getList("phases.phase"));
        assertTrue(rollout.getString("phases[3].error").contains("rollback requested"), rollout.getString("phases[3].error"));
        assertTrue(rollout.getLong("phases[3].durationMs") < 8_000, "stopped before its 10 s of work");
        assertFalse(Widgets.indexed(db));
        assertTrue(before.sameContentAs(fingerprint(db)));
    }

    @Test
    void aLostConnectionFailsTheStepWithItsCauseAndTheTargetIsRolledBack() throws Exception {
        String db = Widgets.database(DATABASES);
        TableFingerprint before = fingerprint(db);
        String id = startSlowStep(db);
        Await.until(() -> terminateSleepingSessions(db), killed -> killed > 0, Duration.ofSeconds(10),
                "the step's session terminated");
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "FAILED");
        String error = rollout.getString("phases[3].error");
        assertTrue(error.contains("step 'slow'") && error.contains("terminating connection"), error);
        assertEquals("ROLLBACK", rollout.getString("phases[4].phase"));
        assertEquals("SUCCEEDED", rollout.getString("phases[4].status"));
        assertFalse(Widgets.indexed(db));
        assertTrue(before.sameContentAs(fingerprint(db)));
    }

    @Test
    void finaliseEndsTheRolloutAndThereIsNoWayBackAfterwards() {
        String id = RolloutResourceTest.startRollout(plan("test-widget-index", Widgets.database(DATABASES), false));
        RolloutResourceTest.awaitStatus(id, "SUCCEEDED");
        asOperator().when().post("/rollouts/" + id + "/finalise").then().statusCode(202);
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "FINALISED");
        assertEquals(List.of("COMPLETED", "COMPLETED"), rollout.getList("steps.status"));
        asOperator().contentType("application/json").body(Map.of("reason", "too late"))
                .when().post("/rollouts/" + id + "/rollback")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("FINALISED"));
    }

    @Test
    void anotherRunHoldingTheTargetFailsPreflight() throws Exception {
        String db = Widgets.database(DATABASES);
        try (Connection other = TestPostgres.get().connect(db); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('cutover'), hashtext(current_database()))");
            JsonPath rollout = RolloutResourceTest.awaitStatus(
                    RolloutResourceTest.startRollout(plan("test-widget-index", db, false)), "FAILED");
            assertTrue(rollout.getString("phases[0].error").contains("advisoryLock (held by another run"),
                    rollout.getString("phases[0].error"));
        }
    }

    @Test
    void unknownMigrationSetIsA400NamingTheField() {
        asOperator().contentType("application/json").body(plan("no-such-set", "nowhere", false))
                .when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("migrationSet"));
    }

    @Test
    void migrationSetsAreListedWithTheirChecksums() {
        asOperator().when().get("/migration-sets/test-widget-index")
                .then().statusCode(200)
                .body("checksum", matchesPattern("[0-9a-f]{64}"))
                .body("manifest.steps.name", contains("name-index", "recent-view"));
        asOperator().when().get("/migration-sets/nope").then().statusCode(404).contentType("application/problem+json");
    }

    /** Starts test-slow-steps on db and returns once its slow second step is running. */
    private static String startSlowStep(String db) {
        String id = RolloutResourceTest.startRollout(plan("test-slow-steps", db, false));
        Await.until(() -> asOperator().when().get("/rollouts/" + id).then().extract().jsonPath(),
                rollout -> rollout.getList("steps.status").size() == 2, Duration.ofSeconds(30), "the slow step running");
        return id;
    }

    static Map<String, Object> plan(String set, String database, boolean drill) {
        String url = database.startsWith("jdbc:") ? database : TestPostgres.get().jdbcUrl(database);
        return Map.of("name", "lifecycle-" + UUID.randomUUID(), "migrationSet", set, "environments",
                List.of(Map.of("name", "shadow", "rollbackDrill", drill, "targets",
                        List.of(Map.of("name", "db1", "jdbcUrl", url, "credentials", "secret")))));
    }

    /** What a network cut or a restarted server does to the step's session. */
    private static int terminateSleepingSessions(String db) {
        try (Connection admin = TestPostgres.get().connect(db); Statement statement = admin.createStatement();
                ResultSet killed = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()")) {
            killed.next();
            return killed.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TableFingerprint fingerprint(String db) throws SQLException {
        try (Connection connection = TestPostgres.get().connect(db)) {
            return TableFingerprint.inOneSnapshot(connection, List.of("widgets")).get(0);
        }
    }
}
