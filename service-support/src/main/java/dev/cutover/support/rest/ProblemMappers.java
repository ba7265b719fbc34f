package dev.cutover.support.rest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every error a service returns is application/problem+json; client errors name the field at fault. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = fieldErrors(e.getConstraintViolations());
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return Problem.ofFields(Response.Status.BAD_REQUEST, detail, errors).toResponse();
    }

    // Quarkus REST ships mappers for these subtypes (answering plain JSON); ours are as specific.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparseable(StreamReadException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String message = e.getOriginalMessage();
        // Broken syntax is the body's fault, not the field's where the parser happened to stop.
        if (field.isEmpty() || e instanceof StreamReadException || e.getCause() instanceof StreamReadException) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed request body: " + message).toResponse();
        }
        return Problem.ofFields(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message))).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps body-parsing failures; answer those with the field at fault.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Problem.of(status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A 5xx is a bug: logged with its stack so it can be fixed; the answer says no more than where to look.
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error answering a request (incident %s)", incident);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error; the service's log has it as incident "
                + incident).toResponse();
    }

    /** The violations as the fields the client sent, sorted by field; for services that validate by hand too. */
    public static List<Problem.FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    /** "create.plan.environments[0].name" → "environments[0].name": what the client sent, not our method names. */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getIndex() != null && !path.isEmpty()) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        // a query or path parameter is named as the client sent it (compiled with -parameters); a body is "body"
        return !path.isEmpty() ? path.toString() : parameter != null && !parameter.startsWith("arg") && !isBody(violation)
                ? parameter : "body";
    }

    /** A missing or structured value is a body; a number, text or flag is a query or path parameter. */
    private static boolean isBody(ConstraintViolation<?> violation) {
        Object leaf = violation.getInvalidValue();
        return !(leaf instanceof Number || leaf instanceof CharSequence || leaf instanceof Boolean);
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
