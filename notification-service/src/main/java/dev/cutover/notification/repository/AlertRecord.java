package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.events.Severity;
import dev.cutover.notification.routing.Alert;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One event received, as routing saw it: what digests count, whether or not grouping sent a message for it. */
@Entity
@Table(name = "alert")
public class AlertRecord {

    @Id
    public UUID id;

    @Column(name = "alert_key", nullable = false)
    public String alertKey;

    @Column(name = "group_id", nullable = false)
    public Long groupId;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** How loud the event itself is: a RESOLVED breach is INFO, though it is routed with its rule's severity. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Alert.Status status;

    public String environment;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "source_topic", nullable = false)
    public String sourceTopic;

    public static AlertRecord of(Alert alert, long groupId) {
        AlertRecord record = new AlertRecord();
        record.id = alert.sourceEventId();
        record.alertKey = alert.key();
        record.groupId = groupId;
        record.rolloutId = alert.rolloutId();
        record.createdAt = alert.at();
        record.severity = alert.status() == Alert.Status.RESOLVED ? Severity.INFO : alert.severity();
        record.status = alert.status();
        record.environment = alert.environment();
        record.title = alert.title();
        record.body = alert.body();
        record.sourceTopic = alert.sourceTopic();
        return record;
    }
}
