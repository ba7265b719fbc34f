package dev.cutover.checkpoint.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.SignOffRecord;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.support.checkpoint.CheckpointDefinition;

/**
 * A checkpoint as REST shows it: its definition, where it stands, every criterion with its measured
 * value and threshold, the evidence they were read from, its digest (what a signer confirms having
 * seen), and the sign-offs so far.
 */
public record CheckpointView(UUID id, UUID rolloutId, String name, String environment, CheckpointRecord.Status status,
                             String decision, String signOffsRequired, List<String> rolesAsked, String conditionalAcceptor,
                             List<CheckpointDecided.Criterion> criteria, Map<String, Map<String, Double>> evidence,
                             String evidenceDigest, List<SignOff> signOffs, String acceptedBy, String acceptedReason,
                             Instant createdAt, Instant openedAt, Instant decidedAt, Window window,
                             CheckpointDefinition definition) {

    /** The cutover window the checkpoint guards: when it opened, was assessed and ended, and how (CLOSED or HARD_STOP). */
    public record Window(Instant openedAt, Instant assessedAt, Instant endedAt, String outcome) {

        static Window of(CheckpointRecord record) {
            return record.windowOpenedAt == null ? null
                    : new Window(record.windowOpenedAt, record.windowAssessedAt, record.windowEndedAt, record.windowOutcome);
        }
    }

    public record SignOff(String signer, String role, boolean approved, String comment, String evidenceDigest, Instant signedAt) {

        static SignOff of(SignOffRecord record) {
            return new SignOff(record.signer, record.role, record.approved, record.comment, record.evidenceDigest, record.signedAt);
        }
    }
}
