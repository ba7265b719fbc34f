package dev.cutover.checkpoint.client;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.security.ServiceTokenFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** migration-service's rollouts: the checkpoints a rollout's plan defines. */
@RegisterProvider(ServiceTokenFilter.class)
@RegisterRestClient(configKey = "migration")
@Path("/rollouts")
public interface MigrationClient {

    @GET
    @Path("/{id}")
    Rollout rollout(@PathParam("id") UUID id);

    /** {@code plannedCheckpoints}: empty when the plan defines none; {@code submittedBy}: the submitter's principal. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rollout(UUID id, String submittedBy, List<CheckpointDefinition> plannedCheckpoints) {
    }
}
