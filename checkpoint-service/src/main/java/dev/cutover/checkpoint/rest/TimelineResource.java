package dev.cutover.checkpoint.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.checkpoint.service.TimelineEntryView;
import dev.cutover.checkpoint.service.TimelineService;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/rollouts/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timeline")
public class TimelineResource {

    private final TimelineService timeline;

    public TimelineResource(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GET
    @Operation(summary = "Everything that happened to a rollout, in order, with each event's evidence")
    @RolesAllowed({ Roles.PERSON })
    public List<TimelineEntryView> timeline(@PathParam("id") String id) {
        return timeline.of(Ids.uuid("id", id));
    }
}
