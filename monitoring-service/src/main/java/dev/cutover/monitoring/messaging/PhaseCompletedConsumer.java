package dev.cutover.monitoring.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.cutover.events.PhaseCompleted;
import dev.cutover.monitoring.service.RolloutWatcher;
import dev.cutover.support.inbox.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code phase-completed}: starts, guards and stops the watches of a rollout's targets. Applied once per event. */
@ApplicationScoped
public class PhaseCompletedConsumer {

    private final IdempotentConsumer consumer;
    private final RolloutWatcher watcher;

    public PhaseCompletedConsumer(IdempotentConsumer consumer, RolloutWatcher watcher) {
        this.consumer = consumer;
        this.watcher = watcher;
    }

    @Incoming("phase-completed")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.consume("watches", record, event -> {
            if (event instanceof PhaseCompleted phase) {
                watcher.onPhase(phase);
            }
        });
    }
}
