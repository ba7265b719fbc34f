package dev.cutover.monitoring.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.MetricBreach;
import dev.cutover.events.Severity;
import dev.cutover.monitoring.alert.AlertState;
import dev.cutover.monitoring.repository.AlertStateRecord;
import dev.cutover.monitoring.repository.Breach;
import dev.cutover.monitoring.repository.Watch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Current alerts of the active watches, and the breach history. */
@ApplicationScoped
public class AlertQueries {

    /** An alert that is pending or firing now. */
    public record CurrentAlert(UUID watchId, UUID rolloutId, String environment, String target, String rule,
                               AlertState.Status status, Instant activeAt, Instant firedAt, Double value) {
    }

    /** A breach as the history shows it. */
    public record BreachView(UUID eventId, UUID watchId, UUID rolloutId, String environment, String target, String rule,
                             Severity severity, MetricBreach.State state, double value, double threshold, Instant since,
                             Instant occurredAt, boolean rollbackTrigger) {

        static BreachView of(Breach b) {
            return new BreachView(b.eventId, b.watchId, b.rolloutId, b.environment, b.targetName, b.rule, b.severity, b.state,
                    b.value, b.threshold, b.since, b.occurredAt, b.rollbackTrigger);
        }
    }

    private final EntityManager entityManager;

    public AlertQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public List<CurrentAlert> current(UUID rolloutId) {
        String query = "select s, w from AlertStateRecord s, Watch w where w.id = s.key.watchId and w.status = :active"
                + " and s.status <> :inactive" + (rolloutId == null ? "" : " and w.rolloutId = :rollout")
                + " order by s.activeAt";
        var typed = entityManager.createQuery(query, Object[].class)
                .setParameter("active", Watch.Status.ACTIVE)
                .setParameter("inactive", AlertState.Status.INACTIVE);
        if (rolloutId != null) {
            typed.setParameter("rollout", rolloutId);
        }
        return typed.getResultList().stream().map(row -> {
            AlertStateRecord s = (AlertStateRecord) row[0];
            Watch w = (Watch) row[1];
            return new CurrentAlert(w.id, w.rolloutId, w.environment, w.targetName, s.key.rule(), s.status, s.activeAt,
                    s.firedAt, s.value);
        }).toList();
    }

    @Transactional
    public List<BreachView> history(UUID rolloutId, Severity severity, Instant since, Instant until, int limit) {
        StringBuilder query = new StringBuilder("from Breach where occurredAt >= :since and occurredAt <= :until");
        Map<String, Object> params = new HashMap<>();
        params.put("since", since);
        params.put("until", until);
        if (rolloutId != null) {
            query.append(" and rolloutId = :rollout");
            params.put("rollout", rolloutId);
        }
        if (severity != null) {
            query.append(" and severity = :severity");
            params.put("severity", severity);
        }
        var typed = entityManager.createQuery(query + " order by occurredAt desc", Breach.class).setMaxResults(limit);
        params.forEach(typed::setParameter);
        return typed.getResultList().stream().map(BreachView::of).toList();
    }
}
