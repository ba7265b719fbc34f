package dev.cutover.checkpoint.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.cutover.checkpoint.service.RolloutSummary;
import dev.cutover.checkpoint.service.RolloutUpdates;
import dev.cutover.checkpoint.service.TimelineService;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/rollouts")
@Tag(name = "rollouts")
public class RolloutResource {

    private final TimelineService timeline;
    private final RolloutUpdates updates;

    public RolloutResource(TimelineService timeline, RolloutUpdates updates) {
        this.timeline = timeline;
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rollouts this service has seen events of, latest first")
    @RolesAllowed({ Roles.PERSON })
    public List<RolloutSummary> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.badRequest("limit", "must be between 1 and 500");
        }
        return timeline.rollouts(limit);
    }

    @GET
    @Path("/{id}/updates")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(summary = "Server-sent events: 'changed' each time the rollout's timeline, checkpoints or window change")
    @RolesAllowed({ Roles.PERSON })
    public Multi<String> updates(@PathParam("id") String id) {
        return updates.of(Ids.uuid("id", id)).map(changed -> "changed");
    }
}
