package dev.cutover.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.cutover.events.Severity;
import dev.cutover.notification.repository.AlertGroup;
import dev.cutover.notification.repository.AlertGroupRepository;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.repository.NotificationRepository;
import dev.cutover.notification.routing.Routing;
import dev.cutover.support.expression.Durations;
import dev.cutover.support.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * A CRITICAL message that nobody acknowledges within its route's {@code escalate[0].after} goes to
 * that step's receiver, then the next step's after its own wait, and so on. Acknowledging any
 * CRITICAL message of the group stops it and tells everyone told so far.
 */
@ApplicationScoped
public class Escalations {

    private final AlertGroupRepository groups;
    private final NotificationRepository notifications;
    private final NotificationComposer composer;
    private final Dispatcher dispatcher;

    public Escalations(AlertGroupRepository groups, NotificationRepository notifications, NotificationComposer composer,
                       Dispatcher dispatcher) {
        this.groups = groups;
        this.notifications = notifications;
        this.composer = composer;
        this.dispatcher = dispatcher;
    }

    public record Acknowledgement(UUID notificationId, String groupKey, String acknowledgedBy, Instant acknowledgedAt, String comment,
                                  int escalationLevel) {
    }

    /** The next level of the group's escalation (the group is locked by the caller). */
    void escalate(AlertGroup group, Instant now) {
        List<Routing.EscalationStep> steps = group.escalation();
        Routing.EscalationStep step = steps.get(group.escalationLevel);
        NotificationRecord unacknowledged = notifications.findById(group.escalatedNotificationId);
        dispatcher.send(composer.escalation(group, unacknowledged, group.escalationLevel + 1,
                Duration.between(unacknowledged.createdAt, now)), group.id, List.of(step.receiver()));
        if (!group.receivers.contains(step.receiver())) {
            List<String> told = new ArrayList<>(group.receivers);
            told.add(step.receiver());
            group.receivers = told; // a new list, so the change is seen and the resolution reaches this level too
        }
        group.escalationLevel++;
        group.nextEscalationAt = group.escalationLevel < steps.size()
                ? now.plus(Durations.parse(steps.get(group.escalationLevel).after())) : null;
    }

    /** Idempotent: acknowledging again answers with the first acknowledgement, unchanged. */
    @Transactional
    public Acknowledgement acknowledge(UUID notificationId, String who, String comment) {
        NotificationRecord notification = notifications.findByIdOptional(notificationId)
                .orElseThrow(() -> ProblemException.notFound("no notification " + notificationId));
        if (notification.severity != Severity.CRITICAL || notification.groupId == null) {
            throw new ProblemException(Response.Status.CONFLICT, "only CRITICAL notifications are acknowledged; this one is "
                    + notification.severity, List.of());
        }
        AlertGroup group = groups.forUpdate(notification.groupId).orElseThrow();
        if (group.acknowledgedAt == null) {
            group.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it, so every answer says the same
            group.acknowledgedBy = who;
            group.acknowledgement = comment;
            group.nextEscalationAt = null;
            dispatcher.send(composer.acknowledged(group, notification), group.id, group.receivers);
        }
        return new Acknowledgement(notificationId, group.key, group.acknowledgedBy, group.acknowledgedAt, group.acknowledgement,
                group.escalationLevel);
    }
}
