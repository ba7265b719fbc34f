package dev.cutover.notification;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Notification;
import dev.cutover.events.Severity;
import dev.cutover.events.Topics;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grouping through the real broker, with the test routing's {@code grouptest} route: group_by
 * environment, group_wait 2 s, group_interval 3 s, repeat_interval 6 s.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@WithTestResource(TestReceivers.class)
class GroupingTest {

    @Test
    void aBurstWithAFlappingBreachIsOneMessageAndItsResolutionAnotherAfterTheGroupInterval() {
        UUID rollout = UUID.randomUUID();
        try (TestKafka.TopicReader topic = TestKafka.get().reader(Topics.NOTIFICATIONS)) {
            Instant burst = Instant.now();
            List<MetricBreach> events = new ArrayList<>();
            for (String target : List.of("db1", "db2", "db3")) {
                events.add(breach(rollout, target, "lock-wait", MetricBreach.State.FIRING));
            }
            for (int flap = 0; flap < 20; flap++) { // flapping: FIRING and RESOLVED in turn, ending FIRING
                events.add(breach(rollout, "db4", "replication-lag", MetricBreach.State.RESOLVED));
                events.add(breach(rollout, "db4", "replication-lag", MetricBreach.State.FIRING));
            }
            TestKafka.get().sendAll(events);

            Notification first = nth(topic, rollout, 1);
            assertEquals(Notification.Kind.FIRING, first.kind());
            assertEquals(4, first.alertCount(), first.body());
            assertEquals(Severity.CRITICAL, first.severity());
            assertTrue(first.title().startsWith("4 firing on grouptest: "), first.title());
            assertTrue(first.body().contains("replication-lag firing on grouptest/db4 (20×)"), first.body());
            assertTrue(Duration.between(burst, first.occurredAt()).toMillis() >= 1900, "held for group_wait: " + first.occurredAt());
            assertEquals(1, topic.drain(Duration.ofSeconds(2)).stream().filter(r -> rollout.toString().equals(r.key())).count(),
                    "one message for 43 events");
            assertEquals(1, TestReceivers.accepted("/grouped", rollout.toString()).size(), "and one to the route's receiver");

            TestKafka.get().sendAll(Stream.of("db1", "db2", "db3")
                    .map(target -> breach(rollout, target, "lock-wait", MetricBreach.State.RESOLVED)).toList());
            TestKafka.get().send(breach(rollout, "db4", "replication-lag", MetricBreach.State.RESOLVED));
            Notification resolved = nth(topic, rollout, 2);
            assertEquals(Notification.Kind.RESOLVED, resolved.kind());
            assertEquals(Severity.INFO, resolved.severity());
            assertEquals(4, resolved.alertCount());
            assertEquals(first.groupKey(), resolved.groupKey());
            assertTrue(Duration.between(first.occurredAt(), resolved.occurredAt()).toMillis() >= 2900,
                    "not before group_interval: " + first.occurredAt() + " → " + resolved.occurredAt());

            // the group is closed: a new FIRING opens a new one, which waits its group_wait again
            TestKafka.get().send(breach(rollout, "db1", "lock-wait", MetricBreach.State.FIRING));
            Notification reopened = nth(topic, rollout, 3);
            assertEquals(Notification.Kind.FIRING, reopened.kind());
            assertEquals(1, reopened.alertCount());
            assertEquals("lock-wait firing on grouptest/db1", reopened.title());
        }
        List<String> kinds = asOperator().queryParam("rolloutId", rollout.toString()).get("/notifications").then().statusCode(200)
                .extract().jsonPath().getList("kind");
        assertEquals(List.of("FIRING", "RESOLVED", "FIRING"), kinds, "history, newest first");
    }

    @Test
    void aGroupStillFiringIsSentAgainAfterTheRepeatInterval() {
        UUID rollout = UUID.randomUUID();
        try (TestKafka.TopicReader topic = TestKafka.get().reader(Topics.NOTIFICATIONS)) {
            TestKafka.get().send(breach(rollout, "db1", "p99-latency", MetricBreach.State.FIRING));
            Notification first = nth(topic, rollout, 1);
            assertEquals(Notification.Kind.FIRING, first.kind());
            TestKafka.get().send(breach(rollout, "db1", "p99-latency", MetricBreach.State.FIRING)); // the same, again: not news

            Notification repeat = nth(topic, rollout, 2);
            assertEquals(Notification.Kind.REPEAT, repeat.kind());
            assertEquals("Still firing: p99-latency firing on grouptest/db1", repeat.title());
            assertTrue(repeat.body().contains("2 times since"), repeat.body());
            long gap = Duration.between(first.occurredAt(), repeat.occurredAt()).toMillis();
            assertTrue(gap >= 5900 && gap < 9000, "repeat_interval 6 s: " + gap + " ms");
        }
    }

    /** The rollout's n-th message on the topic (the reader keeps what it read; one rollout is one partition, in order). */
    private static Notification nth(TestKafka.TopicReader topic, UUID rollout, int n) {
        List<ConsumerRecord<String, String>> records = topic.await(r -> rollout.toString().equals(r.key()), n, Duration.ofSeconds(20));
        assertEquals(n, records.size(), "no message beyond the " + n + " expected");
        return EventJson.read(Notification.class, records.get(n - 1).value());
    }

    private static MetricBreach breach(UUID rollout, String target, String rule, MetricBreach.State state) {
        Instant now = Instant.now();
        return new MetricBreach(UUID.randomUUID(), rollout, now, 1, "grouptest", target, rule, Severity.CRITICAL, state, 9, 5, now, true);
    }
}
