package dev.cutover.support.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A query parameter that does not convert to its type (`limit=abc`) is the request's fault: 400
 * naming the parameter, not the 404 JAX-RS answers for it by default (it treats the parameter as
 * part of the resource's address). The parameter is found by converting each numeric one of the
 * matched method again.
 */
public class UnconvertibleParameters {

    @ServerExceptionMapper
    public Response notConverted(NotFoundException e, ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (e.getCause() == null || method == null) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
        }
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof QueryParam query) {
                    String value = uri.getQueryParameters().getFirst(query.value());
                    String problem = value == null ? null : conversionProblem(types[i], value);
                    if (problem != null) {
                        return Problem.ofFields(Response.Status.BAD_REQUEST, query.value() + " " + problem,
                                List.of(new Problem.FieldError(query.value(), problem))).toResponse();
                    }
                }
            }
        }
        return Problem.of(Response.Status.BAD_REQUEST, "a parameter could not be read: " + e.getCause().getMessage())
                .toResponse();
    }

    private static String conversionProblem(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
                return null;
            }
            if (type == long.class || type == Long.class) {
                Long.parseLong(value);
                return null;
            }
            if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
                return null;
            }
        } catch (NumberFormatException e) {
            return type == double.class || type == Double.class ? "must be a number" : "must be a whole number";
        }
        return null;
    }
}
