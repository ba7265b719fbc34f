package dev.cutover.support.rest;

import java.security.Principal;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.cutover.support.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Refused requests as problem+json like every other error (authentication is lazy,
 * {@code quarkus.http.auth.proactive=false}, so failures reach these mappers), each counted in
 * {@code cutover_http_refused_total} and logged with who and what, never with the token.
 */
public class SecurityProblemMappers {

    private static final Logger LOG = Logger.getLogger(SecurityProblemMappers.class);

    @Inject
    MeterRegistry meters;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, ContainerRequestContext request) {
        return unauthenticated(request, "a bearer token is required (Authorization: Bearer <JWT>)");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, ContainerRequestContext request) {
        return unauthenticated(request, "the bearer token was refused: it is malformed, expired, meant for another audience "
                + "or issuer, or not signed by a key this service trusts");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        refused(request, Response.Status.FORBIDDEN, principal == null ? "anonymous" : principal.getName());
        return Problem.of(Response.Status.FORBIDDEN, "your token does not grant a role this operation needs").toResponse();
    }

    private Response unauthenticated(ContainerRequestContext request, String detail) {
        refused(request, Response.Status.UNAUTHORIZED,
                request.getHeaderString(HttpHeaders.AUTHORIZATION) == null ? "no token" : "a refused token");
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private void refused(ContainerRequestContext request, Response.Status status, String who) {
        meters.counter("cutover.http.refused", "status", Integer.toString(status.getStatusCode())).increment();
        LOG.warnf("refused %d: %s %s by %s", status.getStatusCode(), request.getMethod(),
                request.getUriInfo().getPath(), who);
    }
}
