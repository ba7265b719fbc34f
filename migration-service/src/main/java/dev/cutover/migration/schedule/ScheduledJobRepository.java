package dev.cutover.migration.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cutover.support.target.TargetDatabase;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class ScheduledJobRepository implements PanacheRepository<ScheduledJob>, JobRegistry {

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public ScheduledJob register(TargetDatabase target, String job, String cron, String command) {
        Instant now = Instant.now();
        ScheduledJob entity = byKey(target, job).orElseGet(ScheduledJob::new);
        entity.define(target, job, cron, command, now);
        if (entity.id == null) {
            entity.createdAt = now;
            persist(entity);
        }
        return entity;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<ScheduledJob> find(TargetDatabase target, String job) {
        return byKey(target, job);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean remove(TargetDatabase target, String job) {
        return delete("jdbcUrl = ?1 and job = ?2", target.jdbcUrl(), job) > 0;
    }

    public List<ScheduledJob> byTarget() {
        return list("order by targetName, job");
    }

    /**
     * Locks the job due first, skipping jobs another instance is running, within the caller's
     * transaction: the row stays locked until the run is recorded.
     */
    @SuppressWarnings("unchecked")
    Optional<ScheduledJob> claimDue(Instant now) {
        List<ScheduledJob> due = getEntityManager().createNativeQuery("SELECT * FROM scheduled_job"
                + " WHERE next_run_at <= :now ORDER BY next_run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", ScheduledJob.class)
                .setParameter("now", now)
                .getResultList();
        return due.stream().findFirst();
    }

    private Optional<ScheduledJob> byKey(TargetDatabase target, String job) {
        return find("jdbcUrl = ?1 and job = ?2", target.jdbcUrl(), job).firstResultOptional();
    }
}
