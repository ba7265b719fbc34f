package dev.cutover.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.Notification;
import dev.cutover.events.Severity;
import dev.cutover.notification.receiver.Receivers;
import dev.cutover.notification.repository.Delivery;
import dev.cutover.notification.repository.DeliveryRepository;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.repository.NotificationRepository;
import dev.cutover.notification.routing.RoutingTree;
import dev.cutover.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Turns events into notifications: kept for history and published on the notifications topic. */
@ApplicationScoped
public class NotificationService {

    private final NotificationComposer composer;
    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final RoutingTree routing;
    private final DeliveryRepository deliveries;
    private final Receivers receivers;

    public NotificationService(NotificationComposer composer, NotificationRepository notifications, Outbox outbox, RoutingTree routing,
                               DeliveryRepository deliveries, Receivers receivers) {
        this.receivers = receivers;
        this.composer = composer;
        this.notifications = notifications;
        this.outbox = outbox;
        this.routing = routing;
        this.deliveries = deliveries;
    }

    /** Runs inside the consumer's transaction, so history and the outgoing message commit together. */
    public void notifyAbout(CutoverEvent event) {
        Notification notification = composer.compose(event);
        NotificationRecord record = new NotificationRecord();
        record.id = notification.eventId();
        record.rolloutId = notification.rolloutId();
        record.createdAt = notification.occurredAt();
        record.severity = notification.severity();
        record.environment = notification.environment();
        record.title = notification.title();
        record.body = notification.body();
        record.sourceTopic = notification.sourceTopic();
        record.sourceEventId = notification.sourceEventId();
        record.links = notification.links();
        notifications.persist(record);
        outbox.publish(notification);
        for (String receiver : routing.receiversFor(notification)) {
            if (routing.receiver(receiver).type().equals("log")) {
                // the log cannot be down: written now, with no delivery to queue, retry or store
                receivers.log(routing.receiver(receiver), record);
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.notificationId = record.id;
            delivery.receiver = receiver;
            delivery.status = Delivery.Status.PENDING;
            delivery.nextAttemptAt = record.createdAt;
            delivery.createdAt = record.createdAt;
            deliveries.persist(delivery);
        }
    }

    @Transactional
    public List<DeliveryView> deliveries(Delivery.Status status, String receiver, int limit) {
        return deliveries.search(status, receiver, limit).stream().map(DeliveryView::of).toList();
    }

    @Transactional
    public Digest digest(UUID rolloutId, Severity severity, Instant from, Instant until) {
        return Digest.of(from, until, notifications.period(rolloutId, severity, from, until));
    }

    @Transactional
    public List<NotificationView> history(UUID rolloutId, Severity severity, Instant since, int limit) {
        return notifications.search(rolloutId, severity, since, limit).stream().map(NotificationView::of).toList();
    }
}
