package dev.cutover.migration.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.Phase;
import dev.cutover.migration.client.CheckpointClient;
import dev.cutover.migration.config.MigrationConfig;
import dev.cutover.migration.repository.CheckpointGate;
import dev.cutover.migration.repository.CheckpointGateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pauses of a rollout: after a phase has run on the targets of a wave, the checkpoints that open
 * there (as checkpoint-service defines them for the rollout) are awaited until
 * {@code checkpoint-decided} says GO or ACCEPT; CONDITIONAL waits on for its acceptance; NO-GO and
 * ROLLBACK refuse. Decisions are stored as they arrive, so a restarted service waits on where it
 * stopped, and one announced before the rollout got there lets it pass at once.
 */
@ApplicationScoped
public class CheckpointGates {

    private static final Logger LOG = Logger.getLogger(CheckpointGates.class);
    private static final Duration REMIND_EVERY = Duration.ofSeconds(30);

    private final CheckpointClient checkpoints;
    private final CheckpointGateRepository gates;
    private final RollbackRequests rollbacks;
    private final MigrationConfig config;

    public CheckpointGates(@RestClient CheckpointClient checkpoints, CheckpointGateRepository gates, RollbackRequests rollbacks,
            MigrationConfig config) {
        this.checkpoints = checkpoints;
        this.gates = gates;
        this.rollbacks = rollbacks;
        this.config = config;
    }

    /** A checkpoint-decided announcement; called in the consumer's transaction. */
    public void decided(CheckpointDecided event) {
        CheckpointGate gate = gates.of(event.rolloutId(), event.checkpoint(), event.environment());
        gate.decision = event.decision().name();
        gate.summary = event.summary();
        gate.decidedAt = event.occurredAt();
        LOG.infof("rollout %s: %s", event.rolloutId(), event.summary());
    }

    /** Whether an acceptance checkpoint (stability) of the rollout decided ACCEPT. */
    public boolean accepted(UUID rolloutId) {
        return QuarkusTransaction.requiringNew().call(() -> gates.ofRollout(rolloutId).stream()
                .anyMatch(gate -> "ACCEPT".equals(gate.decision)));
    }

    /**
     * Waits at every checkpoint that opens once {@code phase} completed on {@code targetsSoFar} of
     * {@code environment}. Returns why the rollout must roll back (a refusal), or empty when it may
     * go on; a rollback asked for meanwhile ends the wait too (the caller sees the request).
     */
    public Optional<String> await(UUID rolloutId, String environment, Phase phase, List<String> targetsSoFar) {
        if (!config.checkpointGates()) {
            return Optional.empty();
        }
        for (CheckpointClient.Checkpoint checkpoint : definitions(rolloutId)) {
            if (!checkpoint.opensAfter(environment, phase, targetsSoFar)) {
                continue;
            }
            Optional<String> refusal = awaitDecision(rolloutId, checkpoint);
            if (refusal.isPresent() || rollbacks.isRequested(rolloutId)) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * The rollout's checkpoints. checkpoint-service defines them at the rollout's first event (its
     * own or the defaults), so an empty list only means it has not caught up yet: ask again, as when
     * it is down.
     */
    private List<CheckpointClient.Checkpoint> definitions(UUID rolloutId) {
        Instant remindAt = Instant.now();
        while (!rollbacks.isRequested(rolloutId)) {
            String problem;
            try {
                List<CheckpointClient.Checkpoint> defined = checkpoints.checkpoints(rolloutId);
                if (!defined.isEmpty()) {
                    return defined;
                }
                problem = "checkpoint-service has no checkpoints for it yet";
            } catch (RuntimeException e) {
                problem = "checkpoint-service did not answer: " + e.getMessage();
            }
            if (!Instant.now().isBefore(remindAt)) {
                LOG.warnf("rollout %s: waiting to learn its checkpoints; %s", rolloutId, problem);
                remindAt = Instant.now().plus(REMIND_EVERY);
            }
            pause();
        }
        return List.of();
    }

    private Optional<String> awaitDecision(UUID rolloutId, CheckpointClient.Checkpoint checkpoint) {
        QuarkusTransaction.requiringNew().run(() -> gates.awaiting(rolloutId, checkpoint.name(), checkpoint.environment()));
        Instant since = Instant.now();
        Instant remindAt = since;
        while (!rollbacks.isRequested(rolloutId)) {
            // created by awaiting() above: each look is a read
            CheckpointGate gate = QuarkusTransaction.requiringNew().call(() -> gates.find(rolloutId, checkpoint.name())).orElseThrow();
            if (gate.passed()) {
                LOG.infof("rollout %s: passed %s after %d ms", rolloutId, gate.summary,
                        Duration.between(since, Instant.now()).toMillis());
                return Optional.empty();
            }
            if (gate.refused()) {
                return Optional.of("checkpoint " + gate.summary);
            }
            if (!Instant.now().isBefore(remindAt)) {
                LOG.infof("rollout %s: paused at %s on %s (%s) until it is decided", rolloutId, checkpoint.name(),
                        checkpoint.environment(), gate.decision == null ? "not decided yet" : gate.summary);
                remindAt = Instant.now().plus(REMIND_EVERY);
            }
            pause();
        }
        return Optional.empty();
    }

    private void pause() {
        try {
            Thread.sleep(config.checkpointPoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting at a checkpoint", e);
        }
    }
}
