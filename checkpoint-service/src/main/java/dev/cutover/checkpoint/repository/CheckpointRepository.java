package dev.cutover.checkpoint.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class CheckpointRepository implements PanacheRepositoryBase<CheckpointRecord, UUID> {

    public List<CheckpointRecord> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 and status <> ?2 order by createdAt, name", rolloutId, CheckpointRecord.Status.SUPERSEDED);
    }

    /** Whether the rollout has checkpoints (superseded ones count: it had some). */
    public boolean anyOf(UUID rolloutId) {
        return count("rolloutId", rolloutId) > 0;
    }

    /** Serialises the first definition of a rollout's checkpoints (the consumer, a GET and a registration may race). */
    public void lockRollout(UUID rolloutId) {
        getEntityManager().createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:id, 0))) l")
                .setParameter("id", rolloutId.toString()).getSingleResult();
    }

    /** The rollout's undecided checkpoints in one environment, locked: events and sign-offs decide one at a time. */
    public List<CheckpointRecord> undecidedForUpdate(UUID rolloutId, String environment) {
        return find("rolloutId = ?1 and environment = ?2 and status in ?3 order by createdAt, name", rolloutId, environment,
                List.of(CheckpointRecord.Status.WAITING, CheckpointRecord.Status.OPEN, CheckpointRecord.Status.CONDITIONAL))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Undecided checkpoints whose cutover window is open, locked; one locked elsewhere is left for the next tick. */
    public List<CheckpointRecord> runningWindowsForUpdate() {
        return getEntityManager().createQuery(
                "from CheckpointRecord c where c.windowOpenedAt is not null and c.windowEndedAt is null and c.status in :undecided",
                CheckpointRecord.class)
                .setParameter("undecided", List.of(CheckpointRecord.Status.WAITING, CheckpointRecord.Status.OPEN, CheckpointRecord.Status.CONDITIONAL))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .getResultList();
    }

    public CheckpointRecord findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<CheckpointRecord> search(UUID rolloutId, CheckpointRecord.Status status, int limit) {
        StringBuilder query = new StringBuilder("status <> :superseded");
        var parameters = new java.util.HashMap<String, Object>();
        parameters.put("superseded", CheckpointRecord.Status.SUPERSEDED);
        if (rolloutId != null) {
            query.append(" and rolloutId = :rollout");
            parameters.put("rollout", rolloutId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status);
        }
        return find(query + " order by createdAt desc, name", parameters).page(0, limit).list();
    }

    public void audit(CheckpointRecord checkpoint, AuditEntry.Action action, String actor, String role, String digest, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.checkpointId = checkpoint.id;
        entry.rolloutId = checkpoint.rolloutId;
        entry.at = Instant.now();
        entry.action = action;
        entry.actor = actor;
        entry.role = role;
        entry.evidenceDigest = digest;
        entry.detail = detail;
        getEntityManager().persist(entry);
    }

    public List<AuditEntry> auditOf(UUID checkpointId) {
        return getEntityManager().createQuery("from AuditEntry a where a.checkpointId = :id order by a.id", AuditEntry.class)
                .setParameter("id", checkpointId).getResultList();
    }

    public List<SignOffRecord> signOffsOf(UUID checkpointId) {
        return getEntityManager().createQuery("from SignOffRecord s where s.checkpointId = :id order by s.id", SignOffRecord.class)
                .setParameter("id", checkpointId).getResultList();
    }
}
