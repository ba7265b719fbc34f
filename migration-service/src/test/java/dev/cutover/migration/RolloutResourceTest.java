package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.as;
import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.events.EventJson;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class RolloutResourceTest {

    private static final String TARGET_DB = "target_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PLAIN_DB = "plain_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void createTargets() {
        TestPostgres postgres = TestPostgres.get();
        postgres.createDatabase(TARGET_DB);
        // a database without PostGIS, as a misconfigured target would be
        postgres.execute("postgres", "CREATE DATABASE " + PLAIN_DB);
    }

    @AfterAll
    static void dropTargets() {
        TestPostgres.get().dropDatabase(TARGET_DB);
        TestPostgres.get().dropDatabase(PLAIN_DB);
    }

    @Test
    void preflightMeasuresTheTargetAndAnnouncesIt() {
        try (TestKafka.TopicReader phases = TestKafka.get().reader(Topics.PHASE_COMPLETED)) {
            String id = startRollout(plan(TestPostgres.get().jdbcUrl(TARGET_DB)));

            JsonPath rollout = awaitStatus(id, "SUCCEEDED");
            // the plan's targets are part of the view (monitoring-service finds what to watch there)
            assertEquals(TestPostgres.get().jdbcUrl(TARGET_DB), rollout.getString("environments[0].targets[0].jdbcUrl"));
            assertEquals("PREFLIGHT", rollout.getString("phases[0].phase"));
            assertEquals("SUCCEEDED", rollout.getString("phases[0].status"));
            assertTrue(rollout.getString("phases[0].evidence.serverVersion").startsWith("15"),
                    rollout.getString("phases[0].evidence.serverVersion"));
            assertNotNull(rollout.getString("phases[0].evidence.postgisVersion"));
            assertTrue(rollout.getLong("phases[0].evidence.databaseSizeBytes") > 1_000_000);

            ConsumerRecord<String, String> record = phases.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            PhaseCompleted event = EventJson.read(PhaseCompleted.class, record.value());
            assertEquals(PhaseStatus.SUCCEEDED, event.status());
            assertEquals("shadow", event.environment());
            assertEquals(rollout.getString("phases[0].evidence.serverVersion"), event.evidence().get("serverVersion"));
            // CloudEvents binary mode: the attributes travel as ce_ headers
            assertEquals(event.eventId().toString(), header(record, "ce_id"));
            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals("dev.cutover.phase-completed", header(record, "ce_type"));
            assertEquals("cutover/migration-service", header(record, "ce_source"));
            assertEquals(id, header(record, "ce_subject"));
        }
    }

    @Test
    void unreachableTargetFailsPreflightWithTheConnectionError() {
        int closedPort = TestPostgres.freePort();
        try (TestKafka.TopicReader phases = TestKafka.get().reader(Topics.PHASE_COMPLETED)) {
            String id = startRollout(plan("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere"));

            JsonPath rollout = awaitStatus(id, "FAILED");
            assertEquals("FAILED", rollout.getString("phases[0].status"));
            assertTrue(rollout.getString("phases[0].error").contains("Connection to 127.0.0.1:" + closedPort + " refused"),
                    rollout.getString("phases[0].error"));

            PhaseCompleted event = EventJson.read(PhaseCompleted.class,
                    phases.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
            assertEquals(PhaseStatus.FAILED, event.status());
            assertTrue(event.error().contains("refused"), event.error());
        }
    }

    @Test
    void targetWithoutPostgisFailsPreflightNamingTheCheck() {
        String id = startRollout(plan(TestPostgres.get().jdbcUrl(PLAIN_DB)));
        JsonPath rollout = awaitStatus(id, "FAILED");
        assertTrue(rollout.getString("phases[0].error").contains("postgisVersion (not installed)"),
                rollout.getString("phases[0].error"));
        // nothing to roll back: refused, and the refusal changes nothing
        asOperator().contentType("application/json").body(Map.of("reason", "too late")).when().post("/rollouts/" + id + "/rollback")
                .then().statusCode(409).contentType("application/problem+json");
        asOperator().when().get("/rollouts/" + id).then().body("rollbackReason", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo("FAILED"));
        // the refused attempt is in the request audit all the same
        asOperator().when().get("/audit?subject=" + id).then().statusCode(200)
                .body("[0].operation", equalTo("POST /rollouts/{id}/rollback")).body("[0].status", equalTo(409))
                .body("[0].principal", equalTo("test-operator")).body("[0].requestDigest", startsWith("sha256:"));
    }

    @Test
    void yamlPlansAreAccepted() {
        String yaml = """
                name: yaml-plan
                environments:
                  - name: shadow
                    targets:
                      - name: db1
                        jdbcUrl: %s
                """.formatted(TestPostgres.get().jdbcUrl(TARGET_DB));
        String id = asOperator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/rollouts")
                .then().statusCode(202).extract().path("id");
        awaitStatus(id, "SUCCEEDED");
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        asOperator().contentType("application/json").body("{\"name\": \"x\", \"environments\": [")
                .when().post("/rollouts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", startsWith("malformed request body"));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        String body = """
                {"name": "", "environments": [
                  {"name": "Shadow!", "targets": [
                    {"name": "db1", "jdbcUrl": "postgres://nope"},
                    {"name": "db1", "jdbcUrl": "jdbc:postgresql://h/db?password=secret"}]},
                  {"name": "staging", "targets": []}]}
                """;
        asOperator().contentType("application/json").body(body)
                .when().post("/rollouts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "environments[0].name", "environments[0].targets[0].jdbcUrl",
                        "environments[0].targets[1].jdbcUrl", "environments[1].targets"));
    }

    @Test
    void consistencyProblemsAreNamedToo() {
        String url = TestPostgres.get().jdbcUrl(TARGET_DB);
        String body = """
                {"name": "dupes", "environments": [
                  {"name": "shadow", "targets": [
                    {"name": "db1", "jdbcUrl": "%1$s"},
                    {"name": "db1", "jdbcUrl": "%1$s", "credentials": "vault-prod"}]},
                  {"name": "shadow", "targets": [{"name": "db2", "jdbcUrl": "%1$s"}]}]}
                """.formatted(url);
        asOperator().contentType("application/json").body(body)
                .when().post("/rollouts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("environments[0].targets[1].name",
                        "environments[0].targets[1].credentials", "environments[1].name"));
    }

    @Test
    void aBenchmarkAddsBaselineAndPostAndItsSettingsAreValidated() {
        Map<String, Object> plan = Map.of("name", "benchmarked", "migrationSet", "opt1-temporal-partitioning",
                "benchmark", Map.of("suite", "spatial", "iterations", 50),
                "environments", List.of(Map.of("name", "staging", "targets",
                        List.of(Map.of("name", "db1", "jdbcUrl", TestPostgres.get().jdbcUrl(TARGET_DB))))));
        asOperator().contentType("application/json").body(plan).when().post("/rollouts/dry-run")
                .then().statusCode(200)
                .body("environments[0].phases", equalTo(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "BASELINE", "APPLY",
                        "VALIDATE", "POST")))
                .body("lines[1]", startsWith("Benchmark: suite spatial through benchmark-service"));

        Map<String, Object> bad = new HashMap<>(plan);
        bad.put("benchmark", Map.of("suite", "no such suite!", "iterations", 0, "loadTest", Map.of("clients", 5)));
        asOperator().contentType("application/json").body(bad).when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("benchmark.suite", "benchmark.iterations", "benchmark.loadTest.durationSeconds"));
    }

    @Test
    void checkpointsAndAlertRulesInThePlanAreValidatedDescribedAndServed() {
        String yaml = """
                name: gated
                environments:
                  - name: staging
                    targets: [{name: db1, jdbcUrl: "%s"}]
                checkpoints:
                  - name: CP2
                    environment: staging
                    after: PREFLIGHT
                    criteria: [{name: preflight_checks, expr: "preflight.failedChecks == 0"}]
                    signOffs: {required: [dba]}
                monitoring:
                  rules:
                    - {name: lock_wait, severity: CRITICAL, expr: "lock_wait_max_seconds > 0.5", for: 2s}
                    - {name: unused_indexes, enabled: false}
                """.formatted(TestPostgres.get().jdbcUrl(TARGET_DB));
        asOperator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/rollouts/dry-run")
                .then().statusCode(200)
                .body("lines", hasItems(
                        "   CP2 on staging after PREFLIGHT: preflight_checks (preflight.failedChecks == 0); sign-offs: dba",
                        "   lock_wait: CRITICAL when lock_wait_max_seconds > 0.5 for 2s", "   unused_indexes: switched off"));

        String id = asOperator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/rollouts")
                .then().statusCode(202).extract().path("id");
        asOperator().when().get("/rollouts/" + id).then().statusCode(200)
                .body("plannedCheckpoints[0].name", equalTo("CP2"))
                .body("plannedCheckpoints[0].signOffs.required", equalTo(List.of("dba")))
                .body("monitoring.rules[0].for", equalTo("2s"))
                .body("monitoring.rules[1].enabled", equalTo(false));
        awaitStatus(id, "SUCCEEDED");

        String bad = yaml.replace("preflight.failedChecks == 0", "preflight.failedChecks === 0")
                .replace("required: [dba]", "required: [janitor]")
                .replace("lock_wait_max_seconds > 0.5", "lock_wiat > 0.5");
        asOperator().contentType("application/yaml").body(bad.getBytes(StandardCharsets.UTF_8)).when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("checkpoints[0].criteria[0].expr", "checkpoints[0].signOffs.required[0]",
                        "monitoring.rules[0].expr"));
        String misplaced = yaml.replace("after: PREFLIGHT", "after: APPLY\n    targets: [db9]");
        asOperator().contentType("application/yaml").body(misplaced.getBytes(StandardCharsets.UTF_8)).when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("checkpoints[0].after", "checkpoints[0].targets[0]")))
                .body("errors.message", hasItems(equalTo("APPLY does not run in staging (there: PREFLIGHT)"),
                        equalTo("'db9' is not a target of staging")));
        asOperator().contentType("application/yaml").body(yaml.replace("environment: staging", "environment: prod")
                .getBytes(StandardCharsets.UTF_8)).when().post("/rollouts")
                .then().statusCode(400)
                .body("errors.find { it.field == 'checkpoints[0].environment' }.message",
                        equalTo("the plan has no environment 'prod' (its environments: staging)"))
                .body("errors.find { it.field == 'checkpoints' }.message", containsString("environment 'staging' needs a checkpoint"));
    }

    @Test
    void aPlanBelowTheApprovalFloorIsRefusedAndTheSubmitterIsTheTokensName() {
        String yaml = """
                name: floored
                environments:
                  - name: production
                    targets: [{name: db1, jdbcUrl: "%s"}]
                checkpoints:
                  - name: CP3
                    environment: production
                    after: PREFLIGHT
                    criteria: [{name: preflight_checks, expr: "preflight.failedChecks == 0"}]
                    signOffs: {required: [dba]}
                """.formatted(TestPostgres.get().jdbcUrl(TARGET_DB));
        asOperator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("checkpoints", "checkpoints[0].signOffs")))
                .body("errors[1].message", equalTo("below the platform's floor for 'production' (dba, plus 1 of infra-lead, cto): "
                        + "missing 1 of infra-lead, cto"));
        String floored = yaml.replace("signOffs: {required: [dba]}", "signOffs: {required: [dba, cto]}");
        String id = as("sam", "operator").contentType("application/yaml").body(floored.getBytes(StandardCharsets.UTF_8))
                .when().post("/rollouts").then().statusCode(202).body("submittedBy", equalTo("sam")).extract().path("id");
        awaitStatus(id, "SUCCEEDED");
        asOperator().when().get("/rollouts/" + id).then().body("submittedBy", equalTo("sam"));
        // a plan without checkpoints gets the defaults, which meet the floors
        Map<String, Object> production = Map.of("name", "defaults", "environments",
                List.of(Map.of("name", "production", "targets", List.of(Map.of("name", "db1", "jdbcUrl", TestPostgres.get().jdbcUrl(TARGET_DB))))));
        asOperator().contentType("application/json").body(production).when().post("/rollouts/dry-run").then().statusCode(200);
    }

    @Test
    void targetsReachADatabaseAndNothingElse() {
        String control = TestPostgres.get().controlJdbcUrl();
        Map<String, Object> plan = Map.of("name", "hostile", "environments", List.of(Map.of("name", "shadow", "targets", List.of(
                Map.of("name", "own", "jdbcUrl", control),
                Map.of("name", "factory", "jdbcUrl", TestPostgres.get().jdbcUrl(TARGET_DB) + "?socketFactory=java.lang.Object"),
                Map.of("name", "userinfo", "jdbcUrl", "jdbc:postgresql://postgres:secret@127.0.0.1/x")))));
        asOperator().contentType("application/json").body(plan).when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.field == 'environments[0].targets[0].jdbcUrl' }.message",
                        equalTo("must not be Cutover's own control database"))
                .body("errors.find { it.field == 'environments[0].targets[1].jdbcUrl' }.message",
                        startsWith("must not set driver property 'socketFactory'"))
                .body("errors.find { it.field == 'environments[0].targets[2].jdbcUrl' }.message", containsString("user or password"))
                .body(org.hamcrest.Matchers.not(containsString("secret")));
    }

    @Test
    void bodiesAreReadStrictly() {
        String id = startRollout(plan(TestPostgres.get().jdbcUrl(TARGET_DB)));
        awaitStatus(id, "SUCCEEDED");
        for (String body : List.of("{\"reason\": \"a\", \"reason\": \"b\"}", "{\"reason\": \"a\"} {}", "{\"reason\": 5}",
                "{\"reason\": \"a\", \"force\": true}")) {
            asOperator().contentType("application/json").body(body).when().post("/rollouts/" + id + "/rollback")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        asOperator().when().get("/rollouts/" + id).then().body("status", equalTo("SUCCEEDED"))
                .body("rollbackReason", org.hamcrest.Matchers.nullValue());
        asOperator().contentType("application/json").body("{\"name\": \"a\\u0000b\", \"environments\": []}").when().post("/rollouts")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        asOperator().contentType("application/json").body("{\"name\": \"\\ud800\", \"environments\": []}").when().post("/rollouts")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        asOperator().queryParam("limit", -1).when().get("/rollouts").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        // not a number: the request's fault (400 naming it), not an unknown resource (JAX-RS's 404)
        asOperator().queryParam("limit", "abc").when().get("/rollouts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        asOperator().when().get("/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() {
        asOperator().contentType("application/json").body("{\"name\": \"x\", \"enviroments\": []}")
                .when().post("/rollouts")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("enviroments"));
        asOperator().contentType("application/json").body("{\"name\": \"x\", \"environments\": \"shadow\"}")
                .when().post("/rollouts")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("environments"));
    }

    @Test
    void emptyBodyAndWrongMediaTypeAreClientErrors() {
        asOperator().contentType("application/json")
                .when().post("/rollouts")
                .then().statusCode(400).contentType("application/problem+json");
        asOperator().contentType("text/plain").body("hello")
                .when().post("/rollouts")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void badAndUnknownIdsAreClientErrors() {
        asOperator().when().get("/rollouts/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        asOperator().when().get("/rollouts/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no rollout"));
    }

    static Map<String, Object> plan(String jdbcUrl) {
        return Map.of("name", "test-" + UUID.randomUUID(), "environments",
                List.of(Map.of("name", "shadow", "targets", List.of(Map.of("name", "db1", "jdbcUrl", jdbcUrl)))));
    }

    static String startRollout(Map<String, Object> plan) {
        return asOperator().contentType("application/json").body(plan)
                .when().post("/rollouts")
                .then().statusCode(202)
                .header("Location", containsString("/rollouts/"))
                .body("status", equalTo("RUNNING"))
                .extract().path("id");
    }

    static JsonPath awaitStatus(String id, String status) {
        return Await.until(() -> asOperator().when().get("/rollouts/" + id).then().statusCode(200).extract().jsonPath(),
                rollout -> status.equals(rollout.getString("status")), Duration.ofSeconds(30), "rollout " + id + " " + status);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
