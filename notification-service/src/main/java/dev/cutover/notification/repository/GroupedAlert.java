package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.events.Severity;
import dev.cutover.notification.routing.Alert;

/**
 * An alert inside its group, de-duplicated by key: its latest status, how often it fired (or came, for a notice), and the
 * status last sent for it ({@code null}: never sent). A message is due when the two differ, except
 * for an alert that resolved before anyone was told it fired (Alertmanager says nothing then either).
 */
public record GroupedAlert(String key, Alert.Status status, Severity severity, String title, String body, String sourceTopic,
                           UUID sourceEventId, Instant firstAt, Instant lastAt, int occurrences, Alert.Status sentStatus) {

    public static GroupedAlert first(Alert alert) {
        return new GroupedAlert(alert.key(), alert.status(), alert.severity(), alert.title(), alert.body(), alert.sourceTopic(),
                alert.sourceEventId(), alert.at(), alert.at(), firings(alert), null);
    }

    /** The same key again: the latest status and wording; a FIRING (or notice) is one more occurrence, a RESOLVED none. */
    public GroupedAlert again(Alert alert) {
        return new GroupedAlert(key, alert.status(), alert.severity(), alert.title(), alert.body(), alert.sourceTopic(),
                alert.sourceEventId(), firstAt, alert.at(), occurrences + firings(alert), sentStatus);
    }

    public boolean changed() {
        return status != sentStatus && !(status == Alert.Status.RESOLVED && sentStatus == null);
    }

    public GroupedAlert sent() {
        return new GroupedAlert(key, status, severity, title, body, sourceTopic, sourceEventId, firstAt, lastAt, occurrences, status);
    }

    private static int firings(Alert alert) {
        return alert.status() == Alert.Status.RESOLVED ? 0 : 1;
    }
}
