package dev.cutover.monitoring.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cutover.events.MetricBreach;
import dev.cutover.events.RollbackRequested;
import dev.cutover.monitoring.alert.AlertEvaluator;
import dev.cutover.monitoring.alert.AlertState;
import dev.cutover.monitoring.repository.AlertStateRecord;
import dev.cutover.monitoring.repository.Breach;
import dev.cutover.monitoring.repository.SampleStore;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.sampling.Sample;
import dev.cutover.support.outbox.Outbox;
import dev.cutover.support.rule.CompiledRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Stores what one evaluation of a watch found, in one transaction: the sample, the alert states
 * that changed, a breach row and a metric-breach event per FIRED or RESOLVED, and — for a rollback
 * trigger firing in a guarded window — one rollback-requested per rollout, whatever fires after.
 */
@ApplicationScoped
public class AlertRecorder {

    private static final Logger LOG = Logger.getLogger(AlertRecorder.class);

    /** The watch as the events describe it. */
    public record WatchIdentity(UUID watchId, UUID rolloutId, String environment, String target) {
    }

    /** One rule's evaluation whose state changed. */
    public record Evaluated(CompiledRule rule, AlertState before, AlertEvaluator.Step step) {
    }

    private final EntityManager entityManager;
    private final SampleStore samples;
    private final Outbox outbox;

    public AlertRecorder(EntityManager entityManager, SampleStore samples, Outbox outbox) {
        this.entityManager = entityManager;
        this.samples = samples;
        this.outbox = outbox;
    }

    /** @param newBaseline the probe p95 just taken as the watch's baseline, or null */
    @Transactional
    public void record(WatchIdentity watch, boolean guarded, Sample sample, List<Evaluated> changed, Double newBaseline) {
        samples.add(watch.watchId(), sample.takenAt(), sample.byKey(), sample.error());
        if (newBaseline != null) {
            entityManager.find(Watch.class, watch.watchId()).baselineP95Ms = newBaseline;
        }
        for (Evaluated evaluated : changed) {
            store(watch.watchId(), evaluated.rule().name(), evaluated.step().state());
            if (evaluated.step().change() != AlertEvaluator.Change.NONE) {
                announce(watch, guarded, sample.takenAt(), evaluated);
            }
        }
    }

    private void store(UUID watchId, String rule, AlertState state) {
        AlertStateRecord.Key key = new AlertStateRecord.Key(watchId, rule);
        AlertStateRecord record = entityManager.find(AlertStateRecord.class, key);
        if (record == null) {
            record = new AlertStateRecord();
            record.key = key;
            record.set(state);
            entityManager.persist(record);
        } else {
            record.set(state);
        }
    }

    private void announce(WatchIdentity watch, boolean guarded, Instant now, Evaluated evaluated) {
        CompiledRule rule = evaluated.rule();
        boolean fired = evaluated.step().change() == AlertEvaluator.Change.FIRED;
        AlertState episode = fired ? evaluated.step().state() : evaluated.before();
        MetricBreach event = new MetricBreach(UUID.randomUUID(), watch.rolloutId(), now, MetricBreach.SCHEMA_VERSION,
                watch.environment(), watch.target(), rule.name(), rule.rule().severity(),
                fired ? MetricBreach.State.FIRING : MetricBreach.State.RESOLVED, episode.value(),
                rule.expression().threshold(), episode.activeAt(), rule.rule().triggersRollback());
        entityManager.persist(Breach.of(watch.watchId(), event));
        outbox.publish(event);
        LOG.infof("%s", event.summary());
        if (fired && guarded && rule.rule().triggersRollback()) {
            requestRollbackOnce(watch, event);
        }
    }

    private void requestRollbackOnce(WatchIdentity watch, MetricBreach cause) {
        RollbackRequested request = new RollbackRequested(UUID.randomUUID(), watch.rolloutId(), cause.occurredAt(),
                RollbackRequested.SCHEMA_VERSION, watch.environment(), "monitoring-service", cause.summary(), cause.eventId());
        int inserted = entityManager.createNativeQuery(
                        "INSERT INTO rollback_request (rollout_id, environment, rule, breach_event_id, event_id, requested_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (rollout_id) DO NOTHING")
                .setParameter(1, watch.rolloutId())
                .setParameter(2, watch.environment())
                .setParameter(3, cause.rule())
                .setParameter(4, cause.eventId())
                .setParameter(5, request.eventId())
                .setParameter(6, java.sql.Timestamp.from(cause.occurredAt()))
                .executeUpdate();
        if (inserted == 1) {
            outbox.publish(request);
            LOG.warnf("rollback requested for rollout %s: %s", watch.rolloutId(), cause.summary());
        }
    }

    /** The persisted states of a watch's rules (absent rules are INACTIVE). */
    @Transactional
    public Map<String, AlertState> states(UUID watchId) {
        return entityManager.createQuery("from AlertStateRecord where key.watchId = :watch", AlertStateRecord.class)
                .setParameter("watch", watchId)
                .getResultStream()
                .collect(java.util.stream.Collectors.toMap(r -> r.key.rule(), AlertStateRecord::state));
    }
}
