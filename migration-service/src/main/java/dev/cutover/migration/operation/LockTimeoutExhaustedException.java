package dev.cutover.migration.operation;

import java.sql.SQLException;

/** A lock could not be taken (or held within budget) in the allowed number of attempts. */
public class LockTimeoutExhaustedException extends SQLException {

    public LockTimeoutExhaustedException(String message) {
        super(message, "55P03");
    }
}
