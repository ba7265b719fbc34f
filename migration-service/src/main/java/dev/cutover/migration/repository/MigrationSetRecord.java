package dev.cutover.migration.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The checksum of a migration set, file by file, as a rollout applied it. */
@Entity
@Table(name = "migration_set_history")
public class MigrationSetRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "set_id", nullable = false)
    public String setId;

    @Column(nullable = false)
    public String checksum;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> files;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String target;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
