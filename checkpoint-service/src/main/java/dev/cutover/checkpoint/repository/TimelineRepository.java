package dev.cutover.checkpoint.repository;

import java.util.List;
import java.util.UUID;

import dev.cutover.events.Topics;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    public List<TimelineEntry> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by occurredAt, id", rolloutId);
    }

    /** Rollouts by their latest event, newest first: id, first and latest event time, event count. */
    public List<Object[]> rollouts(int limit) {
        return getEntityManager().createQuery("select t.rolloutId, min(t.occurredAt), max(t.occurredAt), count(t) from TimelineEntry t"
                + " group by t.rolloutId order by max(t.occurredAt) desc", Object[].class).setMaxResults(limit).getResultList();
    }

    public TimelineEntry latestOf(UUID rolloutId) {
        return find("rolloutId = ?1 order by occurredAt desc, id desc", rolloutId).firstResult();
    }

    /** What a checkpoint's evidence is read from: one environment's phase, progress, benchmark and breach events. */
    public List<TimelineEntry> evidenceOf(UUID rolloutId, String environment) {
        return list("rolloutId = ?1 and environment = ?2 and topic in ?3 order by occurredAt, id", rolloutId, environment,
                List.of(Topics.PHASE_COMPLETED, Topics.MIGRATION_PROGRESS, Topics.BENCHMARK_COMPLETED, Topics.METRIC_BREACH));
    }
}
