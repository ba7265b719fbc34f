package dev.cutover.migration.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.target.TargetConnections;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One run per target database at a time: a session-level advisory lock, held on a dedicated
 * connection while a rollout works on the target. A crash ends the session and so frees the lock;
 * nothing is left behind.
 */
@ApplicationScoped
public class TargetGuard {

    private static final Logger LOG = Logger.getLogger(TargetGuard.class);
    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('cutover'), hashtext(current_database()))";

    private final TargetConnections connections;
    private final Map<String, Connection> held = new ConcurrentHashMap<>();

    public TargetGuard(TargetConnections connections) {
        this.connections = connections;
    }

    /** True when this run holds (or now took) the target's lock; false when another session has it. */
    public boolean acquire(PhaseRequest request) throws SQLException {
        String key = key(request);
        if (held.containsKey(key)) {
            return true;
        }
        Connection connection = connections.open(request.target());
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(TRY_LOCK)) {
            row.next();
            if (row.getBoolean(1)) {
                held.put(key, connection);
                return true;
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return false;
    }

    public void release(PhaseRequest request) {
        Connection connection = held.remove(key(request));
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the guard of %s: %s", request.target().name(), e.getMessage());
            }
        }
    }

    private static String key(PhaseRequest request) {
        return request.rolloutId() + "/" + request.environmentName() + "/" + request.target().name();
    }
}
