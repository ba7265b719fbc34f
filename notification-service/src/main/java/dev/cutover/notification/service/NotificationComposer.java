package dev.cutover.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.CutoverEvent;
import dev.cutover.events.CutoverWindow;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Notification;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Severity;
import dev.cutover.notification.config.NotificationConfig;
import dev.cutover.notification.repository.AlertGroup;
import dev.cutover.notification.repository.GroupedAlert;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.routing.Alert;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides how loud an event is and words it for people (the seeds' communication plan): failures
 * and rollbacks are loud, routine progress is INFO. The body is the event's own summary, which
 * carries its measured figures. Then words the messages a group sends: one alert in its own words,
 * several as a count and a line each.
 */
@ApplicationScoped
public class NotificationComposer {

    private final NotificationConfig config;

    public NotificationComposer(NotificationConfig config) {
        this.config = config;
    }

    /** The event as an alert: a breach keyed by rollout, environment, target and rule, anything else a notice of its own. */
    public Alert compose(CutoverEvent event) {
        Severity severity;
        String environment;
        String target = null;
        String name;
        Alert.Status status = Alert.Status.NOTICE;
        String key = "notice:" + event.eventId();
        String title;
        if (event instanceof PhaseCompleted phase) {
            boolean passed = phase.status() == PhaseStatus.SUCCEEDED;
            severity = passed ? Severity.INFO : Severity.WARNING;
            environment = phase.environment();
            target = phase.target();
            name = phase.phase().name();
            title = phase.phase() + (passed ? " passed" : " FAILED") + " on " + phase.environment() + "/" + phase.target();
        } else if (event instanceof MetricBreach breach) {
            boolean firing = breach.state() == MetricBreach.State.FIRING;
            // RESOLVED keeps the rule's severity: it is routed to the group its FIRING went to, and closes it
            severity = breach.severity();
            status = firing ? Alert.Status.FIRING : Alert.Status.RESOLVED;
            environment = breach.environment();
            target = breach.target();
            name = breach.rule();
            key = String.join("|", "breach", breach.rolloutId().toString(), breach.environment(), breach.target(), breach.rule());
            title = breach.rule() + (firing ? " firing" : " resolved") + " on " + breach.environment() + "/" + breach.target();
        } else if (event instanceof RollbackRequested rollback) {
            severity = Severity.CRITICAL;
            environment = rollback.environment();
            name = "rollback";
            title = "Rollback requested by " + rollback.source();
        } else if (event instanceof CheckpointDecided decision) {
            severity = switch (decision.decision()) {
                case GO, ACCEPT -> Severity.INFO;
                case CONDITIONAL -> Severity.WARNING;
                case NO_GO, ROLLBACK -> Severity.CRITICAL;
            };
            environment = decision.environment();
            name = decision.checkpoint();
            title = decision.checkpoint() + " " + decision.environment() + ": " + decision.decision();
        } else if (event instanceof CutoverWindow window) {
            severity = switch (window.state()) {
                case OPENED, CLOSED -> Severity.INFO;
                case ASSESSED -> window.targetsDone() < window.targetsTotal() ? Severity.WARNING : Severity.INFO;
                case HARD_STOP -> Severity.CRITICAL;
            };
            environment = window.environment();
            name = window.checkpoint();
            title = switch (window.state()) {
                case OPENED -> window.checkpoint() + " cutover window opened on " + window.environment() + ": hard stop in "
                        + window.hardStopAfterSeconds() + " s";
                case ASSESSED -> window.checkpoint() + " cutover assessment on " + window.environment() + ": " + window.targetsDone()
                        + "/" + window.targetsTotal() + " targets done, " + window.remainingSeconds() + " s to the hard stop";
                case CLOSED -> window.checkpoint() + " cutover finished inside its window on " + window.environment();
                case HARD_STOP -> window.checkpoint() + " cutover window hard stop on " + window.environment() + ": rolling back";
            };
        } else if (event instanceof BenchmarkCompleted benchmark) {
            boolean regressed = benchmark.queries().stream().anyMatch(q -> "REGRESSED".equals(q.verdict()));
            severity = regressed ? Severity.WARNING : Severity.INFO;
            environment = benchmark.environment();
            target = benchmark.target();
            name = benchmark.label();
            title = "Benchmark '" + benchmark.label() + "' finished on " + benchmark.environment() + "/" + benchmark.target()
                    + (regressed ? " with regressions" : "");
        } else {
            throw new IllegalArgumentException("no notification is composed for " + event.topic());
        }
        return new Alert(key, event.rolloutId(), environment, target, name, severity, status, title, event.summary(), event.topic(),
                event.eventId(), Instant.now());
    }

    /**
     * The message a group sends about {@code alerts}: FIRING or NOTICE at the loudest severity of what
     * fires or is noticed, RESOLVED and REPEAT as INFO and the loudest firing severity.
     */
    public Notification message(AlertGroup group, List<GroupedAlert> alerts, Notification.Kind kind) {
        Severity severity = alerts.stream().filter(a -> a.status() != Alert.Status.RESOLVED).map(GroupedAlert::severity)
                .min(Comparator.naturalOrder()).orElse(Severity.INFO);
        GroupedAlert latest = alerts.stream().max(Comparator.comparing(GroupedAlert::lastAt)).orElseThrow();
        String title;
        String body;
        if (alerts.size() == 1) {
            GroupedAlert only = alerts.get(0);
            title = (kind == Notification.Kind.REPEAT ? "Still firing: " : "") + only.title();
            body = only.body() + (only.occurrences() > 1 ? " (" + only.occurrences() + " times since " + clock(only.firstAt()) + ")" : "");
        } else {
            Map<Alert.Status, Long> counts = alerts.stream()
                    .collect(Collectors.groupingBy(GroupedAlert::status, LinkedHashMap::new, Collectors.counting()));
            String tally = counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT) + (e.getKey() == Alert.Status.NOTICE
                            && e.getValue() > 1 ? "s" : ""))
                    .collect(Collectors.joining(", "));
            title = (kind == Notification.Kind.REPEAT ? "Still firing: " : "") + tally + " on " + group.environment + ": "
                    + alerts.get(0).title() + " and " + (alerts.size() - 1) + " more";
            body = alerts.stream().map(a -> "- " + a.status() + " " + a.title() + (a.occurrences() > 1 ? " (" + a.occurrences() + "×)" : "")
                    + ": " + a.body()).collect(Collectors.joining("\n"));
        }
        return notification(group, severity, title, body, latest.sourceTopic(), latest.sourceEventId(), kind, alerts.size());
    }

    /** The words of a CRITICAL message nobody acknowledged, sent to the next level. */
    public Notification escalation(AlertGroup group, NotificationRecord unacknowledged, int level, Duration waited) {
        return notification(group, Severity.CRITICAL, "Escalated (level " + level + ", unacknowledged for " + waited.toSeconds()
                        + " s): " + unacknowledged.title,
                unacknowledged.body + "\nFirst sent " + clock(unacknowledged.createdAt) + " to " + group.receivers
                        + "; acknowledge: POST " + acknowledgeUrl(unacknowledged.id),
                unacknowledged.sourceTopic, unacknowledged.sourceEventId, Notification.Kind.ESCALATION, unacknowledged.alertCount);
    }

    public Notification acknowledged(AlertGroup group, NotificationRecord acknowledged) {
        return notification(group, Severity.INFO, "Acknowledged by " + group.acknowledgedBy + ": " + acknowledged.title,
                (group.acknowledgement == null ? "" : group.acknowledgement + "\n") + "Escalation stopped at level "
                        + group.escalationLevel + ".",
                acknowledged.sourceTopic, acknowledged.sourceEventId, Notification.Kind.ACKNOWLEDGED, acknowledged.alertCount);
    }

    private Notification notification(AlertGroup group, Severity severity, String title, String body, String sourceTopic,
                                      UUID sourceEventId, Notification.Kind kind, int alertCount) {
        UUID id = UUID.randomUUID();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("timeline", config.dashboardUrl() + "/rollouts/" + group.rolloutId + "/timeline");
        links.put("dashboard", config.dashboardUrl() + "/dashboard/?rollout=" + group.rolloutId);
        if (severity == Severity.CRITICAL) {
            links.put("acknowledge", acknowledgeUrl(id));
        }
        return new Notification(id, group.rolloutId, Instant.now(), Notification.SCHEMA_VERSION, severity, group.environment, title, body,
                sourceTopic, sourceEventId, links, kind, group.key, alertCount);
    }

    private String acknowledgeUrl(UUID notification) {
        return config.publicUrl() + "/notifications/" + notification + "/acknowledgement";
    }

    private static String clock(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(at);
    }
}
