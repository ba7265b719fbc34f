package dev.cutover.checkpoint.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.checkpoint.service.CheckpointQueries;
import dev.cutover.checkpoint.service.CheckpointView;
import dev.cutover.checkpoint.service.RolloutCheckpoints;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/rollouts/{id}/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checkpoints")
public class RolloutCheckpointResource {

    /** The body of a registration. */
    public record Registration(List<CheckpointDefinition> checkpoints) {
    }

    private final RolloutCheckpoints rollouts;
    private final CheckpointQueries queries;
    private final SecurityIdentity identity;

    public RolloutCheckpointResource(RolloutCheckpoints rollouts, CheckpointQueries queries, SecurityIdentity identity) {
        this.rollouts = rollouts;
        this.queries = queries;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The rollout's checkpoints in the order they were defined")
    @RolesAllowed({ Roles.PERSON, Roles.MIGRATION_SERVICE })
    public List<CheckpointView> list(@PathParam("id") String id) {
        return rollouts.of(Ids.uuid("id", id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define the rollout's checkpoints (validated: 400 names every field at fault); 409 once one has opened")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public List<CheckpointView> register(@PathParam("id") String id, Registration registration) {
        if (registration == null) {
            throw ProblemException.badRequest("checkpoints", "a JSON body {\"checkpoints\": [...]} is required");
        }
        return rollouts.register(Ids.uuid("id", id), registration.checkpoints(), identity.getPrincipal().getName());
    }
}
