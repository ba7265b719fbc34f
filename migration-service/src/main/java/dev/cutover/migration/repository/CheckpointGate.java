package dev.cutover.migration.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A checkpoint of a rollout as migration-service sees it: since when the rollout waits at it, and
 * the latest decision checkpoint-service announced (CONDITIONAL is not final: it waits for acceptance).
 */
@Entity
@Table(name = "checkpoint_gate")
public class CheckpointGate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String checkpoint;

    @Column(nullable = false)
    public String environment;

    @Column(name = "awaited_since")
    public Instant awaitedSince;

    /** GO, CONDITIONAL, NO_GO, ACCEPT or ROLLBACK; null until one was announced. */
    public String decision;

    /** The announcement's one-line summary, e.g. "CP2 on staging: NO_GO (6/8 criteria passed)". */
    public String summary;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public boolean passed() {
        return "GO".equals(decision) || "ACCEPT".equals(decision);
    }

    public boolean refused() {
        return "NO_GO".equals(decision) || "ROLLBACK".equals(decision);
    }
}
