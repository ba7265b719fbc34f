package dev.cutover.notification;

import static dev.cutover.testing.TestTokens.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cutover.events.MetricBreach;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Severity;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Escalation with the test routing's {@code escalationtest} route: CRITICAL to {@code pager}; not
 * acknowledged within 3 s to {@code lead}, 2 s later to {@code pm}. Acknowledgement over REST with
 * a JWT, as sign-offs are made.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@WithTestResource(TestReceivers.class)
class EscalationTest {

    @Test
    void anUnacknowledgedCriticalGoesToEachLevelInTurn() {
        UUID rollout = UUID.randomUUID();
        TestKafka.get().send(new RollbackRequested(UUID.randomUUID(), rollout, Instant.now(), 1, "escalationtest",
                "monitoring-service", "p99 above 5 s for 60 s", UUID.randomUUID()));

        Await.until(() -> TestReceivers.accepted("/pager", rollout.toString()), l -> l.size() == 1, Duration.ofSeconds(20), "paged");
        String lead = Await.until(() -> TestReceivers.accepted("/lead", rollout.toString()), l -> l.size() == 1,
                Duration.ofSeconds(20), "escalated to the lead").get(0);
        assertTrue(lead.contains("\"kind\":\"ESCALATION\"") && lead.contains("Escalated (level 1"), lead);
        assertTrue(lead.contains("Rollback requested by monitoring-service"), lead);
        // pm's receiver is Slack-shaped: the text carries the words, the rollout is in the links
        String pm = Await.until(() -> TestReceivers.ACCEPTED.getOrDefault("/pm", List.of()).stream()
                .filter(b -> b.contains("Escalated (level 2")).filter(b -> b.contains(rollout.toString())).toList(),
                l -> l.size() == 1, Duration.ofSeconds(20), "escalated to the pm").get(0);
        assertTrue(pm.startsWith("{\"text\":\"*CRITICAL* Escalated (level 2"), pm);

        JsonPath history = asOperator().queryParam("rolloutId", rollout.toString()).get("/notifications").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("ESCALATION", "ESCALATION", "NOTICE"), history.getList("kind"));
        Instant paged = Instant.parse(history.getString("[2].createdAt"));
        Instant level1 = Instant.parse(history.getString("[1].createdAt"));
        Instant level2 = Instant.parse(history.getString("[0].createdAt"));
        assertTrue(Duration.between(paged, level1).toMillis() >= 2900, paged + " → " + level1);
        assertTrue(Duration.between(level1, level2).toMillis() >= 1900, level1 + " → " + level2);
        Await.holds(() -> asOperator().queryParam("rolloutId", rollout.toString()).get("/notifications").then().extract().jsonPath()
                .getList("$").size(), n -> n == 3, Duration.ofSeconds(3), "no level after the last");
    }

    @Test
    void anAcknowledgementStopsTheEscalationAndTellsWhoWasPaged() {
        UUID rollout = UUID.randomUUID();
        Instant now = Instant.now();
        TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, now, 1, "escalationtest", "db1", "lock-wait",
                Severity.CRITICAL, MetricBreach.State.FIRING, 12, 5, now, true));
        String page = Await.until(() -> asOperator().queryParam("rolloutId", rollout.toString()).get("/notifications").then()
                .extract().jsonPath().getList("id", String.class), l -> l.size() == 1, Duration.ofSeconds(20), "paged").get(0);

        given().contentType(ContentType.JSON).body(Map.of()).post("/notifications/{id}/acknowledgement", page).then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token("victor", "viewer")).contentType(ContentType.JSON).body(Map.of())
                .post("/notifications/{id}/acknowledgement", page).then().statusCode(403).contentType("application/problem+json");
        JsonPath ack = given().auth().oauth2(token("alice", "dba")).contentType(ContentType.JSON)
                .body(Map.of("comment", "looking at the lock holder")).post("/notifications/{id}/acknowledgement", page)
                .then().statusCode(200).body("acknowledgedBy", equalTo("alice")).body("escalationLevel", equalTo(0))
                .extract().jsonPath();
        given().auth().oauth2(token("bob", "operator")).contentType(ContentType.JSON).body(Map.of())
                .post("/notifications/{id}/acknowledgement", page).then().statusCode(200)
                .body("acknowledgedBy", equalTo("alice")).body("acknowledgedAt", equalTo(ack.getString("acknowledgedAt")));

        String told = Await.until(() -> TestReceivers.accepted("/pager", rollout.toString()).stream()
                .filter(b -> b.contains("ACKNOWLEDGED")).toList(), l -> l.size() == 1, Duration.ofSeconds(20), "the pager told").get(0);
        assertTrue(told.contains("Acknowledged by alice: lock-wait firing on escalationtest/db1"), told);
        assertTrue(told.contains("looking at the lock holder"), told);
        Await.holds(() -> TestReceivers.accepted("/lead", rollout.toString()), List::isEmpty, Duration.ofSeconds(3),
                "no escalation after the acknowledgement");
    }

    @Test
    void onlyCriticalNotificationsThatExistAreAcknowledged() {
        UUID rollout = UUID.randomUUID();
        Instant now = Instant.now();
        TestKafka.get().send(PhaseCompleted.of(rollout, "escalationtest", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED, now, now,
                Map.of(), null));
        String info = Await.until(() -> asOperator().queryParam("rolloutId", rollout.toString()).get("/notifications").then()
                .extract().jsonPath().getList("id", String.class), l -> l.size() == 1, Duration.ofSeconds(20), "a notice").get(0);
        given().auth().oauth2(token("alice", "dba")).contentType(ContentType.JSON).body(Map.of())
                .post("/notifications/{id}/acknowledgement", info).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token("alice", "dba")).contentType(ContentType.JSON).body(Map.of())
                .post("/notifications/{id}/acknowledgement", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(token("alice", "dba")).contentType(ContentType.JSON).body(Map.of())
                .post("/notifications/{id}/acknowledgement", "x").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    private static String token(String name, String role) {
        return TestTokens.get().person(name, role);
    }
}
