package dev.cutover.support.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** Thrown by services to answer with a problem+json of the given status, naming the fields at fault. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Response.Status status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = Problem.ofFields(status, detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail, List.of());
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public Problem problem() {
        return problem;
    }
}
