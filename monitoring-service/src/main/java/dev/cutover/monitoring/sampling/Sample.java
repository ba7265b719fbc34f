package dev.cutover.monitoring.sampling;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import dev.cutover.support.rule.Metric;

/** What one sample of a target measured; metrics it could not measure are absent. */
public record Sample(Instant takenAt, Map<Metric, Double> metrics, String error) {

    public static Sample of(Instant takenAt, Map<Metric, Double> metrics) {
        return new Sample(takenAt, Collections.unmodifiableMap(new EnumMap<>(metrics)), null);
    }

    /** The target could not be reached: only target_up is known. */
    public static Sample unreachable(Instant takenAt, String error) {
        return new Sample(takenAt, Map.of(Metric.TARGET_UP, 0.0), error);
    }

    public OptionalDouble value(Metric metric) {
        Double value = metrics.get(metric);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public boolean reachable() {
        return error == null;
    }

    /** The metrics by their rule names, as stored and served. */
    public Map<String, Double> byKey() {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((metric, value) -> {
            if (!value.isNaN()) {
                out.put(metric.key(), value);
            }
        });
        return out;
    }
}
