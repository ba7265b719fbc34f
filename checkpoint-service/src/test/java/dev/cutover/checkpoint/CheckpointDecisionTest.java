package dev.cutover.checkpoint;

import static dev.cutover.testing.TestTokens.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.EventJson;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Decisions from evidence that arrives on the real broker, and sign-offs over REST with real JWTs. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class CheckpointDecisionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void passingEvidenceAndTheRequiredSignOffsDecideGoWithEveryMeasuredValue() {
        UUID rollout = UUID.randomUUID();
        String id = register(rollout, checkpoint("CP2", List.of(
                        criterion("data_integrity", "validate.failedChecks == 0", false),
                        criterion("q1_faster", "benchmark.Q1.improvementPercent >= 10", false),
                        criterion("drill_duration", "rollback_drill.totalSeconds < 300", false)),
                Map.of("required", List.of("dba"), "anyOf", Map.of("count", 1, "roles", List.of("pm", "cto"))), null));
        try (TestKafka.TopicReader decisions = TestKafka.get().reader(Topics.CHECKPOINT_DECIDED)) {
            sendStagingEvidence(rollout, -0.20);
            JsonPath open = awaitStatus(id, "OPEN");
            assertEquals("20", criterion(open, "q1_faster").get("measured"));
            assertEquals(">= 10", criterion(open, "q1_faster").get("threshold"));
            String digest = open.getString("evidenceDigest");
            assertTrue(digest.startsWith("sha256:"), digest);

            signOff(id, null, Map.of("decision", "APPROVE")).statusCode(401).contentType("application/problem+json");
            signOff(id, foreignToken("mallory", "dba"), Map.of("decision", "APPROVE")).statusCode(401);
            signOff(id, token("carol", "app-lead"), Map.of("decision", "APPROVE")).statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("dba"));
            signOff(id, token("dave", "pm"), Map.of("decision", "APPROVE", "role", "dba")).statusCode(403);
            signOff(id, token("alice", "dba"), Map.of("decision", "APPROVE", "evidenceDigest", "sha256:stale")).statusCode(409)
                    .body("errors[0].field", equalTo("evidenceDigest"));

            signOff(id, token("alice", "dba"), Map.of("decision", "APPROVE", "evidenceDigest", digest)).statusCode(201);
            signOff(id, token("alice", "dba"), Map.of("decision", "REJECT", "comment", "changed my mind")).statusCode(200)
                    .body("created", equalTo(false)).body("signOff.approved", equalTo(true));
            assertEquals("OPEN", checkpointById(id).getString("status"), "one of pm and cto has yet to sign");
            signOff(id, token("dave", "pm"), Map.of("decision", "APPROVE", "comment", "ops are ready")).statusCode(201);

            CheckpointDecided decided = awaitDecision(decisions, rollout);
            assertEquals(CheckpointDecided.Decision.GO, decided.decision());
            assertEquals(digest, decided.evidenceDigest());
            CheckpointDecided.Criterion q1 = decided.criteria().stream().filter(c -> c.name().startsWith("q1_faster")).findFirst().orElseThrow();
            assertEquals("20", q1.measured());
            assertTrue(q1.passed());
            CheckpointDecided.Criterion signOffs = decided.criteria().stream().filter(c -> c.name().equals("sign_offs")).findFirst().orElseThrow();
            assertEquals("dba, pm", signOffs.measured());
            assertEquals("dba, plus 1 of pm, cto", signOffs.threshold());
        }
        JsonPath audit = asOperator().get("/checkpoints/" + id + "/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("DEFINED", "OPENED", "SIGNED_OFF", "SIGNED_OFF", "DECIDED"), audit.getList("action"));
        assertEquals(List.of("alice", "dave"), audit.getList("findAll { it.action == 'SIGNED_OFF' }.actor"));
        signOff(id, token("erin", "cto"), Map.of("decision", "APPROVE")).statusCode(409).body("detail", containsString("decided GO"));
    }

    @Test
    void onlyAdvisoryCriteriaFailingIsConditionalUntilTheNamedRoleAcceptsWithAReason() {
        UUID rollout = UUID.randomUUID();
        String id = register(rollout, checkpoint("CP2", List.of(
                criterion("data_integrity", "validate.failedChecks == 0", false),
                criterion("q1_faster", "benchmark.Q1.improvementPercent >= 10", true)), Map.of("required", List.of("dba")), "cto"));
        try (TestKafka.TopicReader decisions = TestKafka.get().reader(Topics.CHECKPOINT_DECIDED)) {
            sendStagingEvidence(rollout, -0.04);
            awaitStatus(id, "OPEN");
            signOff(id, token("alice", "dba"), Map.of("decision", "APPROVE")).statusCode(201);
            CheckpointDecided conditional = awaitDecision(decisions, rollout);
            assertEquals(CheckpointDecided.Decision.CONDITIONAL, conditional.decision());
            assertEquals("4", conditional.criteria().get(1).measured());
            assertTrue(conditional.criteria().get(1).advisory());

            accept(id, token("alice", "dba"), Map.of("reason", "fine")).statusCode(403);
            accept(id, token("erin", "cto"), Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
            accept(id, token("erin", "cto"), Map.of("reason", "Q1 is not on the critical path this quarter")).statusCode(200)
                    .body("status", equalTo("DECIDED")).body("decision", equalTo("GO")).body("acceptedBy", equalTo("erin"));
            List<ConsumerRecord<String, String>> both = decisions.await(r -> rollout.toString().equals(r.key()), 2, WAIT);
            assertEquals(CheckpointDecided.Decision.GO, EventJson.read(CheckpointDecided.class, both.get(1).value()).decision());
        }
    }

    @Test
    void missingEvidenceAfterApplyIsNoGoAndRequestsARollback() {
        UUID rollout = UUID.randomUUID();
        String id = register(rollout, checkpoint("CP3", List.of(
                criterion("data_integrity", "validate.failedChecks == 0", false),
                criterion("q1_faster", "benchmark.Q1.improvementPercent >= 10", false)), Map.of("required", List.of("dba")), null));
        try (TestKafka.TopicReader decisions = TestKafka.get().reader(Topics.CHECKPOINT_DECIDED);
             TestKafka.TopicReader rollbacks = TestKafka.get().reader(Topics.ROLLBACK_REQUESTED)) {
            Instant at = Instant.now();
            TestKafka.get().send(phase(rollout, Phase.APPLY, at, Map.of("maxExclusiveLockMs", 7.5)));
            TestKafka.get().send(phase(rollout, Phase.ROLLBACK_DRILL, at.plusSeconds(1), Map.of("checks", passedChecks())));
            // no VALIDATE yet: the checkpoint opens after ROLLBACK_DRILL and finds no validation and no benchmark

            CheckpointDecided decided = awaitDecision(decisions, rollout);
            assertEquals(CheckpointDecided.Decision.NO_GO, decided.decision(), "missing evidence is never a pass, sign-offs or not");
            assertNull(decided.criteria().get(1).measured());
            RollbackRequested rollback = EventJson.read(RollbackRequested.class,
                    rollbacks.await(r -> rollout.toString().equals(r.key()), 1, WAIT).get(0).value());
            assertEquals("checkpoint-service", rollback.source());
            assertEquals(decided.eventId(), rollback.causeEventId());
            assertTrue(rollback.reason().contains("q1_faster"), rollback.reason());
        }
        assertEquals("NO_GO", checkpointById(id).getString("decision"));
    }

    @Test
    void aRejectionNeedsACommentAndMakesTheDecisionNoGo() {
        UUID rollout = UUID.randomUUID();
        String id = register(rollout, checkpoint("CP2", List.of(criterion("data_integrity", "validate.failedChecks == 0", false)),
                Map.of("required", List.of("dba", "cto")), null));
        try (TestKafka.TopicReader decisions = TestKafka.get().reader(Topics.CHECKPOINT_DECIDED)) {
            sendStagingEvidence(rollout, -0.2);
            awaitStatus(id, "OPEN");
            signOff(id, token("alice", "dba"), Map.of("decision", "APPROVE")).statusCode(201);
            signOff(id, token("erin", "cto"), Map.of("decision", "REJECT")).statusCode(400).body("errors[0].field", equalTo("comment"));
            signOff(id, token("erin", "cto"), Map.of("decision", "MAYBE")).statusCode(400).body("errors[0].field", equalTo("decision"));
            signOff(id, token("erin", "cto"), Map.of("decision", "REJECT", "comment", "no load test yet")).statusCode(201);
            assertEquals(CheckpointDecided.Decision.NO_GO, awaitDecision(decisions, rollout).decision());
        }
    }

    @Test
    void badDefinitionsAreRefusedWithEveryFieldNamedAndRegistrationNeedsAnOperatorOrDba() {
        UUID rollout = UUID.randomUUID();
        Map<String, Object> bad = Map.of("name", "CP2", "environment", "staging", "after", "ROLLBACK_DRILL",
                "criteria", List.of(Map.of("name", "q1", "expr", "benchmark.Q1.improvementPercent >> 10")),
                "signOffs", Map.of("required", List.of("ceo"), "anyOf", Map.of("count", 3, "roles", List.of("pm"))));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(bad, Map.of("name", "CP2"))))
                .header("Authorization", "Bearer " + token("alice", "dba"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("checkpoints[0].criteria[0].expr", "checkpoints[0].signOffs.required[0]",
                        "checkpoints[0].signOffs.anyOf.count", "checkpoints[1].name", "checkpoints[1].environment",
                        "checkpoints[1].after", "checkpoints[1].criteria"));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(Map.of("name", "CP2", "after", "SOMETIME"))))
                .header("Authorization", "Bearer " + token("alice", "dba"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(400).body("errors[0].field", containsString("after"));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of()))
                .header("Authorization", "Bearer " + token("dave", "pm"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(403).contentType("application/problem+json");
        // an unknown field is refused, not ignored
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(), "replaceAll", true))
                .header("Authorization", "Bearer " + token("alice", "dba"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(400).contentType("application/problem+json");
        // below the platform's approval floor for production (dba, plus 1 of infra-lead, cto)
        Map<String, Object> canary = Map.of("name", "CP3", "environment", "production", "after", "VALIDATE",
                "criteria", List.of(criterion("data_integrity", "validate.failedChecks == 0", false)),
                "signOffs", Map.of("required", List.of("dba")));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(canary)))
                .header("Authorization", "Bearer " + token("alice", "dba"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(400)
                .body("errors.field", equalTo(List.of("checkpoints[0].signOffs", "checkpoints")))
                .body("errors[0].message", containsString("missing 1 of infra-lead, cto"));
        asOperator().get("/checkpoints/nope").then().statusCode(400).body("errors[0].field", equalTo("id"));
        asOperator().get("/checkpoints/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRolloutThatRegisteredNoneGetsTheSeedsCheckpointsAndTheAuditTrailRefusesChanges() throws SQLException {
        UUID rollout = UUID.randomUUID();
        TestKafka.get().send(phase(rollout, Phase.PREFLIGHT, Instant.now(), Map.of("checks", passedChecks())));
        JsonPath checkpoints = Await.until(() -> asOperator().get("/rollouts/" + rollout + "/checkpoints").then().statusCode(200).extract().jsonPath(),
                list -> list.getList("$").size() == 4, WAIT, "the default checkpoints");
        assertEquals(List.of("CP1", "CP2", "CP3", "CP4"), checkpoints.getList("name"));
        assertEquals("dba and cto, plus 2 of infra-lead, app-lead, pm", checkpoints.getString("[1].signOffsRequired"));
        try (Connection connection = java.sql.DriverManager.getConnection(TestPostgres.get().controlJdbcUrl(), TestPostgres.get().user(), "")) {
            connection.createStatement().execute("SET search_path = checkpoint");
            SQLException refused = assertThrows(SQLException.class, () -> connection.createStatement()
                    .execute("UPDATE audit_entry SET actor = 'someone else' WHERE rollout_id = '" + rollout + "'"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Map<String, Object> checkpoint(String name, List<Map<String, Object>> criteria, Map<String, Object> signOffs,
                                                  String acceptor) {
        Map<String, Object> checkpoint = new java.util.HashMap<>(Map.of("name", name, "environment", "staging",
                "after", "ROLLBACK_DRILL", "targets", List.of("db1"), "criteria", criteria, "signOffs", signOffs));
        if (acceptor != null) {
            checkpoint.put("conditionalAcceptor", acceptor);
        }
        return checkpoint;
    }

    private static Map<String, Object> criterion(String name, String expr, boolean advisory) {
        return Map.of("name", name, "expr", expr, "advisory", advisory);
    }

    /** Registers one checkpoint for the rollout as a DBA and answers its id. */
    private static String register(UUID rollout, Map<String, Object> checkpoint) {
        return given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(checkpoint)))
                .header("Authorization", "Bearer " + token("alice", "dba"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(200)
                .body("[0].status", equalTo("WAITING")).extract().jsonPath().getString("[0].id");
    }

    /** VALIDATE passed, a benchmark against a baseline with Q1's relative change, then the rollback drill. */
    private static void sendStagingEvidence(UUID rollout, double q1RelativeChange) {
        Instant at = Instant.now();
        TestKafka.get().send(phase(rollout, Phase.VALIDATE, at, Map.of("checks", passedChecks())));
        TestKafka.get().send(new BenchmarkCompleted(UUID.randomUUID(), rollout, at.plusSeconds(1), BenchmarkCompleted.SCHEMA_VERSION,
                UUID.randomUUID(), "post", "staging", "db1", "spatial",
                List.of(new BenchmarkCompleted.QuerySummary("Q1", 1.2, 2.0, 3.1, 0, "IMPROVED", q1RelativeChange)),
                null, UUID.randomUUID(), 0.8, null));
        TestKafka.get().send(phase(rollout, Phase.ROLLBACK_DRILL, at.plusSeconds(2), Map.of("totalSeconds", 12.5, "recoveryPercent", 100.0)));
    }

    private static PhaseCompleted phase(UUID rollout, Phase phase, Instant at, Map<String, Object> evidence) {
        return PhaseCompleted.of(rollout, "staging", "db1", phase, PhaseStatus.SUCCEEDED, at.minusMillis(300), at, evidence, null);
    }

    private static List<Map<String, Object>> passedChecks() {
        return List.of(Map.of("name", "fingerprint catalogo_geometrias", "value", "equal", "passed", true));
    }

    private static String token(String name, String... roles) {
        return TestTokens.get().person(name, roles);
    }

    /** Well-formed and signed, but by a key this service does not trust. */
    private static String foreignToken(String name, String role) {
        return TestTokens.get().signForeign(TestTokens.claims(name, role));
    }

    private static io.restassured.response.ValidatableResponse signOff(String id, String token, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/checkpoints/" + id + "/sign-offs").then();
    }

    private static io.restassured.response.ValidatableResponse accept(String id, String token, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).header("Authorization", "Bearer " + token)
                .post("/checkpoints/" + id + "/acceptance").then();
    }

    private static JsonPath checkpointById(String id) {
        return asOperator().get("/checkpoints/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitStatus(String id, String status) {
        return Await.until(() -> checkpointById(id), c -> status.equals(c.getString("status")), WAIT, "checkpoint " + id + " " + status);
    }

    private static Map<String, Object> criterion(JsonPath checkpoint, String name) {
        List<Map<String, Object>> criteria = checkpoint.getList("criteria");
        return criteria.stream().filter(c -> c.get("name").toString().startsWith(name)).findFirst().orElseThrow();
    }

    private static CheckpointDecided awaitDecision(TestKafka.TopicReader decisions, UUID rollout) {
        return EventJson.read(CheckpointDecided.class, decisions.await(r -> rollout.toString().equals(r.key()), 1, WAIT).get(0).value());
    }
}
