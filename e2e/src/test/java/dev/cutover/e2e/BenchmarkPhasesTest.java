package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.EventJson;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;

/**
 * BASELINE and POST through the packaged migration- and benchmark-service: the plan's suite runs on
 * the untouched target and again after OPT1, compared with the baseline over real HTTP, and the
 * comparison reaches the broker as benchmark-completed.
 */
class BenchmarkPhasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATABASES = new ArrayList<>();
    private static ServiceProcess benchmark;
    private static ServiceProcess migration;

    @BeforeAll
    static void startServices() {
        Path root = Repository.root();
        Map<String, String> environment = Map.of(
                "CUTOVER_SUITES", root.resolve("sql/suites").toString(),
                "CUTOVER_MIGRATION_SETS", root.resolve("sql/migrations").toString(),
                "CUTOVER_BACKUP_DIR", root.resolve("e2e/target/backups").toString(),
                // no checkpoint-service here: its gates are RolloutGatesTest's
                "CUTOVER_MIGRATION_CHECKPOINT_GATES", "false");
        benchmark = new ServiceProcess(root, "benchmark-service", environment).start();
        Map<String, String> withBenchmark = new HashMap<>(environment);
        withBenchmark.put("CUTOVER_BENCHMARK_URL", benchmark.url(""));
        migration = new ServiceProcess(root, "migration-service", withBenchmark).start();
        benchmark.awaitReady(Duration.ofSeconds(120));
        migration.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        if (migration != null) {
            migration.stop();
        }
        if (benchmark != null) {
            benchmark.stop();
        }
        DATABASES.forEach(TestPostgres.get()::dropDatabase);
    }

    @Test
    void theSuiteRunsBeforeAndAfterApplyAndPostIsComparedWithBaseline() throws Exception {
        try (TestKafka.TopicReader completed = TestKafka.get().reader(Topics.BENCHMARK_COMPLETED)) {
            JsonNode done = run(plan(catalogue(), "spatial"));
            String rollout = done.get("id").asText();
            assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
            assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "BASELINE", "APPLY", "VALIDATE", "POST"),
                    RolloutJson.phases(done));

            String baselineId = RolloutJson.phase(done, "BASELINE").at("/evidence/benchmarkId").asText();
            JsonNode post = RolloutJson.phase(done, "POST").get("evidence");
            assertEquals(baselineId, post.get("baselineId").asText(), "POST compared with this target's BASELINE");
            assertEquals("SUCCEEDED", benchmark.get("/benchmarks/" + baselineId).get("status").asText());

            List<ConsumerRecord<String, String>> records = completed.await(r -> rollout.equals(r.key()), 2, Duration.ofSeconds(30));
            BenchmarkCompleted after = records.stream().map(r -> EventJson.read(BenchmarkCompleted.class, r.value()))
                    .filter(e -> post.get("benchmarkId").asText().equals(e.benchmarkId().toString())).findFirst().orElseThrow();
            assertEquals(UUID.fromString(baselineId), after.baselineId());
            assertEquals("staging", after.environment());
            assertEquals(List.of("Q1", "Q5"), after.queries().stream().map(BenchmarkCompleted.QuerySummary::queryId).toList());
            after.queries().forEach(q -> assertNotNull(q.verdict(), q + " has a verdict against the baseline"));
            assertTrue(after.geometricMeanRatio() > 0, "an overall ratio was measured: " + after.geometricMeanRatio());
        }
    }

    @Test
    void aSuiteBenchmarkServiceRefusesFailsBaselineWithItsAnswerBeforeAnythingChanged() throws Exception {
        String db = catalogue();
        JsonNode done = run(plan(db, "no-such-suite"));
        assertEquals("FAILED", done.get("status").asText(), done.toString());
        assertEquals(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "BASELINE"), RolloutJson.phases(done));
        String error = RolloutJson.phase(done, "BASELINE").get("error").asText();
        assertTrue(error.startsWith("benchmark-service refused the run (400)") && error.contains("no-such-suite"), error);
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement();
                ResultSet kind = statement.executeQuery("SELECT relkind::text FROM pg_class WHERE oid = 'catalogo_geometrias'::regclass")) {
            kind.next();
            assertEquals("r", kind.getString(1), "the plain table is untouched");
        }
    }

    private static Map<String, Object> plan(String db, String suite) {
        return Map.of("name", "bench-phases", "migrationSet", "opt1-temporal-partitioning",
                "benchmark", Map.of("suite", suite, "queries", List.of("Q1", "Q5"), "warmupIterations", 2,
                        "iterations", 20, "rounds", 2),
                "environments", List.of(Map.of("name", "staging", "targets",
                        List.of(Map.of("name", "stg1", "jdbcUrl", TestPostgres.get().jdbcUrl(db))))));
    }

    /** Starts the plan and waits until the rollout has finished, either way. */
    private static JsonNode run(Map<String, Object> plan) throws Exception {
        HttpResponse<String> started = migration.post("/rollouts", plan);
        assertEquals(202, started.statusCode(), started.body());
        String rollout = JSON.readTree(started.body()).get("id").asText();
        return Await.until(() -> migration.get("/rollouts/" + rollout),
                node -> List.of("SUCCEEDED", "FAILED").contains(node.path("status").asText()), Duration.ofSeconds(240),
                "rollout " + rollout + " finished");
    }

    private static String catalogue() {
        String db = "e2e_bench_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.get().createDatabase(db);
        DATABASES.add(db);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(db), TestPostgres.get().user(), "", 20_000, 3);
        return db;
    }
}
