package dev.cutover.support.audit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Every service's request audit, for DBAs and operators. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "State-changing requests this service answered, newest first: who, when, what, on which subject, the request's digest, the status")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    public List<AuditLog.Recorded> recent(@QueryParam("subject") @Size(max = 200) String subject,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return log.recent(subject, limit);
    }
}
