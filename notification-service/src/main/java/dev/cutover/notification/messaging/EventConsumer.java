package dev.cutover.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.cutover.notification.service.NotificationService;
import dev.cutover.support.inbox.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Every lifecycle event becomes one notification, even when Kafka delivers it twice (topics: application.properties). */
@ApplicationScoped
public class EventConsumer {

    private final IdempotentConsumer consumer;
    private final NotificationService notifications;

    public EventConsumer(IdempotentConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @Incoming("lifecycle-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.consume("notifications", record, notifications::notifyAbout);
    }
}
