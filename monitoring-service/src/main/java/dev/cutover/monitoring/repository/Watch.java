package dev.cutover.monitoring.repository;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One target of one rollout environment, sampled until it is stopped. */
@Entity
@Table(name = "watch")
public class Watch {

    public enum Status {
        ACTIVE, STOPPED
    }

    /** Who started it: a person over REST, or the rollout's own phase events. */
    public enum Source {
        REST, EVENTS
    }

    @Id
    public UUID id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "target_name", nullable = false)
    public String targetName;

    @Column(name = "jdbc_url", nullable = false)
    public String jdbcUrl;

    /** The name of configured credentials; never a secret. */
    public String credentials;

    @Column(name = "interval_ms", nullable = false)
    public long intervalMs;

    /** The watch's rule overrides over the default set (JSON list of rules). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String rules;

    /** When the guarded window opened; null while unguarded. */
    @Column(name = "guarded_since")
    public Instant guardedSince;

    @Column(name = "baseline_p95_ms")
    public Double baselineP95Ms;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;
}
