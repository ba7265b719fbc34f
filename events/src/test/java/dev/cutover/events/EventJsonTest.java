package dev.cutover.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final UUID ROLLOUT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    @Test
    void everyTopicRoundTripsItsRecord() {
        List<CutoverEvent> events = List.of(
                PhaseCompleted.of(ROLLOUT, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                        NOW.minusMillis(250), NOW, Map.of("serverVersion", "15.18"), null),
                new MigrationProgress(UUID.randomUUID(), ROLLOUT, NOW, 1, "shadow", "db1", Phase.APPLY, "copy", 10, 100, 5.5, 16L),
                new BenchmarkCompleted(UUID.randomUUID(), ROLLOUT, NOW, 1, UUID.randomUUID(), "baseline", "shadow", "db1",
                        "spatial", List.of(new BenchmarkCompleted.QuerySummary("Q1", 1.0, 2.0, 3.0, 0, "IMPROVED", -0.25)),
                        new BenchmarkCompleted.LoadTestSummary(200, 60.0, 12_000, 200.0, 480.5, 900.0, 1200.0, 0.001),
                        UUID.randomUUID(), 0.8, "http://x/report"),
                new MetricBreach(UUID.randomUUID(), ROLLOUT, NOW, 1, "production", "db1", "p99-latency", Severity.CRITICAL,
                        MetricBreach.State.FIRING, 5200, 5000, NOW, true),
                new RollbackRequested(UUID.randomUUID(), ROLLOUT, NOW, 1, "production", "monitoring-service", "p99 > 5 s", UUID.randomUUID()),
                new CheckpointDecided(UUID.randomUUID(), ROLLOUT, NOW, 1, "CP2", "staging", CheckpointDecided.Decision.GO,
                        List.of(new CheckpointDecided.Criterion("Q1 faster", "12%", ">= 10%", true, false)), "sha256:ab"),
                new CutoverWindow(UUID.randomUUID(), ROLLOUT, NOW, 1, "CP3", "production", CutoverWindow.State.ASSESSED,
                        NOW.minusSeconds(4500), 4500, 4500, 5400, 1, 2, 40_000L, 100_000L, 120L),
                new Notification(UUID.randomUUID(), ROLLOUT, NOW, 2, Severity.INFO, "shadow", "t", "b", Topics.PHASE_COMPLETED,
                        UUID.randomUUID(), Map.of("dashboard", "http://x"), Notification.Kind.FIRING, "route|rollout=r", 3));

        assertEquals(Topics.partitions().keySet(), events.stream().map(CutoverEvent::topic).collect(java.util.stream.Collectors.toSet()),
                "one record per topic");
        for (CutoverEvent event : events) {
            String json = EventJson.write(event);
            assertEquals(event, EventJson.read(event.topic(), json), json);
        }
    }

    @Test
    void phaseDurationIsMeasuredFromItsTimestamps() {
        PhaseCompleted event = PhaseCompleted.of(ROLLOUT, "shadow", "db1", Phase.BACKUP, PhaseStatus.FAILED,
                NOW.minusMillis(1234), NOW, Map.of(), "disk full");
        assertEquals(1234, event.durationMs());
        assertEquals(NOW, event.occurredAt());
    }

    @Test
    void newerSchemaVersionIsRefusedNotMisread() {
        String json = EventJson.write(PhaseCompleted.of(ROLLOUT, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                NOW, NOW, Map.of(), null)).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        EventJson.MalformedEventException e = assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read(Topics.PHASE_COMPLETED, json));
        assertTrue(e.getMessage().contains("schemaVersion 2"), e.getMessage());
    }

    @Test
    void garbageAndMissingIdentityAreRefused() {
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.read(Topics.METRIC_BREACH, "{not json"));
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read(Topics.ROLLBACK_REQUESTED, "{\"schemaVersion\":1,\"reason\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> EventJson.read("no-such-topic", "{}"));
    }

    @Test
    void topicsKeepDeclaredOrderAndPartitionCounts() {
        assertEquals(Topics.PHASE_COMPLETED, Topics.partitions().keySet().iterator().next());
        assertTrue(Topics.partitions().values().stream().allMatch(p -> p > 0));
    }

    @Test
    void phaseSummaryCarriesScalarEvidenceAndTheCause() {
        PhaseCompleted failed = PhaseCompleted.of(ROLLOUT, "shadow", "db1", Phase.PREFLIGHT, PhaseStatus.FAILED,
                NOW.minusMillis(40), NOW, Map.of("serverVersion", "15.18", "checks", List.of("ignored")), "connection refused");
        assertEquals("PREFLIGHT FAILED on shadow/db1 in 40 ms (serverVersion=15.18): connection refused", failed.summary());
    }
}
