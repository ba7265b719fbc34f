package dev.cutover.migration.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StepRunRepository implements PanacheRepositoryBase<StepRun, StepRun.Key> {

    public List<StepRun> ofTarget(UUID rolloutId, String environment, String target) {
        return list("rolloutId = ?1 and environment = ?2 and target = ?3 order by stepIndex", rolloutId, environment,
                target);
    }

    public List<StepRun> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by environment, target, stepIndex", rolloutId);
    }
}
