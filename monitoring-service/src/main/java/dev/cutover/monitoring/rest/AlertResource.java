package dev.cutover.monitoring.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.events.Severity;
import dev.cutover.monitoring.service.AlertQueries;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rest.QueryParams;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {

    private final AlertQueries alerts;

    public AlertResource(AlertQueries alerts) {
        this.alerts = alerts;
    }

    @GET
    @Path("alerts")
    @Operation(summary = "Alerts pending or firing now on active watches")
    @RolesAllowed({ Roles.PERSON })
    public List<AlertQueries.CurrentAlert> current(@QueryParam("rolloutId") String rolloutId) {
        return alerts.current(QueryParams.uuid("rolloutId", rolloutId));
    }

    @GET
    @Path("breaches")
    @Operation(summary = "FIRING and RESOLVED breaches, newest first (default: the last 24 hours)")
    @RolesAllowed({ Roles.PERSON })
    public List<AlertQueries.BreachView> breaches(@QueryParam("rolloutId") String rolloutId,
                                                  @QueryParam("severity") String severity,
                                                  @QueryParam("since") String since, @QueryParam("until") String until,
                                                  @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(10000) int limit) {
        Instant to = QueryParams.instant("until", until, Instant.now());
        Instant from = QueryParams.instant("since", since, to.minus(24, ChronoUnit.HOURS));
        return alerts.history(QueryParams.uuid("rolloutId", rolloutId), severity(severity), from, to, limit);
    }

    private static Severity severity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Severity.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("severity", "'" + value + "' is not CRITICAL, WARNING or INFO");
        }
    }
}
