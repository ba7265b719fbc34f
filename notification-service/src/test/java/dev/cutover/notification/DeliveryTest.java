package dev.cutover.notification;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
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
import dev.cutover.events.Severity;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Routing to a real webhook that is down, then up; to one that never comes up, ending in a dead letter; to e-mail over SMTP. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@WithTestResource(TestReceivers.class)
class DeliveryTest {

    @Test
    void aWebhookThatIsDownThenUpGetsEveryNotificationOnceInOrderAndOneNeverUpEndsInADeadLetter() {
        UUID rollout = UUID.randomUUID();
        Instant now = Instant.now();
        TestKafka.get().send(PhaseCompleted.of(rollout, "hooktest", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED, now, now, Map.of(), null));
        TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, now, 1, "hooktest", "db1", "p99-latency", Severity.CRITICAL,
                MetricBreach.State.FIRING, 5400, 5000, now, true));
        TestKafka.get().send(PhaseCompleted.of(rollout, "hooktest", "db1", Phase.BACKUP, PhaseStatus.SUCCEEDED, now, now, Map.of(), null));

        Await.until(() -> TestReceivers.accepted("/hook", rollout.toString()), l -> l.size() == 3,
                Duration.ofSeconds(30), "three notifications accepted by the webhook");
        List<String> accepted = TestReceivers.accepted("/hook", rollout.toString());
        assertTrue(accepted.get(0).contains("PREFLIGHT passed"), accepted.get(0));
        assertTrue(accepted.get(1).contains("p99-latency firing"), accepted.get(1));
        assertTrue(accepted.get(2).contains("BACKUP passed"), accepted.get(2));
        assertEquals(TestReceivers.FAILURES_FIRST + 3, TestReceivers.HOOK_REQUESTS.get(), "two refused attempts, then each notification once");

        JsonPath hook = asOperator().queryParam("receiver", "hook").get("/deliveries").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("DELIVERED", "DELIVERED", "DELIVERED"), hook.getList("status"));
        assertEquals(TestReceivers.FAILURES_FIRST + 1, hook.getInt("[2].attempts"), "the oldest was retried until the webhook was up");

        // only the CRITICAL one goes to 'nobody' as well: three attempts, then a dead letter; the others were not held up
        JsonPath dead = Await.until(() -> asOperator().queryParam("status", "DEAD").queryParam("receiver", "nobody").get("/deliveries")
                .then().statusCode(200).extract().jsonPath(), d -> d.getList("$").size() == 1, Duration.ofSeconds(30), "a dead letter");
        assertEquals(3, dead.getInt("[0].attempts"));
        assertTrue(dead.getString("[0].lastError").contains("Connect"), dead.getString("[0].lastError"));
        asOperator().queryParam("status", "LOST").get("/deliveries").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void anEmailReceiverSendsOverSmtp() {
        UUID rollout = UUID.randomUUID();
        Instant now = Instant.now();
        TestKafka.get().send(PhaseCompleted.of(rollout, "mailtest", "db1", Phase.PREFLIGHT, PhaseStatus.FAILED, now, now, Map.of(),
                "cannot connect to db1: Connection refused"));

        SmtpSink.Mail mail = Await.until(() -> TestReceivers.smtp.received.stream().filter(m -> unfolded(m.data()).contains(rollout.toString()))
                .toList(), l -> l.size() == 1, Duration.ofSeconds(30), "one mail").get(0);
        assertEquals(List.of("dba@example.com", "lead@example.com"), mail.to());
        String data = unfolded(mail.data());
        assertTrue(data.contains("Subject: [WARNING] PREFLIGHT FAILED on mailtest/db1"), data);
        assertTrue(data.contains("Connection refused"), data);
        assertTrue(data.contains("timeline: http://") && data.contains("/rollouts/" + rollout + "/timeline"), data);
        Await.until(() -> asOperator().queryParam("receiver", "dba-mail").get("/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("status"), l -> l.contains("DELIVERED"), Duration.ofSeconds(10), "recorded as delivered");
    }

    /** The mail's text as written: soft line breaks and =XX escapes of quoted-printable undone. */
    private static String unfolded(String data) {
        return data.replace("=\n", "").replace("=3D", "=");
    }

    @Test
    void routingIsValidatedWithEveryProblemNamed() {
        asOperator().get("/routing").then().statusCode(200).body("route.receiver", equalTo("log"));
        Map<String, Object> bad = Map.of("receivers", List.of(Map.of("name", "hook", "type", "webhook", "url", "not a url"),
                        Map.of("name", "hook", "type", "pigeon"), Map.of("name", "mail", "type", "email", "to", List.of("nobody"))),
                "route", Map.of("receiver", "pager", "routes", List.of(Map.of("match", Map.of("colour", "red"), "receiver", "hook",
                        "group_by", List.of("environment", "mood"), "group_wait", "soon", "repeat_interval", "0s",
                        "escalate", List.of(Map.of("after", "0s", "receiver", "boss"))))));
        asOperator().contentType(ContentType.JSON).body(bad).post("/routing/validate").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("receivers[0].url", "receivers[1].name", "receivers[1].type", "receivers[2].to",
                        "route.receiver", "route.routes[0].match.colour", "route.routes[0].group_by[1]", "route.routes[0].group_wait",
                        "route.routes[0].repeat_interval", "route.routes[0].escalate[0].after",
                        "route.routes[0].escalate[0].receiver"));
    }
}
