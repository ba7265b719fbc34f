package dev.cutover.monitoring.rest;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.monitoring.repository.SampleStore;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.service.WatchRequest;
import dev.cutover.monitoring.service.WatchService;
import dev.cutover.monitoring.service.WatchView;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rest.QueryParams;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/watches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "watches")
public class WatchResource {

    /** Open or close a watch's guarded window. */
    public record GuardRequest(@NotNull Boolean guarded, @jakarta.validation.constraints.Positive Double baselineP95Ms) {
    }

    private final WatchService service;

    public WatchResource(WatchService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Watch a target of a rollout environment (the active watch is returned if there is one)")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public Response start(@Valid @NotNull WatchRequest request) {
        WatchService.Started started = service.start(request, Watch.Source.REST);
        return (started.created() ? Response.created(URI.create("/watches/" + started.watch().id())) : Response.ok())
                .entity(started.watch()).build();
    }

    @GET
    @Operation(summary = "Watches, newest first")
    @RolesAllowed({ Roles.PERSON })
    public List<WatchView> list(@QueryParam("rolloutId") String rolloutId, @QueryParam("active") @DefaultValue("false") boolean active,
                                @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return service.list(QueryParams.uuid("rolloutId", rolloutId), active, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A watch with its latest sample and its pending or firing alerts")
    @RolesAllowed({ Roles.PERSON })
    public WatchView get(@PathParam("id") String id) {
        return service.get(Ids.uuid("id", id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop a watch (its samples and breaches are kept)")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public WatchView stop(@PathParam("id") String id) {
        return service.stop(Ids.uuid("id", id));
    }

    @DELETE
    @Operation(summary = "Stop the watches of a rollout, or of one of its environments")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public List<WatchView> stopFor(@QueryParam("rolloutId") String rolloutId, @QueryParam("environment") String environment) {
        if (rolloutId == null || rolloutId.isBlank()) {
            throw ProblemException.badRequest("rolloutId", "is required to stop watches");
        }
        return service.stopFor(Ids.uuid("rolloutId", rolloutId), environment);
    }

    @PUT
    @Path("/{id}/guard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open (rollback triggers then request a rollback) or close the guarded window")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public WatchView guard(@PathParam("id") String id, @Valid @NotNull GuardRequest request) {
        return service.guard(Ids.uuid("id", id), request.guarded(), request.baselineP95Ms());
    }

    @GET
    @Path("/{id}/samples")
    @Operation(summary = "Samples of a watch in a time range (default: the last hour)")
    @RolesAllowed({ Roles.PERSON })
    public List<SampleStore.StoredSample> samples(@PathParam("id") String id, @QueryParam("from") String from,
                                                  @QueryParam("to") String to,
                                                  @QueryParam("limit") @DefaultValue("3600") @Min(1) @Max(100000) int limit) {
        Instant until = QueryParams.instant("to", to, Instant.now());
        Instant since = QueryParams.instant("from", from, until.minus(1, ChronoUnit.HOURS));
        if (since.isAfter(until)) {
            throw ProblemException.badRequest("from", "must not be after 'to'");
        }
        return service.samples(Ids.uuid("id", id), since, until, limit);
    }
}
