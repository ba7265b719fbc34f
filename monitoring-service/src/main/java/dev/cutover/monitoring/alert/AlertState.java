package dev.cutover.monitoring.alert;

import java.time.Instant;

/**
 * Where one rule stands on one watched target.
 *
 * @param activeAt when the expression started holding (PENDING and FIRING)
 * @param firedAt when the alert fired (FIRING)
 * @param lastTrueAt the last evaluation at which the expression held (for keep_firing_for)
 * @param value the metric's value at the last evaluation that held
 */
public record AlertState(Status status, Instant activeAt, Instant firedAt, Instant lastTrueAt, double value) {

    public enum Status {
        INACTIVE, PENDING, FIRING
    }

    public static final AlertState INACTIVE = new AlertState(Status.INACTIVE, null, null, null, Double.NaN);
}
