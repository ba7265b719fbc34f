package dev.cutover.support.rest;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Query and path parameters that PostgreSQL could not store or compare (NUL, unpaired surrogates)
 * are a 400 naming the parameter, before any endpoint sees them.
 */
public class StorableParameters {

    private static final String UNSTORABLE = "must not contain NUL or unpaired surrogate characters";

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnstorable(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (!StrictJson.storable(parameter.getKey()) || parameter.getValue().stream().anyMatch(v -> !StrictJson.storable(v))) {
                return refused(StrictJson.storable(parameter.getKey()) ? parameter.getKey() : "query", UNSTORABLE);
            }
        }
        return StrictJson.storable(request.getUriInfo().getPath(true)) ? null : refused("path", UNSTORABLE);
    }

    private static Response refused(String field, String message) {
        return Problem.ofFields(Response.Status.BAD_REQUEST, field + ": " + message, List.of(new Problem.FieldError(field, message)))
                .toResponse();
    }
}
