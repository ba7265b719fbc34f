package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the target an operation works on. */
@FunctionalInterface
public interface TargetConnectionSource {

    Connection open() throws SQLException;
}
