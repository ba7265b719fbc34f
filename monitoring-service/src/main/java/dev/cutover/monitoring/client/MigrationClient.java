package dev.cutover.monitoring.client;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.cutover.support.target.TargetDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** migration-service's rollouts: where a rollout's targets are (URLs and credential names, no secrets). */
@RegisterRestClient(configKey = "migration")
@Path("/rollouts")
public interface MigrationClient {

    @GET
    @Path("/{id}")
    Rollout rollout(@PathParam("id") UUID id);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rollout(UUID id, List<Environment> environments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Environment(String name, List<TargetDatabase> targets) {
    }
}
