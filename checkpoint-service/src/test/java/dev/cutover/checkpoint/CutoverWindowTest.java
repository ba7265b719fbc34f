package dev.cutover.checkpoint;

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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.cutover.events.CutoverWindow;
import dev.cutover.events.EventJson;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Topics;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The cutover window with second-long durations: assessment with progress, hard stop that asks for a rollback, or closing in time. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class CutoverWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void applyStillRunningAtTheHardStopIsAssessedWithItsProgressThenRolledBack() {
        UUID rollout = UUID.randomUUID();
        register(rollout, "2s", "4s");
        try (TestKafka.TopicReader windows = TestKafka.get().reader(Topics.CUTOVER_WINDOW);
             TestKafka.TopicReader rollbacks = TestKafka.get().reader(Topics.ROLLBACK_REQUESTED)) {
            Instant fingerprinted = Instant.now();
            TestKafka.get().send(phase(rollout, Phase.FINGERPRINT, fingerprinted));
            TestKafka.get().send(new MigrationProgress(UUID.randomUUID(), rollout, fingerprinted.plusMillis(500), MigrationProgress.SCHEMA_VERSION,
                    "production", "prod1", Phase.APPLY, "partition_by_range", 40_000, 100_000, 20_000.0, 3L));

            List<CutoverWindow> seen = await(windows, rollout, 3);
            assertEquals(List.of(CutoverWindow.State.OPENED, CutoverWindow.State.ASSESSED, CutoverWindow.State.HARD_STOP),
                    seen.stream().map(CutoverWindow::state).toList());
            assertEquals(fingerprinted.toEpochMilli(), seen.get(0).openedAt().toEpochMilli(), "the window opens when FINGERPRINT completed");
            CutoverWindow assessed = seen.get(1);
            assertTrue(assessed.elapsedSeconds() >= 2 && assessed.elapsedSeconds() < 4, "assessed at " + assessed.elapsedSeconds() + " s");
            assertEquals(40_000L, assessed.rowsDone());
            assertEquals(100_000L, assessed.rowsTotal());
            assertEquals(0, assessed.targetsDone());
            assertEquals(1, assessed.targetsTotal());
            CutoverWindow stop = seen.get(2);
            assertTrue(stop.elapsedSeconds() >= 4, "stopped at " + stop.elapsedSeconds() + " s");

            RollbackRequested rollback = EventJson.read(RollbackRequested.class,
                    rollbacks.await(r -> rollout.toString().equals(r.key()), 1, WAIT).get(0).value());
            assertEquals(stop.eventId(), rollback.causeEventId());
            assertEquals("checkpoint-service", rollback.source());
        }
        asOperator().get("/rollouts/" + rollout + "/checkpoints").then().statusCode(200)
                .body("[0].window.outcome", equalTo("HARD_STOP"));
    }

    @Test
    void applyFinishedInTimeClosesTheWindowAndNothingIsRolledBack() {
        UUID rollout = UUID.randomUUID();
        register(rollout, "3s", "5s");
        try (TestKafka.TopicReader windows = TestKafka.get().reader(Topics.CUTOVER_WINDOW);
             TestKafka.TopicReader rollbacks = TestKafka.get().reader(Topics.ROLLBACK_REQUESTED)) {
            Instant at = Instant.now();
            TestKafka.get().send(phase(rollout, Phase.FINGERPRINT, at));
            TestKafka.get().send(phase(rollout, Phase.APPLY, at.plusSeconds(1)));

            List<CutoverWindow> seen = await(windows, rollout, 2);
            assertEquals(List.of(CutoverWindow.State.OPENED, CutoverWindow.State.CLOSED), seen.stream().map(CutoverWindow::state).toList());
            assertEquals(1, seen.get(1).elapsedSeconds());
            assertEquals(1, seen.get(1).targetsDone());
            // past the hard stop: no assessment, no hard stop, no rollback
            List<ConsumerRecord<String, String>> later = windows.drain(Duration.ofSeconds(6));
            assertEquals(2, later.stream().filter(r -> rollout.toString().equals(r.key())).count());
            assertTrue(rollbacks.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> rollout.toString().equals(r.key())));
        }
    }

    @Test
    void aWindowNeedsBothPhasesAndItsAssessmentBeforeItsHardStop() {
        Map<String, Object> checkpoint = checkpoint(Map.of("assessAfter", "90m", "hardStopAfter", "soon"));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(checkpoint)))
                .header("Authorization", "Bearer " + TestTokens.get().person("olga", "operator"))
                .put("/rollouts/" + UUID.randomUUID() + "/checkpoints").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("checkpoints[0].window.opensAfter",
                        "checkpoints[0].window.closesAfter", "checkpoints[0].window.hardStopAfter"));
        Map<String, Object> late = checkpoint(Map.of("opensAfter", "FINGERPRINT", "closesAfter", "APPLY", "assessAfter", "90m",
                "hardStopAfter", "75m"));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(late)))
                .header("Authorization", "Bearer " + TestTokens.get().person("olga", "operator"))
                .put("/rollouts/" + UUID.randomUUID() + "/checkpoints").then().statusCode(400)
                .body("errors[0].field", equalTo("checkpoints[0].window.assessAfter"));
    }

    private static void register(UUID rollout, String assessAfter, String hardStopAfter) {
        Map<String, Object> checkpoint = checkpoint(Map.of("opensAfter", "FINGERPRINT", "closesAfter", "APPLY",
                "assessAfter", assessAfter, "hardStopAfter", hardStopAfter));
        given().contentType(ContentType.JSON).body(Map.of("checkpoints", List.of(checkpoint)))
                .header("Authorization", "Bearer " + TestTokens.get().person("olga", "operator"))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(200);
    }

    private static Map<String, Object> checkpoint(Map<String, Object> window) {
        return Map.of("name", "CP3", "environment", "production", "after", "VALIDATE", "targets", List.of("prod1"),
                "criteria", List.of(Map.of("name", "applied", "expr", "apply.succeeded == true")), "window", window,
                "signOffs", Map.of("required", List.of("dba"), "anyOf", Map.of("count", 1, "roles", List.of("infra-lead", "cto"))));
    }

    private static PhaseCompleted phase(UUID rollout, Phase phase, Instant at) {
        return PhaseCompleted.of(rollout, "production", "prod1", phase, PhaseStatus.SUCCEEDED, at.minusMillis(200), at, Map.of(), null);
    }

    private static List<CutoverWindow> await(TestKafka.TopicReader windows, UUID rollout, int count) {
        return windows.await(r -> rollout.toString().equals(r.key()), count, WAIT).stream()
                .map(r -> EventJson.read(CutoverWindow.class, r.value())).toList();
    }
}
