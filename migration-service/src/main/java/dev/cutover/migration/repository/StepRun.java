package dev.cutover.migration.repository;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Where one step of the migration set stands on one target, with the operation's checkpoint. */
@Entity
@Table(name = "step_run")
@IdClass(StepRun.Key.class)
public class StepRun {

    public enum Status {
        /** start() began; the target may be anywhere between before and after. */
        STARTED,
        /** start() finished: the new shape is live, what a rollback needs is kept. */
        APPLIED,
        /** complete() dropped what was kept; no rollback any more. */
        COMPLETED,
        ROLLED_BACK
    }

    @Id
    @Column(name = "rollout_id")
    public UUID rolloutId;

    @Id
    public String environment;

    @Id
    public String target;

    @Id
    @Column(name = "step_index")
    public int stepIndex;

    @Column(name = "step_name", nullable = false)
    public String stepName;

    @Column(nullable = false)
    public String operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> state;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static class Key implements Serializable {
        public UUID rolloutId;
        public String environment;
        public String target;
        public int stepIndex;

        public Key() {
        }

        public Key(UUID rolloutId, String environment, String target, int stepIndex) {
            this.rolloutId = rolloutId;
            this.environment = environment;
            this.target = target;
            this.stepIndex = stepIndex;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && stepIndex == key.stepIndex && Objects.equals(rolloutId, key.rolloutId)
                    && Objects.equals(environment, key.environment) && Objects.equals(target, key.target);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rolloutId, environment, target, stepIndex);
        }
    }
}
