package dev.cutover.monitoring;

import static dev.cutover.monitoring.MonitoringTarget.awaitSampled;
import static dev.cutover.monitoring.MonitoringTarget.newRollout;
import static dev.cutover.monitoring.MonitoringTarget.rule;
import static dev.cutover.monitoring.MonitoringTarget.startWatch;
import static dev.cutover.monitoring.MonitoringTarget.watchRequest;
import static dev.cutover.testing.TestTokens.as;
import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Watches and rules over REST: clear errors naming the field, idempotent starts, phase events guarding and stopping. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class WatchResourceTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static final String DB = "watched_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void createTarget() {
        PG.createDatabase(DB);
    }

    @AfterAll
    static void dropTarget() {
        PG.dropDatabase(DB);
    }

    @Test
    void badWatchRequestsNameTheFieldAtFault() {
        Map<String, Object> badRule = watchRequest(newRollout(), DB, false,
                List.of(rule("typo", "WARNING", "lock_wiat > 1", "soon", null, false)));
        asOperator().contentType("application/json").body(badRule).when().post("/watches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("rules[0].expr", "rules[0].for"))
                .body("errors.find { it.field == 'rules[0].expr' }.message", containsString("unknown metric 'lock_wiat'"));

        Map<String, Object> overflowing = watchRequest(newRollout(), DB, false,
                List.of(rule("long", "WARNING", "lock_wait_max_seconds > 1", "9223372036854775807h", null, false)));
        asOperator().contentType("application/json").body(overflowing).when().post("/watches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("rules[0].for"));
        overflowing.remove("rules");
        overflowing.put("interval", "9223372036854775807h");
        asOperator().contentType("application/json").body(overflowing).when().post("/watches")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("interval"));
        asOperator().queryParam("since", "-1000000000-01-01T00:00:00Z").when().get("/breaches")
                .then().statusCode(400).body("errors[0].field", equalTo("since"));
        asOperator().queryParam("limit", -1).when().get("/watches")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));

        Map<String, Object> fast = watchRequest(newRollout(), DB, false, null);
        fast.put("interval", "500ms");
        asOperator().contentType("application/json").body(fast).when().post("/watches")
                .then().statusCode(400).body("errors[0].field", equalTo("interval")).body("detail", containsString("at least 1000 ms"));
        fast.put("interval", "soon");
        asOperator().contentType("application/json").body(fast).when().post("/watches")
                .then().statusCode(400).body("errors[0].field", equalTo("interval"));

        Map<String, Object> noRollout = watchRequest(newRollout(), DB, false, null);
        noRollout.remove("rolloutId");
        asOperator().contentType("application/json").body(noRollout).when().post("/watches")
                .then().statusCode(400).body("errors.field", hasItem("rolloutId"));

        Map<String, Object> unknownCredentials = watchRequest(newRollout(), DB, false, null);
        unknownCredentials.put("target", Map.of("name", "db1", "jdbcUrl", PG.jdbcUrl(DB), "credentials", "nobody"));
        asOperator().contentType("application/json").body(unknownCredentials).when().post("/watches")
                .then().statusCode(400).body("errors[0].field", equalTo("target.credentials"));

        asOperator().when().get("/watches/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("id"));
        asOperator().when().get("/watches/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        asOperator().when().get("/breaches?severity=loud").then().statusCode(400).body("errors[0].field", equalTo("severity"));
        asOperator().when().get("/breaches?since=yesterday").then().statusCode(400).body("errors[0].field", equalTo("since"));
        asOperator().when().delete("/watches").then().statusCode(400).body("errors[0].field", equalTo("rolloutId"));
    }

    @Test
    void rulesCanBeListedValidatedReplacedAndReset() {
        asOperator().when().get("/rules").then().statusCode(200)
                .body("rules.name", hasItems("latency_p99_critical", "lock_wait", "rollback_latency_regression"))
                .body("rules.find { it.name == 'rollback_error_rate' }.rollbackTrigger", equalTo(true))
                .body("rules.find { it.name == 'rollback_error_rate' }.expr", equalTo("error_rate_percent > 0.1"));
        asOperator().when().get("/rules/metrics").then().statusCode(200).body("name", hasItem("lock_wait_max_seconds"));

        Map<String, Object> bad = Map.of("rules", List.of(rule("ok", "INFO", "deadlocks > 0", null, null, false),
                rule("ok", "INFO", "deadlocks >> 0", null, "forever", false)));
        asOperator().contentType("application/json").body(bad).when().post("/rules/validate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("rules[1].name", "rules[1].expr", "rules[1].keepFiringFor"));
        as("test-dba", "dba").contentType("application/json").body(bad).when().put("/rules").then().statusCode(400);

        Map<String, Object> good = Map.of("rules", List.of(rule("only_deadlocks", "WARNING", "deadlocks > 0", null, null, false)));
        asOperator().contentType("application/json").body(good).when().post("/rules/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        try {
            as("test-dba", "dba").contentType("application/json").body(good).when().put("/rules").then().statusCode(200);
            asOperator().when().get("/rules").then().statusCode(200).body("rules.name", equalTo(List.of("only_deadlocks")));
        } finally {
            as("test-dba", "dba").when().delete("/rules").then().statusCode(200).body("rules.size()", greaterThan(10));
        }
    }

    @Test
    void aSecondStartReturnsTheActiveWatchAndPhaseEventsGuardThenStopIt() {
        String rollout = newRollout();
        String watchId = startWatch(watchRequest(rollout, DB, false, null));
        asOperator().contentType("application/json").body(watchRequest(rollout, DB, false, null)).when().post("/watches")
                .then().statusCode(200).body("id", equalTo(watchId));
        awaitSampled(watchId, "connections_used_percent");
        asOperator().when().get("/watches/" + watchId).then().statusCode(200)
                .body("guardedSince", nullValue())
                .body("probesDisabled", containsString("catalogo_geometrias"));
        asOperator().when().get("/watches/" + watchId + "/samples").then().statusCode(200)
                .body("size()", greaterThan(0)).body("[0].metrics.target_up", equalTo(1.0f));

        // FINGERPRINT succeeded in production: APPLY is next, the guarded window opens
        TestKafka.get().send(PhaseCompleted.of(UUID.fromString(rollout), "production", DB, Phase.FINGERPRINT,
                PhaseStatus.SUCCEEDED, Instant.now().minusSeconds(1), Instant.now(), Map.of(), null));
        Await.until(() -> asOperator().when().get("/watches/" + watchId).then().extract().jsonPath(),
                w -> w.get("guardedSince") != null, Duration.ofSeconds(20), "the watch guarded");

        TestKafka.get().send(PhaseCompleted.of(UUID.fromString(rollout), "production", DB, Phase.ROLLBACK,
                PhaseStatus.SUCCEEDED, Instant.now().minusSeconds(1), Instant.now(), Map.of(), null));
        Await.until(() -> asOperator().when().get("/watches/" + watchId).then().extract().jsonPath(),
                w -> "STOPPED".equals(w.getString("status")), Duration.ofSeconds(20), "the watch stopped");
        asOperator().when().get("/watches?rolloutId=" + rollout).then().statusCode(200)
                .body("[0].stoppedAt", notNullValue());
    }
}
