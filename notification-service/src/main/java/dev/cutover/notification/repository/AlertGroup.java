package dev.cutover.notification.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.notification.routing.Routing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Alerts the same route groups together, with the timings and escalation it was opened with (so a
 * routing changed at a restart does not rewrite open groups), and its acknowledgement.
 */
@Entity
@Table(name = "alert_group")
public class AlertGroup {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    public enum Status {
        OPEN, CLOSED
    }

    // a sequence, not identity: a group opened and closed by one event is written once, at commit
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_group_ids")
    @SequenceGenerator(name = "alert_group_ids", sequenceName = "alert_group_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "group_key", nullable = false)
    public String key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    public String environment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> receivers;

    @Column(name = "group_interval_ms", nullable = false)
    public long groupIntervalMs;

    @Column(name = "repeat_interval_ms", nullable = false)
    public long repeatIntervalMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String escalation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String alerts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "next_flush_at")
    public Instant nextFlushAt;

    @Column(name = "last_sent_at")
    public Instant lastSentAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    /** The CRITICAL message being escalated; escalations repeat its words. */
    @Column(name = "escalated_notification_id")
    public UUID escalatedNotificationId;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    public String acknowledgement;

    public Duration groupInterval() {
        return Duration.ofMillis(groupIntervalMs);
    }

    public Duration repeatInterval() {
        return Duration.ofMillis(repeatIntervalMs);
    }

    public List<GroupedAlert> alerts() {
        return read(alerts, new TypeReference<>() { });
    }

    public void alerts(List<GroupedAlert> value) {
        alerts = write(value);
    }

    public List<Routing.EscalationStep> escalation() {
        return read(escalation, new TypeReference<>() { });
    }

    public void escalation(List<Routing.EscalationStep> value) {
        escalation = write(value);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert group column: " + e.getMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
