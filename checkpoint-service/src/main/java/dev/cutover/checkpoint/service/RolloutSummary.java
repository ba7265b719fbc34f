package dev.cutover.checkpoint.service;

import java.time.Instant;
import java.util.UUID;

/** A rollout as the timeline knows it: when its first and latest events happened, how many, and the latest one. */
public record RolloutSummary(UUID id, Instant firstEventAt, Instant lastEventAt, long events, String latest) {
}
