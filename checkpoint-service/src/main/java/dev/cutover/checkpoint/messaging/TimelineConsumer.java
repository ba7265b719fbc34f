package dev.cutover.checkpoint.messaging;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.cutover.checkpoint.service.CheckpointService;
import dev.cutover.checkpoint.service.RolloutUpdates;
import dev.cutover.checkpoint.service.TimelineService;
import dev.cutover.support.inbox.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every lifecycle event lands on its rollout's timeline, once (topics: application.properties), and
 * in the same transaction its checkpoints see the new evidence.
 */
@ApplicationScoped
public class TimelineConsumer {

    private final IdempotentConsumer consumer;
    private final TimelineService timeline;
    private final CheckpointService checkpoints;
    private final RolloutUpdates updates;

    public TimelineConsumer(IdempotentConsumer consumer, TimelineService timeline, CheckpointService checkpoints,
                            RolloutUpdates updates) {
        this.consumer = consumer;
        this.timeline = timeline;
        this.checkpoints = checkpoints;
        this.updates = updates;
    }

    @Incoming("lifecycle-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        UUID[] rollout = new UUID[1];
        boolean applied = consumer.consume("timeline", record, event -> {
            timeline.record(event);
            checkpoints.onEvent(event);
            rollout[0] = event.rolloutId();
        });
        if (applied) {
            updates.changed(rollout[0]);
        }
    }
}
