package dev.cutover.checkpoint;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.EventJson;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class TimelineTest {

    @Test
    void phaseEventsFromKafkaFormTheTimelineInOrder() {
        UUID rollout = UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(10);
        PhaseCompleted preflight = PhaseCompleted.of(rollout, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                start, start.plusMillis(120), Map.of("serverVersion", "15.18"), null);
        CheckpointDecided decision = new CheckpointDecided(UUID.randomUUID(), rollout, start.plusSeconds(5), 1, "CP1", "shadow",
                CheckpointDecided.Decision.GO, List.of(new CheckpointDecided.Criterion("preflight", "passed", "passed", true, false)),
                "sha256:00");
        TestKafka.get().send(decision);
        TestKafka.get().send(preflight);

        JsonPath timeline = awaitEntries(rollout, 2);
        assertEquals("PREFLIGHT", timeline.getString("[0].phase"));
        assertEquals("SUCCEEDED", timeline.getString("[0].status"));
        assertEquals(120, timeline.getLong("[0].durationMs"));
        assertEquals(preflight.summary(), timeline.getString("[0].summary"));
        assertEquals("15.18", timeline.getString("[0].event.evidence.serverVersion"));
        assertEquals("CP1", timeline.getString("[1].phase"));
        assertEquals("GO", timeline.getString("[1].status"));
    }

    @Test
    void aRedeliveredEventChangesNothingAndGarbageIsSkipped() {
        UUID rollout = UUID.randomUUID();
        PhaseCompleted event = PhaseCompleted.of(rollout, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.FAILED,
                Instant.now(), Instant.now(), Map.of(), "refused");
        TestKafka.get().send(event);
        TestKafka.get().send(event);
        TestKafka.get().sendRaw(Topics.PHASE_COMPLETED, rollout.toString(), "{\"this is\": not json");
        TestKafka.get().sendRaw(Topics.PHASE_COMPLETED, rollout.toString(), EventJson.write(event).replace("\"schemaVersion\":1", "\"schemaVersion\":9"));
        PhaseCompleted later = PhaseCompleted.of(rollout, "shadow", "db1", Phase.BACKUP, PhaseStatus.SUCCEEDED,
                Instant.now(), Instant.now(), Map.of(), null);
        TestKafka.get().send(later);

        awaitEntries(rollout, 2);
        // the later event is in, so every earlier record of this partition has been consumed
        asOperator().when().get("/rollouts/" + rollout + "/timeline").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void badIdIsAClientError() {
        asOperator().when().get("/rollouts/nope/timeline").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    private static JsonPath awaitEntries(UUID rollout, int count) {
        return Await.until(() -> asOperator().when().get("/rollouts/" + rollout + "/timeline").then().statusCode(200).extract().jsonPath(),
                timeline -> timeline.getList("$").size() >= count, Duration.ofSeconds(20), count + " timeline entries");
    }
}
