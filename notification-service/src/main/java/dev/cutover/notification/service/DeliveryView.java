package dev.cutover.notification.service;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.notification.repository.Delivery;

/** A delivery as REST shows it; DEAD ones are the dead letters. */
public record DeliveryView(long id, UUID notificationId, String receiver, Delivery.Status status, int attempts, Instant nextAttemptAt,
                           String lastError, Instant createdAt, Instant deliveredAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id, d.notificationId, d.receiver, d.status, d.attempts, d.nextAttemptAt, d.lastError, d.createdAt,
                d.deliveredAt);
    }
}
