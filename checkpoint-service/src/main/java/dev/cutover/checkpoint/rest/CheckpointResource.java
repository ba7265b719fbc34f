package dev.cutover.checkpoint.rest;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.checkpoint.repository.AuditEntry;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.service.CheckpointQueries;
import dev.cutover.checkpoint.service.CheckpointView;
import dev.cutover.checkpoint.service.RolloutUpdates;
import dev.cutover.checkpoint.service.SignOffService;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checkpoints")
public class CheckpointResource {

    private final CheckpointQueries queries;
    private final SignOffService signOffs;
    private final SecurityIdentity identity;
    private final RolloutUpdates updates;

    public CheckpointResource(CheckpointQueries queries, SignOffService signOffs, SecurityIdentity identity, RolloutUpdates updates) {
        this.queries = queries;
        this.signOffs = signOffs;
        this.identity = identity;
        this.updates = updates;
    }

    @GET
    @Operation(summary = "Checkpoints, newest first; status=OPEN lists those awaiting sign-offs, with their evidence")
    @RolesAllowed({ Roles.PERSON })
    public List<CheckpointView> list(@QueryParam("rolloutId") String rolloutId, @QueryParam("status") String status,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        return queries.search(rolloutId == null ? null : Ids.uuid("rolloutId", rolloutId), status(status), limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A checkpoint: criteria with measured values and thresholds, evidence, its digest, sign-offs")
    @RolesAllowed({ Roles.PERSON })
    public CheckpointView get(@PathParam("id") String id) {
        return queries.get(Ids.uuid("id", id));
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "The checkpoint's append-only audit trail: who, as which role, when, what evidence digest")
    @RolesAllowed({ Roles.PERSON })
    public List<AuditEntry> audit(@PathParam("id") String id) {
        return queries.audit(Ids.uuid("id", id));
    }

    @POST
    @Path("/{id}/sign-offs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject as one of the roles the checkpoint asks for (201; 200 when you had signed already)")
    @RolesAllowed({ Roles.PERSON })
    @Audited
    public Response signOff(@PathParam("id") String id, SignOffService.SignOffRequest request) {
        SignOffService.SignOffResult result = signOffs.signOff(Ids.uuid("id", id), signer(), required(request));
        updates.changed(result.checkpoint().rolloutId());
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK).entity(result).build();
    }

    @POST
    @Path("/{id}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept a CONDITIONAL decision with a reason (the checkpoint's conditionalAcceptor role)")
    @RolesAllowed({ Roles.PERSON })
    @Audited
    public CheckpointView accept(@PathParam("id") String id, SignOffService.AcceptanceRequest request) {
        CheckpointView accepted = signOffs.accept(Ids.uuid("id", id), signer(), required(request));
        updates.changed(accepted.rolloutId());
        return accepted;
    }

    private SignOffService.Signer signer() {
        return new SignOffService.Signer(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()));
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        return body;
    }

    private static CheckpointRecord.Status status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return CheckpointRecord.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of WAITING, OPEN, CONDITIONAL, DECIDED");
        }
    }
}
