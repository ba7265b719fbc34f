package dev.cutover.checkpoint.repository;

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

/** One checkpoint of one rollout (JSON columns hold the definition, the criteria as evaluated and the evidence). */
@Entity
@Table(name = "checkpoint")
public class CheckpointRecord {

    /**
     * WAITING until {@code after} completed on every target; OPEN while its sign-offs are awaited;
     * CONDITIONAL while an acceptance is awaited; DECIDED once GO, NO-GO, ACCEPT or ROLLBACK;
     * SUPERSEDED when the rollout registered other checkpoints before this one opened.
     */
    public enum Status {
        WAITING, OPEN, CONDITIONAL, DECIDED, SUPERSEDED
    }

    @Id
    public UUID id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String environment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String definition;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String decision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String criteria;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String evidence;

    @Column(name = "evidence_digest")
    public String evidenceDigest;

    /** Who submitted the rollout: under four-eyes they may not approve it. Null when unknown. */
    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_reason")
    public String acceptedReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "window_opened_at")
    public Instant windowOpenedAt;

    @Column(name = "window_assessed_at")
    public Instant windowAssessedAt;

    @Column(name = "window_ended_at")
    public Instant windowEndedAt;

    /** CLOSED (the guarded work finished in time) or HARD_STOP. */
    @Column(name = "window_outcome")
    public String windowOutcome;
}
