package dev.cutover.monitoring.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WatchRepository implements PanacheRepositoryBase<Watch, UUID> {

    public List<Watch> active() {
        return list("status", Watch.Status.ACTIVE);
    }

    public Optional<Watch> activeFor(UUID rolloutId, String environment, String target) {
        return find("rolloutId = ?1 and environment = ?2 and targetName = ?3 and status = ?4",
                rolloutId, environment, target, Watch.Status.ACTIVE).firstResultOptional();
    }

    public List<Watch> activeFor(UUID rolloutId, String environment) {
        return environment == null
                ? list("rolloutId = ?1 and status = ?2", rolloutId, Watch.Status.ACTIVE)
                : list("rolloutId = ?1 and environment = ?2 and status = ?3", rolloutId, environment, Watch.Status.ACTIVE);
    }

    public List<Watch> recent(UUID rolloutId, boolean activeOnly, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (rolloutId != null) {
            query.append(" and rolloutId = :rollout");
            params.put("rollout", rolloutId);
        }
        if (activeOnly) {
            query.append(" and status = :status");
            params.put("status", Watch.Status.ACTIVE);
        }
        return find(query + " order by startedAt desc", params).page(0, limit).list();
    }
}
