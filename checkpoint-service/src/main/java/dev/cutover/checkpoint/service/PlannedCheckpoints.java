package dev.cutover.checkpoint.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cutover.checkpoint.client.MigrationClient;
import dev.cutover.checkpoint.config.CheckpointConfig;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CheckpointDefinitions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

/**
 * The checkpoints a rollout starts with: those of its plan, else the planning documents' CP1–CP4
 * (the shipped {@code checkpoints/default.yaml}). migration-service validated the plan's at
 * submission. When it cannot be asked, this throws, so the event that needs the answer is retried
 * instead of the rollout silently getting other checkpoints than it planned.
 */
@ApplicationScoped
public class PlannedCheckpoints {

    private static final Logger LOG = Logger.getLogger(PlannedCheckpoints.class);
    private static final String DEFAULTS = "/checkpoints/default.yaml";

    private final MigrationClient migration;
    private final CheckpointConfig config;

    public PlannedCheckpoints(@RestClient MigrationClient migration, CheckpointConfig config) {
        this.migration = migration;
        this.config = config;
    }

    /** The rollout's checkpoints and who defined them ({@code plan} or {@code defaults}). */
    public record Planned(List<CheckpointDefinition> definitions, String source) {
    }

    public Planned of(UUID rolloutId) {
        if (config.checkpointsFromPlans()) {
            List<CheckpointDefinition> planned = fromPlan(rolloutId);
            if (!planned.isEmpty()) {
                return new Planned(planned, "plan");
            }
        }
        return new Planned(defaults(), "defaults");
    }

    /**
     * Outside the caller's transaction: the REST client finishes on another thread, and a failed call
     * inside a JTA transaction left that thread in it, so the transaction could not commit.
     */
    private List<CheckpointDefinition> fromPlan(UUID rolloutId) {
        return QuarkusTransaction.suspendingExisting().call(() -> askMigrationService(rolloutId));
    }

    private List<CheckpointDefinition> askMigrationService(UUID rolloutId) {
        try {
            List<CheckpointDefinition> planned = migration.rollout(rolloutId).plannedCheckpoints();
            return planned == null ? List.of() : planned;
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                LOG.infof("rollout %s is unknown to migration-service: the default checkpoints apply", rolloutId);
                return List.of();
            }
            throw new IllegalStateException("migration-service answered " + e.getResponse().getStatus()
                    + " when asked for the checkpoints of rollout " + rolloutId, e);
        }
    }

    /** The planning documents' CP1–CP4 (BRIEF.md). */
    public static List<CheckpointDefinition> defaults() {
        try (InputStream in = PlannedCheckpoints.class.getResourceAsStream(DEFAULTS)) {
            List<CheckpointDefinition> definitions = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, new TypeReference<List<CheckpointDefinition>>() { });
            CheckpointDefinitions.validate(definitions);
            return definitions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }
}
