package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.cutover.events.Notification;
import dev.cutover.events.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message sent: on the notifications topic, and to the receivers its group's route names. */
@Entity
@Table(name = "notification")
public class NotificationRecord {

    @Id
    public UUID id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    public String environment;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "source_topic", nullable = false)
    public String sourceTopic;

    @Column(name = "source_event_id", nullable = false)
    public UUID sourceEventId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> links;

    @Column(name = "group_id")
    public Long groupId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Notification.Kind kind;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    public static NotificationRecord of(Notification notification, long groupId) {
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
        record.groupId = groupId;
        record.kind = notification.kind();
        record.alertCount = notification.alertCount();
        return record;
    }
}
