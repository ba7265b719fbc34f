package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class AlertGroupRepository implements PanacheRepository<AlertGroup> {

    /** The open group with this key, locked: the consumer and the flusher never update a group at once. */
    public Optional<AlertGroup> openForUpdate(String key) {
        return find("key = ?1 and status = ?2", key, AlertGroup.Status.OPEN).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public Optional<AlertGroup> forUpdate(long id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Groups whose message or escalation is due; ids only, each is then locked on its own. */
    public List<Long> due(Instant now) {
        return getEntityManager().createQuery("select g.id from AlertGroup g where g.nextFlushAt <= :now"
                + " or (g.nextEscalationAt <= :now and g.acknowledgedAt is null) order by g.id", Long.class)
                .setParameter("now", now).getResultList();
    }
}
