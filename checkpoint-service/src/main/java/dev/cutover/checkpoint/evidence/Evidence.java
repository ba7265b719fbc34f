package dev.cutover.checkpoint.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.CutoverEvent;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;

/**
 * What the events of one rollout environment say, as named numbers a criterion can test:
 *
 * <ul>
 *   <li>per target, from the latest {@code phase-completed} of each phase ({@code apply}, {@code rollback_drill}, …):
 *   {@code <phase>.succeeded} (1/0), {@code <phase>.failedChecks} (checks with passed = false),
 *   {@code <phase>.durationMs}, and every number or boolean of its evidence ({@code apply.maxExclusiveLockMs},
 *   {@code rollback_drill.recoveryPercent});</li>
 *   <li>per target, from the latest {@code benchmark-completed} compared with a baseline:
 *   {@code benchmark.<query>.improvementPercent} (25 = 25 % faster), {@code .p50Ms}, {@code .p95Ms},
 *   {@code .p99Ms}, {@code .errors}, and {@code benchmark.regressedQueries}, {@code benchmark.geometricMeanRatio};
 *   from the latest one with a load test: {@code loadtest.meanMs}, {@code .p95Ms}, {@code .p99Ms},
 *   {@code .errorPercent}, {@code .clients}, {@code .throughputPerSecond};</li>
 *   <li>for the environment: {@code breaches.critical}, {@code breaches.warning}, {@code breaches.info} —
 *   FIRING breaches announced so far.</li>
 * </ul>
 */
public final class Evidence {

    private static final String ENVIRONMENT_WIDE = "breaches";

    private final Map<String, Map<String, Double>> byTarget = new LinkedHashMap<>();
    private final Map<String, Double> environmentWide = new LinkedHashMap<>();
    private final Map<String, Instant> completedAt = new LinkedHashMap<>();
    private final Map<String, MigrationProgress> latestProgress = new LinkedHashMap<>();
    private final List<UUID> eventIds = new ArrayList<>();

    /** Reads the events in the order they occurred: a later one of a kind replaces an earlier one. */
    public static Evidence of(Collection<CutoverEvent> events) {
        Evidence evidence = new Evidence();
        evidence.environmentWide.put("breaches.critical", 0.0);
        evidence.environmentWide.put("breaches.warning", 0.0);
        evidence.environmentWide.put("breaches.info", 0.0);
        events.forEach(evidence::add);
        return evidence;
    }

    private void add(CutoverEvent event) {
        if (event instanceof PhaseCompleted phase) {
            phase(phase);
        } else if (event instanceof BenchmarkCompleted benchmark) {
            benchmark(benchmark);
        } else if (event instanceof MigrationProgress progress) {
            latestProgress.put(progress.target(), progress);
            return; // progress is shown, not judged: it is not part of a decision's digest
        } else if (event instanceof MetricBreach breach && breach.state() == MetricBreach.State.FIRING) {
            environmentWide.merge("breaches." + breach.severity().name().toLowerCase(Locale.ROOT), 1.0, Double::sum);
        } else {
            return;
        }
        eventIds.add(event.eventId());
    }

    private void phase(PhaseCompleted event) {
        String phase = event.phase().name().toLowerCase(Locale.ROOT);
        completedAt.putIfAbsent(event.phase().name() + "/" + event.target(), event.occurredAt());
        Map<String, Double> values = target(event.target());
        values.keySet().removeIf(key -> key.startsWith(phase + "."));
        values.put(phase + ".succeeded", event.status() == PhaseStatus.SUCCEEDED ? 1.0 : 0.0);
        values.put(phase + ".durationMs", (double) event.durationMs());
        event.evidence().forEach((key, value) -> {
            Double number = number(value);
            if (number != null) {
                values.put(phase + "." + key, number);
            }
        });
        if (event.evidence().get("checks") instanceof List<?> checks) {
            long failed = checks.stream().filter(c -> c instanceof Map<?, ?> check && Boolean.FALSE.equals(check.get("passed"))).count();
            values.put(phase + ".failedChecks", (double) failed);
        } else if (event.status() == PhaseStatus.FAILED) {
            values.put(phase + ".failedChecks", 1.0);
        } else {
            values.put(phase + ".failedChecks", 0.0);
        }
    }

