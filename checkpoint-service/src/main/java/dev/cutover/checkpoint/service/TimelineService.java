package dev.cutover.checkpoint.service;

import java.util.List;
import java.util.UUID;

import dev.cutover.checkpoint.repository.TimelineEntry;
import dev.cutover.checkpoint.repository.TimelineRepository;
import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.CutoverEvent;
import dev.cutover.events.CutoverWindow;
import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.RollbackRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Keeps each rollout's timeline from the events that describe it. */
@ApplicationScoped
public class TimelineService {

    private final TimelineRepository timeline;

    public TimelineService(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    /** Called inside the consumer's transaction, once per event. */
    public void record(CutoverEvent event) {
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.eventId();
        entry.rolloutId = event.rolloutId();
        entry.occurredAt = event.occurredAt();
        entry.topic = event.topic();
        entry.summary = event.summary();
        entry.payload = EventJson.write(event);
        if (event instanceof PhaseCompleted phase) {
            entry.environment = phase.environment();
            entry.target = phase.target();
            entry.phase = phase.phase().name();
            entry.status = phase.status().name();
            entry.durationMs = phase.durationMs();
        } else if (event instanceof MetricBreach breach) {
            entry.environment = breach.environment();
            entry.target = breach.target();
            entry.status = breach.state().name();
        } else if (event instanceof CheckpointDecided decision) {
            entry.environment = decision.environment();
            entry.phase = decision.checkpoint();
            entry.status = decision.decision().name();
        } else if (event instanceof RollbackRequested rollback) {
            entry.environment = rollback.environment();
            entry.status = "REQUESTED";
        } else if (event instanceof MigrationProgress progress) {
            entry.environment = progress.environment();
            entry.target = progress.target();
            entry.phase = progress.phase().name();
            entry.status = "PROGRESS";
        } else if (event instanceof CutoverWindow window) {
            entry.environment = window.environment();
            entry.phase = window.checkpoint();
            entry.status = "WINDOW_" + window.state().name();
        } else if (event instanceof BenchmarkCompleted benchmark) {
            entry.environment = benchmark.environment();
            entry.target = benchmark.target();
            entry.status = "COMPLETED";
        }
        timeline.persist(entry);
    }

    @Transactional
    public List<RolloutSummary> rollouts(int limit) {
        return timeline.rollouts(limit).stream().map(row -> {
            UUID id = (UUID) row[0];
            return new RolloutSummary(id, (java.time.Instant) row[1], (java.time.Instant) row[2], (Long) row[3],
                    timeline.latestOf(id).summary);
        }).toList();
    }

    /** Empty until the rollout's first event arrives: this service learns of rollouts from events only. */
    @Transactional
    public List<TimelineEntryView> of(UUID rolloutId) {
        return timeline.ofRollout(rolloutId).stream().map(TimelineEntryView::of).toList();
    }
}
