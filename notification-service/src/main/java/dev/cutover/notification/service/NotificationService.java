package dev.cutover.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.Severity;
import dev.cutover.notification.repository.AlertRepository;
import dev.cutover.notification.repository.Delivery;
import dev.cutover.notification.repository.DeliveryRepository;
import dev.cutover.notification.repository.NotificationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;


/** Turns events into alerts that grouping turns into messages; history, digests and deliveries for REST. */
@ApplicationScoped
public class NotificationService {

    private final NotificationComposer composer;
    private final AlertGrouper grouper;
    private final NotificationRepository notifications;
    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;

    public NotificationService(NotificationComposer composer, AlertGrouper grouper, NotificationRepository notifications,
                               AlertRepository alerts, DeliveryRepository deliveries) {
        this.composer = composer;
        this.grouper = grouper;
        this.notifications = notifications;
        this.alerts = alerts;
        this.deliveries = deliveries;
    }

    /** Runs inside the consumer's transaction, so the alert, its group and any message it sends commit together. */
    public void notifyAbout(CutoverEvent event) {
        grouper.accept(composer.compose(event));
    }

    @Transactional
    public List<DeliveryView> deliveries(Delivery.Status status, String receiver, int limit) {
        return deliveries.search(status, receiver, limit).stream().map(DeliveryView::of).toList();
    }

    @Transactional
    public Digest digest(UUID rolloutId, Severity severity, Instant from, Instant until) {
        return Digest.of(from, until, alerts.period(rolloutId, severity, from, until));
    }

    @Transactional
    public List<NotificationView> history(UUID rolloutId, Severity severity, Instant since, int limit) {
        return notifications.search(rolloutId, severity, since, limit).stream().map(NotificationView::of).toList();
    }
}
