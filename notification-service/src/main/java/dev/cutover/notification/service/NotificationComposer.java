package dev.cutover.notification.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides how loud an event is and words it for people (the seeds' communication plan): failures
 * and rollbacks are loud, routine progress is INFO. The body is the event's own summary, which
 * carries its measured figures.
 */
@ApplicationScoped
public class NotificationComposer {

    private final NotificationConfig config;

    public NotificationComposer(NotificationConfig config) {
        this.config = config;
    }

    public Notification compose(CutoverEvent event) {
        Severity severity;
        String environment;
        String title;
        if (event instanceof PhaseCompleted phase) {
            boolean passed = phase.status() == PhaseStatus.SUCCEEDED;
            severity = passed ? Severity.INFO : Severity.WARNING;
            environment = phase.environment();
            title = phase.phase() + (passed ? " passed" : " FAILED") + " on " + phase.environment() + "/" + phase.target();
        } else if (event instanceof MetricBreach breach) {
            boolean firing = breach.state() == MetricBreach.State.FIRING;
            severity = firing ? breach.severity() : Severity.INFO;
            environment = breach.environment();
            title = breach.rule() + (firing ? " firing" : " resolved") + " on " + breach.environment() + "/" + breach.target();
        } else if (event instanceof RollbackRequested rollback) {
            severity = Severity.CRITICAL;
            environment = rollback.environment();
            title = "Rollback requested by " + rollback.source();
        } else if (event instanceof CheckpointDecided decision) {
            severity = switch (decision.decision()) {
                case GO, ACCEPT -> Severity.INFO;
                case CONDITIONAL -> Severity.WARNING;
                case NO_GO, ROLLBACK -> Severity.CRITICAL;
            };
            environment = decision.environment();
            title = decision.checkpoint() + " " + decision.environment() + ": " + decision.decision();
        } else if (event instanceof CutoverWindow window) {
            severity = switch (window.state()) {
                case OPENED, CLOSED -> Severity.INFO;
                case ASSESSED -> window.targetsDone() < window.targetsTotal() ? Severity.WARNING : Severity.INFO;
                case HARD_STOP -> Severity.CRITICAL;
            };
            environment = window.environment();
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
            title = "Benchmark '" + benchmark.label() + "' finished on " + benchmark.environment() + "/" + benchmark.target()
                    + (regressed ? " with regressions" : "");
        } else {
            throw new IllegalArgumentException("no notification is composed for " + event.topic());
        }
        String timeline = config.dashboardUrl() + "/rollouts/" + event.rolloutId() + "/timeline";
        return new Notification(UUID.randomUUID(), event.rolloutId(), Instant.now(), Notification.SCHEMA_VERSION, severity,
                environment, title, event.summary(), event.topic(), event.eventId(),
                Map.of("timeline", timeline, "dashboard", config.dashboardUrl() + "/dashboard/?rollout=" + event.rolloutId()));
    }
}
