package dev.cutover.monitoring.repository;

import java.time.Instant;
import java.util.UUID;

import dev.cutover.events.MetricBreach;
import dev.cutover.events.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A FIRING or RESOLVED as announced on metric-breach (the event's id is the row's). */
@Entity
@Table(name = "breach")
public class Breach {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "watch_id", nullable = false)
    public UUID watchId;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "target_name", nullable = false)
    public String targetName;

    @Column(nullable = false)
    public String rule;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MetricBreach.State state;

    @Column(nullable = false)
    public double value;

    @Column(nullable = false)
    public double threshold;

    @Column(nullable = false)
    public Instant since;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "rollback_trigger", nullable = false)
    public boolean rollbackTrigger;

    public static Breach of(UUID watchId, MetricBreach event) {
        Breach breach = new Breach();
        breach.eventId = event.eventId();
        breach.watchId = watchId;
        breach.rolloutId = event.rolloutId();
        breach.environment = event.environment();
        breach.targetName = event.target();
        breach.rule = event.rule();
        breach.severity = event.severity();
        breach.state = event.state();
        breach.value = event.value();
        breach.threshold = event.threshold();
        breach.since = event.since();
        breach.occurredAt = event.occurredAt();
        breach.rollbackTrigger = event.rollbackTrigger();
        return breach;
    }
}
