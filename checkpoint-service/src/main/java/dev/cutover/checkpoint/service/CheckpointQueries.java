package dev.cutover.checkpoint.service;

import java.util.List;
import java.util.UUID;

import dev.cutover.checkpoint.repository.AuditEntry;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.CheckpointRepository;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reading checkpoints, their evidence, sign-offs and audit trail. */
@ApplicationScoped
public class CheckpointQueries {

    private final CheckpointRepository checkpoints;

    public CheckpointQueries(CheckpointRepository checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Transactional
    public List<CheckpointView> search(UUID rolloutId, CheckpointRecord.Status status, int limit) {
        return checkpoints.search(rolloutId, status, limit).stream().map(this::view).toList();
    }

    @Transactional
    public CheckpointView get(UUID id) {
        return view(found(id));
    }

    @Transactional
    public List<AuditEntry> audit(UUID id) {
        found(id);
        return checkpoints.auditOf(id);
    }

    CheckpointView view(CheckpointRecord record) {
        CheckpointDefinition definition = CheckpointService.definition(record);
        var policy = definition.signOffPolicy();
        List<String> asked = new java.util.ArrayList<>(policy.requiredRoles());
        asked.addAll(policy.optionalRoles());
        return new CheckpointView(record.id, record.rolloutId, record.name, record.environment, record.status, record.decision,
                policy.label(), List.copyOf(asked), definition.conditionalAcceptor(), CheckpointService.criteria(record),
                CheckpointService.evidenceMap(record), record.evidenceDigest,
                checkpoints.signOffsOf(record.id).stream().map(CheckpointView.SignOff::of).toList(), record.acceptedBy,
                record.acceptedReason, record.createdAt, record.openedAt, record.decidedAt, CheckpointView.Window.of(record), definition);
    }

    private CheckpointRecord found(UUID id) {
        CheckpointRecord record = checkpoints.findById(id);
        if (record == null) {
            throw ProblemException.notFound("no checkpoint " + id);
        }
        return record;
    }
}
