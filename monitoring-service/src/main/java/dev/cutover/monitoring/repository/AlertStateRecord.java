package dev.cutover.monitoring.repository;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import dev.cutover.monitoring.alert.AlertState;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** The persisted {@link AlertState} of one rule on one watch. */
@Entity
@Table(name = "alert_state")
public class AlertStateRecord {

    @Embeddable
    public record Key(@Column(name = "watch_id") UUID watchId, String rule) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertState.Status status;

    @Column(name = "active_at")
    public Instant activeAt;

    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "last_true_at")
    public Instant lastTrueAt;

    public Double value;

    public AlertState state() {
        return new AlertState(status, activeAt, firedAt, lastTrueAt, value == null ? Double.NaN : value);
    }

    public void set(AlertState state) {
        status = state.status();
        activeAt = state.activeAt();
        firedAt = state.firedAt();
        lastTrueAt = state.lastTrueAt();
        value = Double.isNaN(state.value()) ? null : state.value();
    }
}
