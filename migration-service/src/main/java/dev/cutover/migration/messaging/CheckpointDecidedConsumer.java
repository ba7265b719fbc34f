package dev.cutover.migration.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.cutover.events.CheckpointDecided;
import dev.cutover.migration.service.CheckpointGates;
import dev.cutover.support.inbox.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code checkpoint-decided}: stored, so the rollout waiting at that checkpoint goes on or rolls back. */
@ApplicationScoped
public class CheckpointDecidedConsumer {

    private final IdempotentConsumer consumer;
    private final CheckpointGates gates;

    public CheckpointDecidedConsumer(IdempotentConsumer consumer, CheckpointGates gates) {
        this.consumer = consumer;
        this.gates = gates;
    }

    @Incoming("checkpoint-decided")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.consume("checkpoint-decided", record, event -> {
            if (event instanceof CheckpointDecided decided) {
                gates.decided(decided);
            }
        });
    }
}
