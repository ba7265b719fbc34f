package dev.cutover.migration.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cutover.events.Phase;
import dev.cutover.events.PhaseStatus;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PhaseRunRepository implements PanacheRepository<PhaseRun> {

    public List<PhaseRun> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by id", rolloutId);
    }

    /** The latest successful run of a phase on one target, if any. */
    public Optional<PhaseRun> lastSucceeded(UUID rolloutId, String environment, String target, Phase phase) {
        return find("rolloutId = ?1 and environment = ?2 and target = ?3 and phase = ?4 and status = ?5 order by id desc",
                rolloutId, environment, target, phase, PhaseStatus.SUCCEEDED).firstResultOptional();
    }
}
