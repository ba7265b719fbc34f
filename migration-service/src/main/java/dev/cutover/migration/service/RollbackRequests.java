package dev.cutover.migration.service;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rollouts asked to roll back, checked by running steps at their safe points. The request is also
 * stored on the rollout, so a restart honours it; this is the fast path for the running thread.
 */
@ApplicationScoped
public class RollbackRequests {

    private final Set<UUID> requested = ConcurrentHashMap.newKeySet();

    public void mark(UUID rolloutId) {
        requested.add(rolloutId);
    }

    public boolean isRequested(UUID rolloutId) {
        return requested.contains(rolloutId);
    }

    public void clear(UUID rolloutId) {
        requested.remove(rolloutId);
    }
}
