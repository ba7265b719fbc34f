package dev.cutover.monitoring.service;

import java.util.List;
import java.util.UUID;

import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.target.TargetDatabase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Start watching a target for a rollout environment.
 *
 * @param interval sampling interval such as {@code 1s} or {@code 5s} (default from configuration)
 * @param guarded open the guarded window now: rollback triggers that fire request a rollback
 * @param baselineP95Ms the probe p95 the latency trigger compares with; measured when the window opens if absent
 * @param rules overrides of the default rules for this watch (by name; {@code enabled: false} switches one off)
 */
public record WatchRequest(
        @NotNull UUID rolloutId,
        @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String environment,
        @NotNull @Valid TargetDatabase target,
        String interval,
        Boolean guarded,
        @Positive Double baselineP95Ms,
        List<AlertRule> rules) {
}