    private void benchmark(BenchmarkCompleted event) {
        Map<String, Double> values = target(event.target());
        if (event.baselineId() != null) {
            values.keySet().removeIf(key -> key.startsWith("benchmark."));
            long regressed = 0;
            for (BenchmarkCompleted.QuerySummary query : event.queries()) {
                String prefix = "benchmark." + query.queryId() + ".";
                values.put(prefix + "p50Ms", query.p50Ms());
                values.put(prefix + "p95Ms", query.p95Ms());
                values.put(prefix + "p99Ms", query.p99Ms());
                values.put(prefix + "errors", (double) query.errors());
                if (query.relativeChange() != null) {
                    values.put(prefix + "improvementPercent", -100 * query.relativeChange());
                }
                regressed += "REGRESSED".equals(query.verdict()) ? 1 : 0;
            }
            values.put("benchmark.regressedQueries", (double) regressed);
            if (event.geometricMeanRatio() != null) {
                values.put("benchmark.geometricMeanRatio", event.geometricMeanRatio());
            }
        }
        BenchmarkCompleted.LoadTestSummary load = event.loadTest();
        if (load != null) {
            values.put("loadtest.meanMs", load.meanMs());
            values.put("loadtest.p95Ms", load.p95Ms());
            values.put("loadtest.p99Ms", load.p99Ms());
            values.put("loadtest.errorPercent", 100 * load.errorRate());
            values.put("loadtest.clients", (double) load.clients());
            values.put("loadtest.throughputPerSecond", load.throughputPerSecond());
        }
    }

    private Map<String, Double> target(String name) {
        return byTarget.computeIfAbsent(name == null ? "" : name, t -> new LinkedHashMap<>());
    }

    private static Double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        return null;
    }

    /** Targets that reported anything in this environment, in the order they first did. */
    public Set<String> targets() {
        return byTarget.keySet();
    }

    public static boolean isEnvironmentWide(String name) {
        return name.startsWith(ENVIRONMENT_WIDE + ".");
    }

    /** The value of {@code name} on {@code target} (environment-wide names ignore the target); null when not measured. */
    public Double value(String name, String target) {
        if (isEnvironmentWide(name)) {
            return environmentWide.get(name);
        }
        Map<String, Double> values = byTarget.get(target);
        return values == null ? null : values.get(name);
    }

    /** True when {@code phase} has completed (either way) on the target. */
    public boolean completed(Phase phase, String target) {
        return completedAt.containsKey(phase.name() + "/" + target);
    }

    public boolean anyCompleted(Phase phase) {
        return firstCompletion(phase).isPresent();
    }

    /** When {@code phase} first completed on any target of the environment. */
    public Optional<Instant> firstCompletion(Phase phase) {
        return completedAt.entrySet().stream().filter(e -> e.getKey().startsWith(phase.name() + "/"))
                .map(Map.Entry::getValue).min(Instant::compareTo);
    }

    /** When {@code phase} had completed on every one of the targets; empty while one has not. */
    public Optional<Instant> completionOnAll(Phase phase, Collection<String> targets) {
        if (targets.isEmpty() || !targets.stream().allMatch(t -> completed(phase, t))) {
            return Optional.empty();
        }
        return targets.stream().map(t -> completedAt.get(phase.name() + "/" + t)).max(Instant::compareTo);
    }

    /** The latest migration-progress of each target that reported one. */
    public Collection<MigrationProgress> latestProgress() {
        return latestProgress.values();
    }

    /** The events this evidence was read from: what a decision's digest covers. */
    public List<UUID> eventIds() {
        return List.copyOf(eventIds);
    }

    /** Everything measured, for people to read: target → name → value, plus the environment's own figures. */
    public Map<String, Map<String, Double>> asMap() {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        byTarget.forEach((target, values) -> all.put(target, Map.copyOf(values)));
        all.put("(environment)", Map.copyOf(environmentWide));
        return all;
    }
}
