package dev.cutover.support.rest;

import java.util.UUID;

/** Parses ids from paths and queries into a 400 that names the parameter, not a 404 or 500. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String parameter, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest(parameter, "'" + value + "' is not a UUID");
        }
    }
}
