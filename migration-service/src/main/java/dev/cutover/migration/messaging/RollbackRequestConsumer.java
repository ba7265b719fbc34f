package dev.cutover.migration.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.cutover.events.RollbackRequested;
import dev.cutover.migration.service.RolloutRunner;
import dev.cutover.support.inbox.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code rollback-requested} from any source (a breach, a NO-GO, a person): the rollout it names
 * stops at its next safe point and rolls back. Applied once per event.
 */
@ApplicationScoped
public class RollbackRequestConsumer {

    private final IdempotentConsumer consumer;
    private final RolloutRunner runner;

    public RollbackRequestConsumer(IdempotentConsumer consumer, RolloutRunner runner) {
        this.consumer = consumer;
        this.runner = runner;
    }

    @Incoming("rollback-requested")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.consume("rollback", record, event -> {
            if (event instanceof RollbackRequested request) {
                runner.requestRollback(request.rolloutId(), request.source() + ": " + request.reason());
            }
        });
    }
}
