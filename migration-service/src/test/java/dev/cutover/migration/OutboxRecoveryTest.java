package dev.cutover.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.cutover.events.EventJson;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Topics;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A crash between commit and send leaves an unsent outbox row; the relay's sweep must deliver it
 * and mark it sent. The row is written the way a committed transaction would have left it.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class OutboxRecoveryTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String controlUrl;

    @Test
    void rowLeftUnsentByACrashIsRelayedOnTheNextSweep() throws Exception {
        UUID rollout = UUID.randomUUID();
        PhaseCompleted event = PhaseCompleted.of(rollout, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                Instant.now(), Instant.now(), Map.of("serverVersion", "15"), null);
        try (TestKafka.TopicReader phases = TestKafka.get().reader(Topics.PHASE_COMPLETED);
                Connection connection = java.sql.DriverManager.getConnection(controlUrl, "postgres", "")) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO migration.outbox_message (event_id, topic, message_key, event_type, payload) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                insert.setObject(1, event.eventId());
                insert.setString(2, event.topic());
                insert.setString(3, rollout.toString());
                insert.setString(4, "PhaseCompleted");
                insert.setString(5, EventJson.write(event));
                insert.executeUpdate();
            }

            var records = phases.await(r -> rollout.toString().equals(r.key()), 1, Duration.ofSeconds(15));
            assertEquals(event, EventJson.read(PhaseCompleted.class, records.get(0).value()));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean marked = false;
            while (!marked && System.nanoTime() < deadline) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT sent_at IS NOT NULL FROM migration.outbox_message WHERE event_id = ?")) {
                    select.setObject(1, event.eventId());
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        marked = rows.getBoolean(1);
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(marked, "the relayed row is marked sent");
            assertEquals(1, phases.drain(Duration.ofSeconds(2)).stream().filter(r -> rollout.toString().equals(r.key())).count(),
                    "sent exactly once");
        }
    }
}
