package dev.cutover.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on a Cutover topic carries. Records implement it, one per topic.
 *
 * <p>{@code eventId} makes consumers idempotent, {@code rolloutId} is the Kafka key (so one
 * rollout's events stay ordered), {@code schemaVersion} lets a consumer refuse a payload it does
 * not understand instead of misreading it.
 */
public sealed interface CutoverEvent
        permits PhaseCompleted, MigrationProgress, BenchmarkCompleted, MetricBreach,
        RollbackRequested, CheckpointDecided, CutoverWindow, Notification {

    UUID eventId();

    UUID rolloutId();

    Instant occurredAt();

    int schemaVersion();

    /** The topic this kind of event travels on. */
    default String topic() {
        return Topics.topicOf(getClass());
    }

    /** One line a person can read: what happened, where, and its key figures. */
    String summary();
}
