package dev.cutover.migration.repository;

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

@Entity
@Table(name = "rollout")
public class Rollout {

    public enum Status {
        RUNNING,
        /** Applied everywhere; what a rollback needs is kept until the rollout is finalised. */
        SUCCEEDED,
        /** A phase failed; the target it failed on was rolled back. */
        FAILED,
        ROLLING_BACK,
        ROLLED_BACK,
        /** Accepted: the kept structures were dropped; there is no way back any more. */
        FINALISED;

        /** States a rollback can still be asked in: running, applied and not finalised, or rolling back already. */
        public boolean canRollBack() {
            return this == RUNNING || this == SUCCEEDED || this == ROLLING_BACK;
        }

        /** States a restarted service picks up again. */
        public boolean inProgress() {
            return this == RUNNING || this == ROLLING_BACK;
        }
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** The plan as submitted (JSON), so a restarted service resumes exactly what was asked. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String plan;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The principal whose token submitted the rollout. */
    @Column(name = "submitted_by")
    public String submittedBy;

    /** Why a rollback was asked for; set once, survives restarts. */
    @Column(name = "rollback_reason")
    public String rollbackReason;
}
