package dev.cutover.migration.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CheckpointGateRepository implements PanacheRepository<CheckpointGate> {

    public List<CheckpointGate> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by id", rolloutId);
    }

    /** The row of one checkpoint, created when neither the gate nor a decision made it yet. Call in a transaction. */
    public CheckpointGate of(UUID rolloutId, String checkpoint, String environment) {
        // the decision consumer and the waiting rollout may both create it: let the unique key pick one
        getEntityManager().createNativeQuery("INSERT INTO checkpoint_gate (rollout_id, checkpoint, environment) "
                + "VALUES (?1, ?2, ?3) ON CONFLICT (rollout_id, checkpoint) DO NOTHING")
                .setParameter(1, rolloutId).setParameter(2, checkpoint).setParameter(3, environment).executeUpdate();
        return find("rolloutId = ?1 and checkpoint = ?2", rolloutId, checkpoint).singleResult();
    }

    /** The row of one checkpoint, if the gate or a decision made it. */
    public Optional<CheckpointGate> find(UUID rolloutId, String checkpoint) {
        return find("rolloutId = ?1 and checkpoint = ?2", rolloutId, checkpoint).firstResultOptional();
    }

    public void awaiting(UUID rolloutId, String checkpoint, String environment) {
        CheckpointGate gate = of(rolloutId, checkpoint, environment);
        if (gate.awaitedSince == null) {
            gate.awaitedSince = Instant.now();
        }
    }
}
