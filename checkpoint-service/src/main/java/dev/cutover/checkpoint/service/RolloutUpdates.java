package dev.cutover.checkpoint.service;

import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells open dashboards that a rollout changed (an event joined its timeline, a sign-off, a window
 * tick), after the change committed, so what they fetch next includes it.
 */
@ApplicationScoped
public class RolloutUpdates {

    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();

    public void changed(UUID rolloutId) {
        changes.onNext(rolloutId);
    }

    public Multi<UUID> of(UUID rolloutId) {
        return changes.filter(rolloutId::equals);
    }
}
