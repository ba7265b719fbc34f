package dev.cutover.notification.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.notification.repository.Delivery;
import dev.cutover.notification.routing.Routing;
import dev.cutover.notification.routing.RoutingTree;
import dev.cutover.notification.service.DeliveryView;
import dev.cutover.notification.service.NotificationService;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class DeliveryResource {

    private final NotificationService notifications;
    private final RoutingTree routing;

    public DeliveryResource(NotificationService notifications, RoutingTree routing) {
        this.notifications = notifications;
        this.routing = routing;
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "Deliveries to receivers, newest first; status=DEAD lists the dead letters")
    @RolesAllowed({ Roles.PERSON })
    public List<DeliveryView> deliveries(@QueryParam("status") String status, @QueryParam("receiver") String receiver,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return notifications.deliveries(status == null ? null : status(status), receiver, limit);
    }

    @GET
    @Path("routing")
    @Operation(summary = "The routing in force: receivers and the route tree")
    @RolesAllowed({ Roles.PERSON })
    public Routing current() {
        return routing.routing();
    }

    @POST
    @Path("routing/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "200 when the routing is valid, else 400 naming every field at fault")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    public Response validate(Routing candidate) {
        List<Problem.FieldError> problems = RoutingTree.problems(candidate);
        if (!problems.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "the routing has " + problems.size() + " problem(s)", problems);
        }
        return Response.ok(candidate).build();
    }

    private static Delivery.Status status(String value) {
        try {
            return Delivery.Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of PENDING, DELIVERED, DEAD");
        }
    }
}
