package dev.cutover.notification.service;

import java.util.Collection;

import dev.cutover.events.Notification;
import dev.cutover.notification.receiver.Receivers;
import dev.cutover.notification.repository.Delivery;
import dev.cutover.notification.repository.DeliveryRepository;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.repository.NotificationRepository;
import dev.cutover.notification.routing.Routing;
import dev.cutover.notification.routing.RoutingTree;
import dev.cutover.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends a message in the caller's transaction: kept for history, published on the notifications
 * topic through the outbox, and queued as one delivery per receiver (a log is written at once).
 */
@ApplicationScoped
public class Dispatcher {

    private final NotificationRepository notifications;
    private final DeliveryRepository deliveries;
    private final Outbox outbox;
    private final RoutingTree routing;
    private final Receivers receivers;

    public Dispatcher(NotificationRepository notifications, DeliveryRepository deliveries, Outbox outbox, RoutingTree routing,
                      Receivers receivers) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.routing = routing;
        this.receivers = receivers;
    }

    public NotificationRecord send(Notification notification, long groupId, Collection<String> to) {
        NotificationRecord record = NotificationRecord.of(notification, groupId);
        notifications.persist(record);
        outbox.publish(notification);
        for (String name : to) {
            Routing.ReceiverSpec receiver = routing.receiver(name);
            if (receiver != null && receiver.type().equals("log")) {
                // the log cannot be down: written now, with no delivery to queue, retry or store
                receivers.log(receiver, record);
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.notificationId = record.id;
            delivery.receiver = name;
            delivery.status = Delivery.Status.PENDING;
            delivery.nextAttemptAt = record.createdAt;
            delivery.createdAt = record.createdAt;
            deliveries.persist(delivery);
        }
        return record;
    }
}
