package dev.cutover.monitoring.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.monitoring.alert.AlertState;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.sampling.Sample;
import dev.cutover.support.rule.AlertRule;

/** A watch as REST shows it: what it watches, how, its latest sample and its alerts that are not inactive. */
public record WatchView(UUID id, UUID rolloutId, String environment, String target, String jdbcUrl, String credentials,
                        long intervalMs, Watch.Status status, Watch.Source source, Instant startedAt, Instant stoppedAt,
                        Instant guardedSince, Double baselineP95Ms, String probesDisabled, List<AlertRule> ruleOverrides,
                        Instant sampledAt, Map<String, Double> metrics, List<AlertView> alerts) {

    /** One rule's alert on this watch. */
    public record AlertView(String rule, AlertState.Status status, Instant activeAt, Instant firedAt, Double value) {

        static AlertView of(String rule, AlertState state) {
            return new AlertView(rule, state.status(), state.activeAt(), state.firedAt(),
                    Double.isNaN(state.value()) ? null : state.value());
        }
    }

    static WatchView of(Watch watch, List<AlertRule> overrides, Sample latest, Map<String, AlertState> states,
                        String probesDisabled) {
        List<AlertView> alerts = states.entrySet().stream()
                .filter(e -> e.getValue().status() != AlertState.Status.INACTIVE)
                .map(e -> AlertView.of(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(AlertView::rule))
                .toList();
        return new WatchView(watch.id, watch.rolloutId, watch.environment, watch.targetName, watch.jdbcUrl, watch.credentials,
                watch.intervalMs, watch.status, watch.source, watch.startedAt, watch.stoppedAt, watch.guardedSince,
                watch.baselineP95Ms, probesDisabled, overrides, latest == null ? null : latest.takenAt(),
                latest == null ? Map.of() : latest.byKey(), alerts);
    }
}
