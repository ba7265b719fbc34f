package dev.cutover.support.inbox;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.EventJson;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Applies an incoming event at most once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the handler's changes, so a redelivery (after
 * a crash, a rebalance or a broker restart) finds the row and changes nothing.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    // Transient failures (database restarting, lock timeouts) are retried before the message is
    // nacked; a nack stops the channel and marks the service not ready, so it must be rare.
    private static final RetryPolicy<Object> TRANSIENT = RetryPolicy.builder()
            .handleIf(e -> !(e instanceof EventJson.MalformedEventException))
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
            .withMaxRetries(8)
            .onRetry(e -> LOG.warnf("retrying event after: %s", e.getLastException().toString()))
            .build();

    private final EntityManager entityManager;
    private final MeterRegistry registry;

    public IdempotentConsumer(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.registry = registry;
    }

    /**
     * Decodes the record as the event its topic carries and runs {@code handler} in a new
     * transaction unless {@code consumer} has applied this event before. A malformed payload is
     * logged and skipped: it can never succeed, and blocking the partition on it would stop every
     * later event.
     *
     * @return true when the handler ran, false for a duplicate or a malformed payload
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Consumer<CutoverEvent> handler) {
        CutoverEvent event;
        try {
            event = EventJson.read(record.topic(), record.value());
        } catch (EventJson.MalformedEventException e) {
            return rejected(consumer, record.topic(), e, record.value());
        }
        return apply(consumer, event, handler);
    }

    private boolean rejected(String consumer, String what, EventJson.MalformedEventException e, String payload) {
        registry.counter("cutover.events.rejected", "consumer", consumer).increment();
        LOG.errorf("%s skipped a malformed %s event: %s; payload: %.500s", consumer, what, e.getMessage(), payload);
        return false;
    }

    private boolean apply(String consumer, CutoverEvent event, Consumer<CutoverEvent> handler) {
        boolean applied = Failsafe.with(TRANSIENT).get(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (!firstDelivery(consumer, event)) {
                return false;
            }
            handler.accept(event);
            return true;
        }));
        registry.counter(applied ? "cutover.events.applied" : "cutover.events.duplicates", "consumer", consumer).increment();
        return applied;
    }

    private boolean firstDelivery(String consumer, CutoverEvent event) {
        return entityManager.createNativeQuery(
                "INSERT INTO processed_event (consumer, event_id, topic) VALUES (:consumer, :eventId, :topic) ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.eventId())
                .setParameter("topic", event.topic())
                .executeUpdate() == 1;
    }
}
