package dev.cutover.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Topic names, their partition counts and the event record each one carries. */
public final class Topics {

    public static final String PHASE_COMPLETED = "phase-completed";
    public static final String MIGRATION_PROGRESS = "migration-progress";
    public static final String BENCHMARK_COMPLETED = "benchmark-completed";
    public static final String METRIC_BREACH = "metric-breach";
    public static final String ROLLBACK_REQUESTED = "rollback-requested";
    public static final String CHECKPOINT_DECIDED = "checkpoint-decided";
    public static final String CUTOVER_WINDOW = "cutover-window";
    public static final String NOTIFICATIONS = "notifications";

    private static final Map<String, Class<? extends CutoverEvent>> EVENT_TYPES = Map.of(
            PHASE_COMPLETED, PhaseCompleted.class,
            MIGRATION_PROGRESS, MigrationProgress.class,
            BENCHMARK_COMPLETED, BenchmarkCompleted.class,
            METRIC_BREACH, MetricBreach.class,
            ROLLBACK_REQUESTED, RollbackRequested.class,
            CHECKPOINT_DECIDED, CheckpointDecided.class,
            CUTOVER_WINDOW, CutoverWindow.class,
            NOTIFICATIONS, Notification.class);

    private static final Map<String, Integer> PARTITIONS = loadPartitions();

    private Topics() {
    }

    /** Every topic with its partition count, in declaration order (from topics.properties, shared with bin/cutover). */
    public static Map<String, Integer> partitions() {
        return PARTITIONS;
    }

    public static Class<? extends CutoverEvent> eventType(String topic) {
        Class<? extends CutoverEvent> type = EVENT_TYPES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("unknown topic '" + topic + "'; known: " + PARTITIONS.keySet());
        }
        return type;
    }

    static String topicOf(Class<?> eventType) {
        return EVENT_TYPES.entrySet().stream()
                .filter(e -> e.getValue() == eventType)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + eventType.getName()));
    }

    private static Map<String, Integer> loadPartitions() {
        try (InputStream in = Topics.class.getResourceAsStream("topics.properties")) {
            if (in == null) {
                throw new IllegalStateException("topics.properties missing from the events jar");
            }
            // Properties loses order; read the lines ourselves so the declared order is kept.
            Map<String, Integer> ordered = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("=", 2);
                ordered.put(parts[0].strip(), Integer.parseInt(parts[1].strip()));
            }
            if (!ordered.keySet().equals(EVENT_TYPES.keySet())) {
                throw new IllegalStateException("topics.properties " + ordered.keySet()
                        + " does not match the event records' topics " + EVENT_TYPES.keySet());
            }
            return Collections.unmodifiableMap(ordered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
