package dev.cutover.migration.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One phase on one target, with what it measured. */
@Entity
@Table(name = "phase_run")
public class PhaseRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PhaseStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> evidence;

    public String error;
}
