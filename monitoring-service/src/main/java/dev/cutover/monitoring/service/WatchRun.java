package dev.cutover.monitoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.jboss.logging.Logger;

import dev.cutover.monitoring.alert.AlertEvaluator;
import dev.cutover.monitoring.alert.AlertState;
import dev.cutover.monitoring.sampling.Sample;
import dev.cutover.monitoring.sampling.TargetSampler;
import dev.cutover.support.rule.CompiledRule;
import dev.cutover.support.rule.Metric;

/**
 * One watch while it runs in this process: its sampler, its rules and their states, the guarded
 * window and the baseline. {@link #tick} is one sampling interval: sample, evaluate, record.
 */
final class WatchRun {

    private static final Logger LOG = Logger.getLogger(WatchRun.class);
    /** Probe executions needed before a baseline is taken. */
    private static final int BASELINE_EXECUTIONS = 10;

    final AlertRecorder.WatchIdentity identity;
    final TargetSampler sampler;
    private final AlertRecorder recorder;
    private final Map<String, AlertState> states = new ConcurrentHashMap<>();
    private volatile List<CompiledRule> rules;
    private volatile Instant guardedSince;
    private volatile Double baseline;
    private volatile Sample latest;
    final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    final List<io.micrometer.core.instrument.Meter> gauges = new ArrayList<>();

    WatchRun(AlertRecorder.WatchIdentity identity, TargetSampler sampler, AlertRecorder recorder, List<CompiledRule> rules,
             Map<String, AlertState> states, Instant guardedSince, Double baseline) {
        this.identity = identity;
        this.sampler = sampler;
        this.recorder = recorder;
        this.rules = rules;
        this.states.putAll(states);
        this.guardedSince = guardedSince;
        this.baseline = baseline;
    }

    void tick() {
        try {
            // the database keeps microseconds: states read back after a restart equal those in memory
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            Sample sample = sampler.sample(now);
            Double newBaseline = null;
            if (guardedSince != null && baseline == null) {
                var p95 = sampler.probeP95(BASELINE_EXECUTIONS);
                if (p95.isPresent()) {
                    newBaseline = p95.getAsDouble();
                }
            }
            Double reference = newBaseline != null ? newBaseline : baseline;
            sample = withRatio(sample, reference);
            List<AlertRecorder.Evaluated> changed = evaluate(sample, now);
            recorder.record(identity, guardedSince != null, sample, changed, newBaseline);
            changed.forEach(e -> states.put(e.rule().name(), e.step().state()));
            if (newBaseline != null) {
                baseline = newBaseline;
                LOG.infof("watch %s: baseline probe p95 %.3f ms", identity.watchId(), newBaseline);
            }
            latest = sample;
        } catch (RuntimeException e) {
            // the next tick tries again; states only change in memory once they are stored
            LOG.errorf(e, "watch %s: sampling round failed", identity.watchId());
        }
    }

    private static Sample withRatio(Sample sample, Double baseline) {
        var p95 = sample.value(Metric.PROBE_LATENCY_P95_MS);
        if (baseline == null || baseline <= 0 || p95.isEmpty()) {
            return sample;
        }
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        metrics.putAll(sample.metrics());
        metrics.put(Metric.PROBE_LATENCY_RATIO, p95.getAsDouble() / baseline);
        return new Sample(sample.takenAt(), Map.copyOf(metrics), sample.error());
    }

    private List<AlertRecorder.Evaluated> evaluate(Sample sample, Instant now) {
        List<AlertRecorder.Evaluated> changed = new ArrayList<>();
        for (CompiledRule rule : rules) {
            Metric metric = rule.expression().metric();
            // an unreachable target tells nothing about its other metrics: their alerts stay as they are
            if (!sample.reachable() && metric != Metric.TARGET_UP) {
                continue;
            }
            AlertState before = states.getOrDefault(rule.name(), AlertState.INACTIVE);
            AlertEvaluator.Step step = AlertEvaluator.evaluate(rule, before, sample.value(metric), now);
            if (!step.state().equals(before) || step.change() != AlertEvaluator.Change.NONE) {
                changed.add(new AlertRecorder.Evaluated(rule, before, step));
            }
        }
        return changed;
    }

    void rules(List<CompiledRule> rules) {
        this.rules = rules;
    }

    List<CompiledRule> rules() {
        return rules;
    }

    void guard(Instant since, Double baseline) {
        this.guardedSince = since;
        this.baseline = baseline;
    }

    Instant guardedSince() {
        return guardedSince;
    }

    Double baseline() {
        return baseline;
    }

    Sample latest() {
        return latest;
    }

    Map<String, AlertState> states() {
        return Map.copyOf(states);
    }

    double value(Metric metric) {
        Sample sample = latest;
        return sample == null ? Double.NaN : sample.value(metric).orElse(Double.NaN);
    }
}
