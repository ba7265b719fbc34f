package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.testing.Await;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;
import dev.cutover.testing.TestTokens;

/**
 * Rollouts pause at their checkpoints: migration-service and checkpoint-service as packaged
 * processes, the real broker, OPT1 on real databases. A wave waits at its checkpoint until a DBA
 * signs it off over REST, and the next wave does not start before; a NO-GO rolls back what the
 * rollout changed. Checkpoints come either way: registered over REST, or in the plan itself.
 */
class RolloutGatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATABASES = new ArrayList<>();
    /** The least sign-offs a production checkpoint may ask (the shipped approval floor). */
    private static final Map<String, Object> PRODUCTION_FLOOR = Map.of("required", List.of("dba"),
            "anyOf", Map.of("count", 1, "roles", List.of("infra-lead", "cto")));
    private static ServiceProcess migration;
    private static ServiceProcess checkpoint;

    @BeforeAll
    static void startServices() {
        Path root = Repository.root();
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "CUTOVER_MIGRATION_SETS", root.resolve("sql/migrations").toString(),
                "CUTOVER_BACKUP_DIR", root.resolve("e2e/target/backups").toString()));
        int migrationPort = TestPostgres.freePort();
        environment.put("CUTOVER_MIGRATION_URL", "http://127.0.0.1:" + migrationPort);
        checkpoint = new ServiceProcess(root, "checkpoint-service", environment).start();
        environment.put("CUTOVER_CHECKPOINT_URL", checkpoint.url(""));
        migration = new ServiceProcess(root, "migration-service", environment, migrationPort).start();
        checkpoint.awaitReady(Duration.ofSeconds(120));
        migration.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        if (migration != null) {
            migration.stop();
        }
        if (checkpoint != null) {
            checkpoint.stop();
        }
        DATABASES.forEach(TestPostgres.get()::dropDatabase);
    }

    @Test
    void aWaveWaitsAtItsCheckpointUntilADbaSignsItOffAndTheNextWaveOnlyStartsThen() throws Exception {
        List<Map<String, Object>> targets = List.of(target("p1", catalogue()), target("p2", catalogue()), target("p3", catalogue()));
        String rollout = start(Map.of("name", "gated-waves", "migrationSet", "opt1-temporal-partitioning",
                "environments", List.of(Map.of("name", "production", "rollbackDrill", false, "waves", List.of(33, 100),
                        "parallelism", 2, "targets", targets))));
        register(rollout, List.of(
                checkpoint("WAVE1", "production", List.of("p1"), PRODUCTION_FLOOR),
                checkpoint("WAVE2", "production", List.of("p2", "p3"), null)));

        JsonNode paused = Await.until(() -> migration.get("/rollouts/" + rollout),
                r -> r.path("checkpoints").size() > 0 && !r.path("checkpoints").get(0).path("awaitedSince").isNull(),
                Duration.ofSeconds(120), "rollout " + rollout + " paused at WAVE1");
        ServiceProcess.sleep(2000);
        paused = migration.get("/rollouts/" + rollout);
        assertEquals("RUNNING", paused.get("status").asText(), paused.toString());
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE"), RolloutJson.phasesOn(paused, "p1"));
        assertEquals(List.of(), RolloutJson.phasesOn(paused, "p2"), "wave 2 waits for wave 1's checkpoint");
        assertTrue(RolloutJson.checkpoint(paused, "WAVE1").get("decision").isNull(), paused.toString());

        approve(rollout, "WAVE1", "wave 1 validated");

        JsonNode done = finished(rollout);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        JsonNode wave1 = RolloutJson.checkpoint(done, "WAVE1");
        assertEquals("GO", wave1.get("decision").asText(), done.toString());
        assertEquals("GO", RolloutJson.checkpoint(done, "WAVE2").get("decision").asText(), done.toString());
        Instant wave1Decided = Instant.parse(wave1.get("decidedAt").asText());
        for (String wave2 : List.of("p2", "p3")) {
            assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE"), RolloutJson.phasesOn(done, wave2));
            Instant started = Instant.parse(firstPhaseOn(done, wave2).get("startedAt").asText());
            assertTrue(started.isAfter(wave1Decided), wave2 + " started " + started + ", WAVE1 decided " + wave1Decided);
        }
    }

    @Test
    void aRolloutWaitingAtItsCheckpointGoesOnAfterCheckpointServiceWasKilledAndRestarted() throws Exception {
        String rollout = start(Map.of("name", "restarted-gate", "migrationSet", "opt1-temporal-partitioning",
                "environments", List.of(Map.of("name", "production", "targets", List.of(target("r1", catalogue())))),
                "checkpoints", List.of(checkpoint("GATE", "production", List.of("r1"), PRODUCTION_FLOOR))));
        Await.until(() -> migration.get("/rollouts/" + rollout),
                r -> r.path("checkpoints").size() > 0 && !r.path("checkpoints").get(0).path("awaitedSince").isNull(),
                Duration.ofSeconds(120), "rollout " + rollout + " paused at GATE");

        checkpoint.crash();
        ServiceProcess.sleep(2000); // migration-service keeps asking for its checkpoints meanwhile
        checkpoint.start();
        checkpoint.awaitReady(Duration.ofSeconds(120));

        // the restarted consumer catches up with what it had not read before the crash (VALIDATE may be among it)
        Await.until(() -> checkpointNamed(rollout, "GATE"), c -> "OPEN".equals(c.path("status").asText()), Duration.ofSeconds(60),
                "GATE open after the restart");
        approve(rollout, "GATE", "after the restart");
        JsonNode done = finished(rollout);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE"), RolloutJson.phasesOn(done, "r1"));

        // its own checkpoint-decided reaches the timeline through the broker, like every other event
        JsonNode timeline = Await.until(() -> checkpoint.get("/rollouts/" + rollout + "/timeline"),
                t -> t.findValuesAsText("topic").contains("checkpoint-decided"), Duration.ofSeconds(60), "GATE's decision on the timeline");
        ServiceProcess.sleep(1000); // a decision announced twice would arrive about now
        timeline = checkpoint.get("/rollouts/" + rollout + "/timeline");
        List<String> entries = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        timeline.forEach(entry -> {
            entries.add(entry.get("eventId").asText());
            if ("checkpoint-decided".equals(entry.get("topic").asText())) {
                decisions.add(entry.at("/event/checkpoint").asText());
            }
        });
        assertEquals(entries.size(), new HashSet<>(entries).size(), "no event twice on the timeline: " + timeline);
        assertEquals(List.of("GATE"), decisions, "GATE decided once");
    }

    @Test
    void aNoGoStopsTheRolloutAtItsCheckpointAndRollsBackWhatItChanged() throws Exception {
        String db = catalogue();
        Map<String, Object> impossible = checkpoint("LOCKS", "staging", List.of("stg1"), Map.of("required", List.of("dba")));
        impossible.put("criteria", List.of(Map.of("name", "no_exclusive_lock", "expr", "apply.maxExclusiveLockMs < 0")));
        String rollout = start(Map.of("name", "refused", "migrationSet", "opt1-temporal-partitioning",
                "environments", List.of(Map.of("name", "staging", "targets", List.of(target("stg1", db)))),
                "checkpoints", List.of(impossible)));

        JsonNode done = finished(rollout);
        assertEquals("ROLLED_BACK", done.get("status").asText(), done.toString());
        assertTrue(done.get("rollbackReason").asText().contains("LOCKS"), done.get("rollbackReason").asText());
        // checkpoint-service's rollback-requested may have stopped the rollout before the decision itself arrived
        Await.until(() -> migration.get("/rollouts/" + rollout),
                r -> "NO_GO".equals(RolloutJson.checkpoint(r, "LOCKS").path("decision").asText()), Duration.ofSeconds(30),
                "the NO_GO of LOCKS stored by migration-service");
        List<String> phases = RolloutJson.phases(done);
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE", "ROLLBACK"), phases,
                "nothing after the checkpoint ran (no ROLLBACK_DRILL): " + phases);
        assertEquals("SUCCEEDED", RolloutJson.phase(done, "ROLLBACK").get("status").asText());
        JsonNode audit = checkpoint.get("/checkpoints/" + checkpointNamed(rollout, "LOCKS").get("id").asText() + "/audit");
        assertEquals("DEFINED", audit.get(0).get("action").asText(), audit.toString());
        assertEquals("plan", audit.get(0).get("actor").asText(), "the plan's checkpoint, no registration: " + audit);
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement();
                ResultSet kind = statement.executeQuery("SELECT relkind::text FROM pg_class WHERE oid = 'catalogo_geometrias'::regclass")) {
            kind.next();
            assertEquals("r", kind.getString(1), "the plain table is live again");
        }
    }

    @Test
    void aStabilityWatchThatIsAcceptedFinalisesTheRollout() throws Exception {
        JsonNode done = watched("stability.watchedSeconds >= 2", "FINALISED");
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE", "STABILITY", "FINALISE"),
                RolloutJson.phases(done));
        assertTrue(RolloutJson.phase(done, "STABILITY").at("/evidence/watchedSeconds").asDouble() >= 2, done.toString());
        assertEquals("ACCEPT", RolloutJson.checkpoint(done, "CP4").get("decision").asText());
        done.get("steps").forEach(step -> assertEquals("COMPLETED", step.get("status").asText(), step.toString()));
    }

    @Test
    void aStabilityWatchDecidedRollbackRollsTheRolloutBack() throws Exception {
        JsonNode done = watched("stability.watchedSeconds > 3600", "ROLLED_BACK");
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE", "STABILITY", "ROLLBACK"),
                RolloutJson.phases(done));
        assertTrue(done.get("rollbackReason").asText().contains("CP4"), done.get("rollbackReason").asText());
    }

    /**
     * OPT1 on one database watched for 2 s, with a stability checkpoint of {@code criterion} in its
     * plan, on an environment without an approval floor: the criterion alone decides.
     */
    private static JsonNode watched(String criterion, String endsAs) throws Exception {
        String db = catalogue();
        Map<String, Object> stability = checkpoint("CP4", "pilot", List.of("prod1"), null);
        stability.put("after", "STABILITY");
        stability.put("acceptance", true);
        stability.put("criteria", List.of(Map.of("name", "watched", "expr", criterion)));
        String rollout = start(Map.of("name", "watched", "migrationSet", "opt1-temporal-partitioning",
                "environments", List.of(Map.of("name", "pilot", "stabilitySeconds", 2, "targets", List.of(target("prod1", db)))),
                "checkpoints", List.of(stability)));
        JsonNode done = Await.until(() -> migration.get("/rollouts/" + rollout), r -> endsAs.equals(r.path("status").asText()),
                Duration.ofSeconds(180), "rollout " + rollout + " " + endsAs);
        return Await.until(() -> migration.get("/rollouts/" + rollout),
                r -> !RolloutJson.checkpoint(r, "CP4").path("decision").isNull(), Duration.ofSeconds(30), "CP4's decision stored");
    }

    private static String start(Map<String, Object> plan) throws Exception {
        HttpResponse<String> started = migration.post("/rollouts", plan);
        assertEquals(202, started.statusCode(), started.body());
        return JSON.readTree(started.body()).get("id").asText();
    }

    /** What an operator does before the rollout reaches its first checkpoint. */
    private static void register(String rollout, List<Map<String, Object>> checkpoints) throws Exception {
        HttpResponse<String> registered = checkpoint.send("PUT", "/rollouts/" + rollout + "/checkpoints",
                Map.of("checkpoints", checkpoints), TestTokens.get().person("olga", "operator"));
        assertEquals(200, registered.statusCode(), registered.body());
    }

    /** A checkpoint after VALIDATE on {@code targets}, with data integrity as its criterion. */
    private static Map<String, Object> checkpoint(String name, String environment, List<String> targets,
            Map<String, Object> signOffs) {
        Map<String, Object> checkpoint = new LinkedHashMap<>(Map.of("name", name, "environment", environment,
                "after", "VALIDATE", "targets", targets,
                "criteria", List.of(Map.of("name", "data_integrity", "expr", "validate.failedChecks == 0"))));
        if (signOffs != null) {
            checkpoint.put("signOffs", signOffs);
        }
        return checkpoint;
    }

    /** A DBA and an infrastructure lead approve the checkpoint, which must be OPEN, having seen its evidence (digest). */
    private static void approve(String rollout, String name, String comment) throws Exception {
        JsonNode open = checkpointNamed(rollout, name);
        assertEquals("OPEN", open.get("status").asText(), open.toString());
        for (Map.Entry<String, String> signer : Map.of("dana", "dba", "ivan", "infra-lead").entrySet()) {
            HttpResponse<String> signed = checkpoint.send("POST", "/checkpoints/" + open.get("id").asText() + "/sign-offs",
                    Map.of("decision", "APPROVE", "comment", comment, "evidenceDigest", open.get("evidenceDigest").asText()),
                    TestTokens.get().person(signer.getKey(), signer.getValue()));
            assertEquals(201, signed.statusCode(), signed.body());
        }
    }

    private static JsonNode checkpointNamed(String rollout, String name) {
        JsonNode list = Await.until(() -> checkpoint.get("/rollouts/" + rollout + "/checkpoints"),
                l -> l.findValuesAsText("name").contains(name), Duration.ofSeconds(30), "checkpoint " + name);
        for (JsonNode each : list) {
            if (name.equals(each.get("name").asText())) {
                return each;
            }
        }
        throw new AssertionError(name);
    }

    private static JsonNode finished(String rollout) {
        return Await.until(() -> migration.get("/rollouts/" + rollout),
                r -> List.of("SUCCEEDED", "FAILED", "ROLLED_BACK").contains(r.path("status").asText()), Duration.ofSeconds(180),
                "rollout " + rollout + " finished");
    }

    private static JsonNode firstPhaseOn(JsonNode rollout, String target) {
        for (JsonNode phase : rollout.get("phases")) {
            if (target.equals(phase.get("target").asText())) {
                return phase;
            }
        }
        throw new AssertionError("no phase on " + target);
    }

    private static Map<String, Object> target(String name, String db) {
        return Map.of("name", name, "jdbcUrl", TestPostgres.get().jdbcUrl(db));
    }

    private static String catalogue() {
        String db = "e2e_gates_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.get().createDatabase(db);
        DATABASES.add(db);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(db), TestPostgres.get().user(), "", 5_000, 3);
        return db;
    }
}
