package dev.cutover.checkpoint.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a checkpoint's append-only audit trail (the table refuses updates and deletions). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    public enum Action {
        DEFINED, SUPERSEDED, OPENED, WINDOW, SIGNED_OFF, ACCEPTED, DECIDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "checkpoint_id", nullable = false)
    public UUID checkpointId;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Action action;

    /** The person (the token's name) or {@code checkpoint-service} for what the service did itself. */
    @Column(nullable = false)
    public String actor;

    public String role;

    @Column(name = "evidence_digest")
    public String evidenceDigest;

    public String detail;
}
