package dev.cutover.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.cutover.events.Notification;
import dev.cutover.events.Severity;
import dev.cutover.notification.repository.AlertGroup;
import dev.cutover.notification.repository.AlertGroupRepository;
import dev.cutover.notification.repository.AlertRecord;
import dev.cutover.notification.repository.AlertRepository;
import dev.cutover.notification.repository.GroupedAlert;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.routing.Alert;
import dev.cutover.notification.routing.RoutePolicy;
import dev.cutover.notification.routing.RoutingTree;
import dev.cutover.support.expression.Durations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Alertmanager's grouping: alerts the same route takes, with the same rollout and {@code group_by}
 * labels, share a group. A new group's first message waits {@code group_wait}; later changes (a new
 * alert, a status that differs from the one last sent) wait until {@code group_interval} after the
 * previous message; a group that still fires with nothing new is sent again after
 * {@code repeat_interval}. A repeated FIRING of the same key is counted, not sent — so a flapping
 * breach is one message per interval, not one per flap — and a group closes once a message reported
 * everything in it resolved.
 */
@ApplicationScoped
public class AlertGrouper {

    private final RoutingTree routing;
    private final AlertGroupRepository groups;
    private final AlertRepository alerts;
    private final NotificationComposer composer;
    private final Dispatcher dispatcher;

    public AlertGrouper(RoutingTree routing, AlertGroupRepository groups, AlertRepository alerts, NotificationComposer composer,
                        Dispatcher dispatcher) {
        this.routing = routing;
        this.groups = groups;
        this.alerts = alerts;
        this.composer = composer;
        this.dispatcher = dispatcher;
    }

    /** In the consumer's transaction: the alert joins its group, which sends at once when its message is already due. */
    public void accept(Alert alert) {
        RoutePolicy policy = routing.policyFor(alert);
        String key = groupKey(policy, alert);
        Instant now = alert.at();
        AlertGroup group = groups.openForUpdate(key).orElseGet(() -> open(key, policy, alert));
        alerts.persist(AlertRecord.of(alert, group.id));

        List<GroupedAlert> members = new ArrayList<>(group.alerts());
        Optional<GroupedAlert> known = members.stream().filter(a -> a.key().equals(alert.key())).findFirst();
        GroupedAlert merged = known.map(a -> a.again(alert)).orElseGet(() -> GroupedAlert.first(alert));
        known.ifPresentOrElse(a -> members.set(members.indexOf(a), merged), () -> members.add(merged));
        group.alerts(members);
        if (merged.changed() && group.lastSentAt != null) {
            Instant afterInterval = group.lastSentAt.plus(group.groupInterval());
            Instant due = afterInterval.isAfter(now) ? afterInterval : now;
            if (group.nextFlushAt == null || due.isBefore(group.nextFlushAt)) {
                group.nextFlushAt = due;
            }
        }
        if (!group.nextFlushAt.isAfter(now)) {
            flush(group, now);
        }
    }

    /** Rollout is always part of the key (a message is about one rollout); without group_by each alert is its own group. */
    private static String groupKey(RoutePolicy policy, Alert alert) {
        String labels = policy.groupBy() == null ? "alert=" + alert.key()
                : policy.groupBy().stream().filter(l -> !l.equals("rollout")).map(l -> l + "=" + alert.label(l))
                        .collect(Collectors.joining("|"));
        return policy.path() + "|rollout=" + alert.rolloutId() + (labels.isEmpty() ? "" : "|" + labels);
    }

    private AlertGroup open(String key, RoutePolicy policy, Alert alert) {
        AlertGroup group = new AlertGroup();
        group.key = key;
        group.status = AlertGroup.Status.OPEN;
        group.rolloutId = alert.rolloutId();
        group.environment = alert.environment();
        group.receivers = new ArrayList<>(policy.receivers());
        group.groupIntervalMs = policy.groupInterval().toMillis();
        group.repeatIntervalMs = policy.repeatInterval().toMillis();
        group.escalation(policy.escalation());
        group.alerts(List.of());
        group.createdAt = alert.at();
        group.nextFlushAt = alert.at().plus(policy.groupWait());
        groups.persist(group);
        return group;
    }

    /** The group's due message (changes, else a repeat while it fires), then when the next one is due. */
    void flush(AlertGroup group, Instant now) {
        List<GroupedAlert> members = group.alerts();
        List<GroupedAlert> firing = members.stream().filter(a -> a.status() == Alert.Status.FIRING).toList();
        boolean changed = members.stream().anyMatch(GroupedAlert::changed);
        if (changed) {
            Notification.Kind kind = !firing.isEmpty() ? Notification.Kind.FIRING
                    : members.stream().allMatch(a -> a.status() == Alert.Status.NOTICE) ? Notification.Kind.NOTICE
                    : Notification.Kind.RESOLVED;
            // what changed first, then what still fires unchanged
            List<GroupedAlert> listed = new ArrayList<>(members.stream().filter(GroupedAlert::changed).toList());
            firing.stream().filter(a -> !a.changed()).forEach(listed::add);
            send(group, composer.message(group, listed, kind), now);
            if (kind == Notification.Kind.RESOLVED) {
                group.nextEscalationAt = null; // nothing left to escalate
            }
        } else if (!firing.isEmpty() && group.lastSentAt != null && !now.isBefore(group.lastSentAt.plus(group.repeatInterval()))) {
            send(group, composer.message(group, firing, Notification.Kind.REPEAT), now);
        }
        // reported notices and resolved alerts leave the group; what fires stays, marked as sent
        group.alerts(firing.stream().map(GroupedAlert::sent).toList());
        if (firing.isEmpty()) {
            group.status = AlertGroup.Status.CLOSED;
            group.closedAt = now;
            group.nextFlushAt = null;
        } else {
            group.nextFlushAt = group.lastSentAt.plus(group.repeatInterval());
        }
    }

    private void send(AlertGroup group, Notification message, Instant now) {
        NotificationRecord sent = dispatcher.send(message, group.id, group.receivers);
        group.lastSentAt = now;
        boolean escalates = message.severity() == Severity.CRITICAL && !group.escalation().isEmpty() && group.acknowledgedAt == null
                && group.escalatedNotificationId == null;
        if (escalates) {
            group.escalatedNotificationId = sent.id;
            group.nextEscalationAt = now.plus(Durations.parse(group.escalation().get(0).after()));
        }
    }
}
