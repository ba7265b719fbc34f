package dev.cutover.migration.rest;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.service.DryRun;
import dev.cutover.migration.service.PlanPreview;
import dev.cutover.migration.service.RolloutService;
import dev.cutover.migration.service.RolloutView;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/rollouts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rollouts")
public class RolloutResource {

    private final RolloutService service;
    private final PlanPreview preview;
    private final SecurityIdentity identity;

    public RolloutResource(RolloutService service, PlanPreview preview, SecurityIdentity identity) {
        this.identity = identity;
        this.service = service;
        this.preview = preview;
    }

    // Plans are validated by the service, not by @Valid here, so every problem comes back in one answer.
    @POST
    @Consumes({ MediaType.APPLICATION_JSON, YamlBodyReader.APPLICATION_YAML, YamlBodyReader.TEXT_YAML })
    @Operation(summary = "Start a rollout of a plan (JSON or YAML); runs in the background. 400 names every field at fault")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public Response start(RolloutPlan plan) {
        RolloutView rollout = service.start(plan, identity.getPrincipal().getName());
        return Response.accepted(rollout).location(URI.create("/rollouts/" + rollout.id())).build();
    }

    @POST
    @Path("/dry-run")
    @Consumes({ MediaType.APPLICATION_JSON, YamlBodyReader.APPLICATION_YAML, YamlBodyReader.TEXT_YAML })
    @Operation(summary = "Validate a plan and say what it would do (waves, phases per target), without starting it or connecting to a target")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    public DryRun dryRun(RolloutPlan plan) {
        return preview.of(plan);
    }

    @GET
    @Operation(summary = "The most recent rollouts")
    @RolesAllowed({ Roles.PERSON })
    public List<RolloutView> recent(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.recent(limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A rollout with every phase run and its evidence, and where each step stands")
    @RolesAllowed({ Roles.PERSON, Roles.CHECKPOINT_SERVICE, Roles.MONITORING_SERVICE })
    public RolloutView get(@PathParam("id") String id) {
        return service.get(Ids.uuid("id", id));
    }

    /** Why a rollback is asked for; kept on the rollout and in its ROLLBACK phase. */
    public record RollbackRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/{id}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Roll back every target the rollout changed; a running rollout stops at its next safe point")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public Response rollback(@PathParam("id") String id, @Valid @NotNull RollbackRequest request) {
        return Response.accepted(service.rollback(Ids.uuid("id", id), "REST: " + request.reason())).build();
    }

    @POST
    @Path("/{id}/finalise")
    @Operation(summary = "After acceptance: drop what was kept for a rollback (old tables, sync triggers)")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    @Audited
    public Response finalise(@PathParam("id") String id) {
        return Response.accepted(service.finalise(Ids.uuid("id", id))).build();
    }
}
