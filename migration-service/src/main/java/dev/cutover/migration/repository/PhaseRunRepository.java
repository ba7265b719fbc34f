package dev.cutover.migration.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PhaseRunRepository implements PanacheRepository<PhaseRun> {

    public List<PhaseRun> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by id", rolloutId);
    }
}
