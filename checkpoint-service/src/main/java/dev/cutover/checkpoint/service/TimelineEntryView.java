package dev.cutover.checkpoint.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.cutover.checkpoint.repository.TimelineEntry;

public record TimelineEntryView(UUID eventId, Instant occurredAt, String topic, String environment, String target,
        String phase, String status, Long durationMs, String summary, @JsonRawValue String event) {

    static TimelineEntryView of(TimelineEntry entry) {
        return new TimelineEntryView(entry.eventId, entry.occurredAt, entry.topic, entry.environment, entry.target,
                entry.phase, entry.status, entry.durationMs, entry.summary, entry.payload);
    }
}
