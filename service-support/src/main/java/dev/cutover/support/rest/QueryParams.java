package dev.cutover.support.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Optional query parameters parsed into a 400 that names the parameter. */
public final class QueryParams {

    /** The instants a query may name: what the control database's timestamps hold, with room to spare. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        return value == null || value.isBlank() ? null : Ids.uuid(name, value);
    }

    public static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "'" + value + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ProblemException.badRequest(name, "'" + value + "' is outside " + EARLIEST + " to " + LATEST);
        }
        return instant;
    }
}
