package dev.cutover.migration.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RolloutRepository implements PanacheRepositoryBase<Rollout, UUID> {

    public List<Rollout> inProgress() {
        return list("status in ?1", List.of(Rollout.Status.RUNNING, Rollout.Status.ROLLING_BACK));
    }

    public List<Rollout> recent(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }
}
