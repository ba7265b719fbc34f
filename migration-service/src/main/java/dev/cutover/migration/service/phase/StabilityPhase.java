package dev.cutover.migration.service.phase;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.service.RollbackRequests;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * STABILITY: the wave, applied, runs under monitoring for the environment's {@code stabilitySeconds}
 * before the checkpoints after STABILITY (CP4) decide ACCEPT or ROLLBACK. A rollback asked for
 * meanwhile (a breach, a person) ends the watch at once. Every target of a wave watches at the same
 * time: the watch is the wave's, not a target's work.
 */
@ApplicationScoped
public class StabilityPhase implements RolloutPhase {

    private static final Duration LOOK_EVERY = Duration.ofMillis(250);

    private final RollbackRequests rollbacks;

    public StabilityPhase(RollbackRequests rollbacks) {
        this.rollbacks = rollbacks;
    }

    @Override
    public Phase phase() {
        return Phase.STABILITY;
    }

    @Override
    public boolean appliesTo(PhaseRequest request) {
        return request.changesSchema() && request.environment().watchesStability();
    }

    @Override
    public boolean spansWave() {
        return true;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Duration planned = Duration.ofSeconds(request.environment().stabilitySeconds());
        Instant end = started.plus(planned);
        try {
            while (Instant.now().isBefore(end) && !rollbacks.isRequested(request.rolloutId())) {
                Thread.sleep(Math.min(LOOK_EVERY.toMillis(), Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the stability watch", e);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        double watched = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        evidence.put("plannedSeconds", planned.toSeconds());
        evidence.put("watchedSeconds", watched);
        if (rollbacks.isRequested(request.rolloutId())) {
            return PhaseOutcome.failed(started, evidence, "a rollback was requested after " + watched + " s of the watch");
        }
        return PhaseOutcome.succeeded(started, evidence);
    }
}
