package dev.cutover.notification.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.Notification;
import dev.cutover.events.Severity;
import dev.cutover.notification.repository.NotificationRecord;

public record NotificationView(UUID id, UUID rolloutId, Instant createdAt, Severity severity, String environment,
        String title, String body, Notification.Kind kind, int alertCount, Long groupId, String sourceTopic, UUID sourceEventId,
        Map<String, String> links) {

    static NotificationView of(NotificationRecord record) {
        return new NotificationView(record.id, record.rolloutId, record.createdAt, record.severity, record.environment,
                record.title, record.body, record.kind, record.alertCount, record.groupId, record.sourceTopic, record.sourceEventId,
                record.links);
    }
}
