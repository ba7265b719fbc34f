package dev.cutover.monitoring.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;

/** Optional query parameters parsed into a 400 that names the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        return value == null || value.isBlank() ? null : Ids.uuid(name, value);
    }

    static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "'" + value + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
