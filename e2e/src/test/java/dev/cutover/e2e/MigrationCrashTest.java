package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.events.EventJson;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;

/**
 * migration-service killed with SIGKILL in the middle of OPT1's online copy: restarted, it resumes
 * from the last committed batch (crash policy RESUME) or returns the target to exactly its
 * pre-state (ROLLBACK) — no trigger, half-built table or lock left behind either way.
 */
class MigrationCrashTest {

    private static final int ROWS = 300_000;
    /** Configured for the targets (the test cluster trusts local connections); must never be printed. */
    private static final String TARGET_PASSWORD = "e2e-s3cr3t-target-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATABASES = new ArrayList<>();
    private static Map<String, String> environment;
    private ServiceProcess migration;

    @BeforeAll
    static void configure() {
        Path root = Repository.root();
        environment = Map.of(
                "CUTOVER_MIGRATION_SETS", root.resolve("sql/migrations").toString(),
                "CUTOVER_BACKUP_DIR", root.resolve("e2e/target/backups").toString(),
                "CUTOVER_MIGRATION_PROGRESS_INTERVAL", "200ms",
                "CUTOVER_TARGET_PASSWORD", TARGET_PASSWORD,
                // no checkpoint-service here: its gates are RolloutGatesTest's
                "CUTOVER_MIGRATION_CHECKPOINT_GATES", "false");
    }

    @AfterEach
    void stopService() throws Exception {
        if (migration != null) {
            migration.stop();
        }
        String log = Files.readString(Repository.root().resolve("e2e/target/e2e-logs/migration-service.log"));
        assertFalse(log.contains(TARGET_PASSWORD), "the target password appears in migration-service's log");
    }

    @AfterAll
    static void dropTargets() {
        DATABASES.forEach(TestPostgres.get()::dropDatabase);
    }

    @Test
    void killedMidCopyResumesFromTheLastCommittedBatch() throws Exception {
        String db = catalogueDatabase();
        String before = fingerprint(db);
        String rollout = startAndKillMidCopy(db, "RESUME");

        migration = service().start();
        migration.awaitReady(Duration.ofSeconds(120));
        JsonNode done = awaitStatus(rollout, "SUCCEEDED");
        assertEquals(before, fingerprint(db), "every row copied exactly once");
        JsonNode validate = RolloutJson.phase(done, "VALIDATE");
        assertEquals("SUCCEEDED", validate.get("status").asText(), validate.toString());
        assertEquals(List.of("APPLIED"), statuses(done));
        assertEquals("p", relkind(db), "the live table is the partitioned one");
    }

    @Test
    void killedMidCopyWithCrashPolicyRollbackLeavesTheTargetAsItWas() throws Exception {
        String db = catalogueDatabase();
        String before = fingerprint(db);
        List<String> objectsBefore = cutoverObjects(db);
        String rollout = startAndKillMidCopy(db, "ROLLBACK");

        migration = service().start();
        migration.awaitReady(Duration.ofSeconds(120));
        JsonNode done = awaitStatus(rollout, "ROLLED_BACK");
        assertEquals("SUCCEEDED", RolloutJson.phase(done, "ROLLBACK").get("status").asText(), RolloutJson.phase(done, "ROLLBACK").toString());
        assertEquals(before, fingerprint(db));
        assertEquals("r", relkind(db), "the original plain table is live again");
        assertEquals(objectsBefore, cutoverObjects(db), "no trigger, table, function or index left behind");
    }

    /** Starts OPT1 in small batches and SIGKILLs the service once progress shows the copy half-way. */
    private String startAndKillMidCopy(String db, String crashPolicy) throws Exception {
        migration = service().start();
        migration.awaitReady(Duration.ofSeconds(120));
        try (TestKafka.TopicReader progress = TestKafka.get().reader(Topics.MIGRATION_PROGRESS)) {
            String rollout = startRollout(db, crashPolicy);
            progress.await(record -> {
                if (!rollout.equals(record.key())) {
                    return false;
                }
                MigrationProgress event = EventJson.read(MigrationProgress.class, record.value());
                return event.rowsDone() > 0 && event.rowsDone() < event.rowsTotal() / 2;
            }, 1, Duration.ofSeconds(120));
            migration.crash();
            migration = null;
            return rollout;
        }
    }

    private ServiceProcess service() {
        return new ServiceProcess(Repository.root(), "migration-service", environment);
    }

    private String startRollout(String db, String crashPolicy) throws IOException, InterruptedException {
        Map<String, Object> plan = Map.of("name", "crash-" + crashPolicy, "migrationSet", "opt1-temporal-partitioning",
                "onCrash", crashPolicy, "pacing", Map.of("batchSize", 1000),
                "environments", List.of(Map.of("name", "shadow", "targets",
                        List.of(Map.of("name", "db1", "jdbcUrl", TestPostgres.get().jdbcUrl(db))))));
        HttpResponse<String> response = migration.post("/rollouts", plan);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asText();
    }

    private JsonNode awaitStatus(String rollout, String status) {
        return Await.until(() -> migration.get("/rollouts/" + rollout), node -> status.equals(node.path("status").asText()),
                Duration.ofSeconds(180), "rollout " + rollout + " " + status);
    }

    private static List<String> statuses(JsonNode rollout) {
        List<String> statuses = new ArrayList<>();
        rollout.get("steps").forEach(step -> statuses.add(step.get("status").asText()));
        return statuses;
    }

    private static String catalogueDatabase() {
        String db = "crash_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.get().createDatabase(db);
        DATABASES.add(db);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(db), TestPostgres.get().user(), "", ROWS, 7);
        return db;
    }

    private static String fingerprint(String db) throws SQLException {
        return single(db, "SELECT count(*) || '/' || sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint)"
                + " FROM catalogo_geometrias t");
    }

    private static String relkind(String db) throws SQLException {
        return single(db, "SELECT relkind::text FROM pg_class WHERE oid = 'catalogo_geometrias'::regclass");
    }

    /** Relations, triggers and functions of the public schema, as names: what a run could leave behind. */
    private static List<String> cutoverObjects(String db) throws SQLException {
        return List.of(single(db, "SELECT string_agg(name, ',' ORDER BY name) FROM ("
                + " SELECT relname::text AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                + " UNION ALL SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal"
                + " UNION ALL SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
                + "   AND proname LIKE '%cutover%') objects"));
    }

    private static String single(String db, String sql) throws SQLException {
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
