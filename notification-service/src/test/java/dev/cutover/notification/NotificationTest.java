package dev.cutover.notification;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.cutover.events.CutoverWindow;
import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Notification;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Severity;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@WithTestResource(TestReceivers.class) // the same resources in every class of this module: one application, no restart between classes
class NotificationTest {

    @Test
    void aFailedPhaseBecomesOneWarningOnTheTopicAndInHistory() {
        UUID rollout = UUID.randomUUID();
        PhaseCompleted failed = PhaseCompleted.of(rollout, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.FAILED,
                Instant.now(), Instant.now(), Map.of(), "cannot connect to db1: Connection refused");
        try (TestKafka.TopicReader notifications = TestKafka.get().reader(Topics.NOTIFICATIONS)) {
            TestKafka.get().send(failed);
            TestKafka.get().send(failed); // redelivery

            ConsumerRecord<String, String> record = notifications.await(r -> rollout.toString().equals(r.key()), 1,
                    Duration.ofSeconds(20)).get(0);
            Notification notification = EventJson.read(Notification.class, record.value());
            assertEquals(Severity.WARNING, notification.severity());
            assertEquals("PREFLIGHT FAILED on shadow/db1", notification.title());
            assertTrue(notification.body().contains("Connection refused"), notification.body());
            assertEquals(failed.eventId(), notification.sourceEventId());
            assertTrue(notification.links().get("timeline").endsWith("/rollouts/" + rollout + "/timeline"));
            assertEquals("cutover/notification-service",
                    new String(record.headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8));

            JsonPath history = asOperator().queryParam("rolloutId", rollout.toString())
                    .when().get("/notifications").then().statusCode(200).extract().jsonPath();
            assertEquals(1, history.getList("$").size());
            assertEquals("WARNING", history.getString("[0].severity"));
            assertEquals(1, notifications.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> rollout.toString().equals(r.key())).count(), "one notification for a redelivered event");
        }
    }

    @Test
    void historyFiltersBySeverity() {
        UUID rollout = UUID.randomUUID();
        Instant now = Instant.now();
        TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, now, 1, "production", "db1", "p99-latency",
                Severity.CRITICAL, MetricBreach.State.FIRING, 5400, 5000, now, true));
        TestKafka.get().send(PhaseCompleted.of(rollout, "production", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                now, now, Map.of(), null));

        Await.until(() -> asOperator().queryParam("rolloutId", rollout.toString()).when().get("/notifications")
                .then().extract().jsonPath().getList("$"), list -> list.size() == 2, Duration.ofSeconds(20), "two notifications");
        List<String> critical = asOperator().queryParam("rolloutId", rollout.toString()).queryParam("severity", "critical")
                .when().get("/notifications").then().statusCode(200).extract().jsonPath().getList("title");
        assertEquals(List.of("p99-latency firing on production/db1"), critical);
    }

    @Test
    void theCutoverWindowsAssessmentIsAWarningWithItsProgressAndItsHardStopCritical() {
        UUID rollout = UUID.randomUUID();
        Instant opened = Instant.now().minusSeconds(4500);
        TestKafka.get().send(new CutoverWindow(UUID.randomUUID(), rollout, opened.plusSeconds(4500), 1, "CP3", "production",
                CutoverWindow.State.ASSESSED, opened, 4500, 4500, 5400, 1, 2, 600_000L, 1_000_000L, 700L));
        TestKafka.get().send(new CutoverWindow(UUID.randomUUID(), rollout, opened.plusSeconds(5400), 1, "CP3", "production",
                CutoverWindow.State.HARD_STOP, opened, 5400, 4500, 5400, 1, 2, 900_000L, 1_000_000L, 200L));

        JsonPath history = Await.until(() -> asOperator().queryParam("rolloutId", rollout.toString()).when().get("/notifications")
                .then().extract().jsonPath(), h -> h.getList("$").size() == 2, Duration.ofSeconds(20), "two notifications");
        // newest first
        assertEquals("CRITICAL", history.getString("[0].severity"));
        assertEquals("CP3 cutover window hard stop on production: rolling back", history.getString("[0].title"));
        assertEquals("WARNING", history.getString("[1].severity"));
        assertEquals("CP3 cutover assessment on production: 1/2 targets done, 900 s to the hard stop", history.getString("[1].title"));
        assertTrue(history.getString("[1].body").contains("600000/1000000 rows, ETA 700 s"), history.getString("[1].body"));
    }

    @Test
    void aDigestCountsEveryEventOfAPeriodBySeverityAndTitlePerRollout() {
        UUID rollout = UUID.randomUUID();
        Instant start = Instant.now();
        for (int i = 0; i < 3; i++) {
            TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, start, 1, "production", "db1", "unused_indexes",
                    Severity.INFO, MetricBreach.State.FIRING, 4, 0, start, false));
        }
        TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, start, 1, "production", "db1", "p99-latency",
                Severity.CRITICAL, MetricBreach.State.FIRING, 5400, 5000, start, true));
        JsonPath digest = Await.until(() -> asOperator().queryParam("rolloutId", rollout.toString())
                .queryParam("since", start.minusSeconds(60).toString()).when().get("/notifications/digest").then().statusCode(200)
                .extract().jsonPath(), d -> d.getInt("total") == 4, Duration.ofSeconds(20), "four events in the digest");
        assertEquals(4, digest.getInt("total"));
        assertEquals(3, digest.getInt("bySeverity.INFO"));
        assertEquals(1, digest.getInt("bySeverity.CRITICAL"));
        assertEquals("CRITICAL", digest.getString("rollouts[0].loudest"));
        assertEquals(3, digest.getInt("rollouts[0].titles.'unused_indexes firing on production/db1'"));
        JsonPath infoOnly = asOperator().queryParam("rolloutId", rollout.toString()).queryParam("severity", "INFO")
                .when().get("/notifications/digest").then().statusCode(200).extract().jsonPath();
        assertEquals(3, infoOnly.getInt("total"), "the weekly INFO digest");
        // the same breach firing three times is one message, not three
        assertEquals(List.of("p99-latency firing on production/db1", "unused_indexes firing on production/db1"),
                asOperator().queryParam("rolloutId", rollout.toString()).when().get("/notifications").then().statusCode(200)
                        .extract().jsonPath().getList("title"));
        asOperator().queryParam("since", "2030-01-01T00:00:00Z").queryParam("until", "2029-01-01T00:00:00Z")
                .when().get("/notifications/digest").then().statusCode(400).body("errors[0].field", equalTo("since"));
        asOperator().queryParam("until", "soon").when().get("/notifications/digest").then().statusCode(400)
                .body("errors[0].field", equalTo("until"));
    }

    @Test
    void badFiltersAreNamed() throws IOException {
        asOperator().queryParam("severity", "LOUD").when().get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("severity"));
        asOperator().queryParam("since", "yesterday").when().get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        asOperator().queryParam("rolloutId", "x").when().get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("rolloutId"));
        asOperator().queryParam("limit", 0).when().get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        // what the control database could not take is refused before it gets there
        asOperator().queryParam("since", "-1000000000-01-01T00:00:00Z").when().get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        asOperator().urlEncodingEnabled(false).when().get("/deliveries?receiver=%00").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("receiver"));
        // a malformed %-escape, sent raw (HTTP clients refuse to send one): the HTTP codec answers 400, bodiless (docs/security.md)
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("GET /deliveries?receiver=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.get().person("olga", "operator") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        asOperator().contentType("application/json").body("{\"comment\": \"a\\u0000b\"}")
                .when().post("/notifications/" + UUID.randomUUID() + "/acknowledgement").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("comment"));
    }
}
