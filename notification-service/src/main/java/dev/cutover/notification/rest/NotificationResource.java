package dev.cutover.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.events.Severity;
import dev.cutover.notification.service.Digest;
import dev.cutover.notification.service.Escalations;
import dev.cutover.notification.service.NotificationService;
import dev.cutover.notification.service.NotificationView;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rest.QueryParams;
import dev.cutover.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationResource {

    private final NotificationService notifications;
    private final Escalations escalations;
    private final SecurityIdentity identity;

    public NotificationResource(NotificationService notifications, Escalations escalations, SecurityIdentity identity) {
        this.notifications = notifications;
        this.escalations = escalations;
        this.identity = identity;
    }

    /** An optional comment, kept with the acknowledgement and sent to everyone told so far. */
    public record AcknowledgementRequest(String comment) {
    }

    @POST
    @Path("/{id}/acknowledgement")
    @Operation(summary = "Acknowledge a CRITICAL notification: its group's escalation stops (200; again: the first acknowledgement, unchanged)")
    @RolesAllowed({ Roles.PERSON })
    @Audited
    public Escalations.Acknowledgement acknowledge(@PathParam("id") String id, AcknowledgementRequest request) {
        String comment = request == null || request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        return escalations.acknowledge(Ids.uuid("id", id), identity.getPrincipal().getName(), comment);
    }

    @GET
    @Operation(summary = "Notification history, newest first, filtered by rollout, severity and time")
    @RolesAllowed({ Roles.PERSON })
    public List<NotificationView> history(@QueryParam("rolloutId") String rolloutId,
            @QueryParam("severity") String severity,
            @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return notifications.history(rolloutId == null ? null : Ids.uuid("rolloutId", rolloutId),
                severity == null ? null : parseSeverity(severity),
                QueryParams.instant("since", since, null), limit);
    }

    @GET
    @Path("/digest")
    @Operation(summary = "A digest of a period (default the last 7 days, the seeds' weekly digest): counts by severity, per rollout its loudest severity and each distinct title with how often it happened (every event, also those grouped into one message)")
    @RolesAllowed({ Roles.PERSON })
    public Digest digest(@QueryParam("rolloutId") String rolloutId, @QueryParam("severity") String severity,
            @QueryParam("since") String since, @QueryParam("until") String until) {
        Instant to = QueryParams.instant("until", until, Instant.now());
        Instant from = QueryParams.instant("since", since, to.minus(java.time.Duration.ofDays(7)));
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("since", "must be before until (" + to + ")");
        }
        return notifications.digest(rolloutId == null ? null : Ids.uuid("rolloutId", rolloutId),
                severity == null ? null : parseSeverity(severity), from, to);
    }

    private static Severity parseSeverity(String value) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("severity", "'" + value + "' is not one of " + List.of(Severity.values()));
        }
    }
}
