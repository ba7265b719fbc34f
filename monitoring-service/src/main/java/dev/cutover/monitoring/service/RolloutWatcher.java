package dev.cutover.monitoring.service;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.monitoring.client.MigrationClient;
import dev.cutover.monitoring.config.MonitoringConfig;
import dev.cutover.support.target.TargetDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Follows a rollout's phases on each target: PREFLIGHT succeeded → watch the target (with its plan's
 * alert rule overrides); FINGERPRINT
 * succeeded (APPLY comes next) in a guarded environment → open the guarded window; ROLLBACK or
 * FINALISE → stop watching.
 */
@ApplicationScoped
public class RolloutWatcher {

    private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);

    private final WatchService watches;
    private final MigrationClient migration;
    private final MonitoringConfig config;

    public RolloutWatcher(WatchService watches, @RestClient MigrationClient migration, MonitoringConfig config) {
        this.watches = watches;
        this.migration = migration;
        this.config = config;
    }

    public void onPhase(PhaseCompleted event) {
        if (event.phase() == Phase.PREFLIGHT && event.status() == PhaseStatus.SUCCEEDED) {
            startWatching(event);
        } else if (event.phase() == Phase.FINGERPRINT && event.status() == PhaseStatus.SUCCEEDED
                && config.guardedEnvironments().contains(event.environment())) {
            watch(event).ifPresent(id -> watches.guard(id, true, null));
        } else if (event.phase() == Phase.ROLLBACK || (event.phase() == Phase.FINALISE && event.status() == PhaseStatus.SUCCEEDED)) {
            watch(event).ifPresent(watches::stop);
        }
    }

    private void startWatching(PhaseCompleted event) {
        if (watch(event).isPresent()) {
            return;
        }
        MigrationClient.Rollout rollout;
        try {
            // outside the consumer's transaction: a failed REST call inside it left the client's thread in
            // the transaction, which then could not commit, and the event was retried until the channel stopped
            rollout = QuarkusTransaction.suspendingExisting().call(() -> migration.rollout(event.rolloutId()));
        } catch (RuntimeException e) {
            // the watch can still be started over REST; blocking the topic on it would stop every later event
            LOG.errorf("cannot watch %s/%s of rollout %s: migration-service did not say where it is: %s",
                    event.environment(), event.target(), event.rolloutId(), e.getMessage());
            return;
        }
        Optional<TargetDatabase> target = rollout.environments().stream()
                .filter(e -> e.name().equals(event.environment()))
                .flatMap(e -> e.targets().stream())
                .filter(t -> t.name().equals(event.target()))
                .findFirst();
        if (target.isEmpty()) {
            LOG.errorf("rollout %s has no target %s/%s", event.rolloutId(), event.environment(), event.target());
            return;
        }
        watches.startFromEvents(event.rolloutId(), event.environment(), target.get(), rollout.ruleOverrides());
        LOG.infof("watching %s/%s of rollout %s from %s", event.environment(), event.target(), event.rolloutId(), Instant.now());
    }

    private Optional<java.util.UUID> watch(PhaseCompleted event) {
        return watches.activeWatch(event.rolloutId(), event.environment(), event.target());
    }
}
