package dev.cutover.checkpoint;

import static dev.cutover.testing.TestTokens.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * A new rollout's checkpoints come from its plan, which checkpoint-service asks migration-service
 * for over HTTP (here a real HTTP server on this machine answering as migration-service's
 * {@code GET /rollouts/{id}} does, so that it can be down first and answer later); a rollout
 * migration-service does not know gets the defaults. On production, the rollout's submitter
 * (also from migration-service) may not sign off its checkpoints: four-eyes.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@TestProfile(PlannedCheckpointsTest.AskingMigrationService.class)
class PlannedCheckpointsTest {

    /** A system property: the profile and the test run in different class loaders, each with its own statics. */
    private static final String PORT_PROPERTY = "cutover.test.planned-checkpoints.migration-port";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HttpServer migration;

    public static class AskingMigrationService implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            if (System.getProperty(PORT_PROPERTY) == null) {
                System.setProperty(PORT_PROPERTY, Integer.toString(TestPostgres.freePort()));
            }
            return Map.of("cutover.checkpoint.checkpoints-from-plans", "true",
                    "quarkus.rest-client.migration.url", "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY));
        }
    }

    @AfterAll
    static void stopMigration() {
        if (migration != null) {
            migration.stop(0);
        }
    }

    @Test
    void thePlansCheckpointsAreDefinedOnceMigrationServiceAnswersAndNoEventIsLostMeanwhile() throws IOException {
        UUID rollout = UUID.randomUUID();
        TestKafka.get().send(preflight(rollout));
        Await.until(() -> asOperator().get("/rollouts/" + rollout + "/timeline").then().statusCode(200).extract().jsonPath(),
                timeline -> timeline.getList("$").size() == 1, WAIT, "the PREFLIGHT on the timeline while migration-service is down");
        asOperator().get("/rollouts/" + rollout + "/checkpoints").then().statusCode(200).body("size()", equalTo(0));

        UUID guarded = UUID.randomUUID();
        Map<String, String> rollouts = Map.of("/rollouts/" + rollout, """
                {"id": "%s", "name": "planned", "submittedBy": "sam", "plannedCheckpoints": [{"name": "PLANNED", "environment": "staging",
                  "after": "PREFLIGHT", "criteria": [{"name": "preflight_checks", "expr": "preflight.failedChecks == 0"}]}]}
                """.formatted(rollout), "/rollouts/" + guarded, """
                {"id": "%s", "name": "guarded", "submittedBy": "sam", "plannedCheckpoints": [{"name": "CANARY",
                  "environment": "production", "after": "PREFLIGHT",
                  "criteria": [{"name": "preflight_checks", "expr": "preflight.failedChecks == 0"}],
                  "signOffs": {"required": ["dba"], "anyOf": {"count": 1, "roles": ["infra-lead", "cto"]}}}]}
                """.formatted(guarded));
        List<String> authorizations = new CopyOnWriteArrayList<>();
        migration = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger(PORT_PROPERTY)), 0);
        migration.createContext("/rollouts/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String known = rollouts.get(exchange.getRequestURI().getPath());
            byte[] body = (known != null ? known : "{\"status\": 404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        migration.start();

        // migration-service, waiting at its first gate, asks for the checkpoints: they are defined then, from the evidence so far
        JsonPath planned = asOperator().get("/rollouts/" + rollout + "/checkpoints").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("PLANNED"), planned.getList("name"));
        assertEquals("GO", planned.getString("[0].decision"), "the PREFLIGHT that arrived before counts: " + planned.prettify());
        String id = planned.getString("[0].id");
        assertEquals("plan", asOperator().get("/checkpoints/" + id + "/audit").then().statusCode(200).extract().jsonPath()
                .getString("[0].actor"));

        UUID unknown = UUID.randomUUID();
        TestKafka.get().send(preflight(unknown));
        JsonPath defaults = Await.until(() -> asOperator().get("/rollouts/" + unknown + "/checkpoints").then().statusCode(200)
                .extract().jsonPath(), list -> list.getList("$").size() == 4, WAIT, "the defaults for a rollout migration-service does not know");
        assertEquals(List.of("CP1", "CP2", "CP3", "CP4"), defaults.getList("name"));
        assertTrue(authorizations.stream().allMatch(a -> a.startsWith("Bearer ")),
                "checkpoint-service asks as itself, with its own token: " + authorizations);

        // four-eyes: on production, the rollout's submitter may not approve its checkpoint; others may
        TestKafka.get().send(preflight(guarded, "production"));
        String canary = Await.until(() -> asOperator().get("/rollouts/" + guarded + "/checkpoints").then().statusCode(200)
                .extract().jsonPath(), list -> "OPEN".equals(list.getString("[0].status")), WAIT, "CANARY open").getString("[0].id");
        signOff(canary, "sam", "dba").statusCode(403).body("detail", containsString("four-eyes"));
        signOff(canary, "dana", "dba").statusCode(201);
        signOff(canary, "ivan", "infra-lead").statusCode(201).body("checkpoint.decision", equalTo("GO"));
    }

    private static ValidatableResponse signOff(String checkpoint, String name, String role) {
        return given().auth().oauth2(TestTokens.get().person(name, role)).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE")).post("/checkpoints/" + checkpoint + "/sign-offs").then();
    }

    private static PhaseCompleted preflight(UUID rollout) {
        return preflight(rollout, "staging");
    }

    private static PhaseCompleted preflight(UUID rollout, String environment) {
        Instant at = Instant.now();
        return PhaseCompleted.of(rollout, environment, "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED, at.minusMillis(100), at,
                Map.of("checks", List.of(Map.of("name", "connectivity", "value", "ok", "passed", true))), null);
    }
}
