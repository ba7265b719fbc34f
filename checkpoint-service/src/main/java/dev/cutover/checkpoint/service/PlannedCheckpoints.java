package dev.cutover.checkpoint.service;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.cutover.checkpoint.client.MigrationClient;
import dev.cutover.checkpoint.config.CheckpointConfig;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CheckpointDefinitions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

/**
 * The checkpoints a rollout starts with: those of its plan, else the planning documents' CP1–CP4
 * ({@link CheckpointDefinitions#defaults()}). migration-service validated the plan's at
 * submission. When it cannot be asked, this throws, so the event that needs the answer is retried
 * instead of the rollout silently getting other checkpoints than it planned.
 */
@ApplicationScoped
public class PlannedCheckpoints {

    private static final Logger LOG = Logger.getLogger(PlannedCheckpoints.class);

    private final MigrationClient migration;
    private final CheckpointConfig config;

    public PlannedCheckpoints(@RestClient MigrationClient migration, CheckpointConfig config) {
        this.migration = migration;
        this.config = config;
    }

    /** The rollout's checkpoints, who defined them ({@code plan} or {@code defaults}), who submitted it (null: unknown). */
    public record Planned(List<CheckpointDefinition> definitions, String source, String submittedBy) {
    }

    public Planned of(UUID rolloutId) {
        MigrationClient.Rollout rollout = config.checkpointsFromPlans() ? fromPlan(rolloutId) : null;
        String submittedBy = rollout == null ? null : rollout.submittedBy();
        if (rollout != null && rollout.plannedCheckpoints() != null && !rollout.plannedCheckpoints().isEmpty()) {
            return new Planned(rollout.plannedCheckpoints(), "plan", submittedBy);
        }
        return new Planned(CheckpointDefinitions.defaults(), "defaults", submittedBy);
    }

    /**
     * Outside the caller's transaction: the REST client finishes on another thread, and a failed call
     * inside a JTA transaction left that thread in it, so the transaction could not commit.
     */
    private MigrationClient.Rollout fromPlan(UUID rolloutId) {
        return QuarkusTransaction.suspendingExisting().call(() -> askMigrationService(rolloutId));
    }

    /** Null when migration-service does not know the rollout. */
    private MigrationClient.Rollout askMigrationService(UUID rolloutId) {
        try {
            return migration.rollout(rolloutId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                LOG.infof("rollout %s is unknown to migration-service: the default checkpoints apply", rolloutId);
                return null;
            }
            throw new IllegalStateException("migration-service answered " + e.getResponse().getStatus()
                    + " when asked for the checkpoints of rollout " + rolloutId, e);
        }
    }
}
