package dev.cutover.migration.service.phase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.Phase;
import dev.cutover.migration.plan.TargetDatabase;
import dev.cutover.migration.service.TargetConnections;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PREFLIGHT: can Cutover work on this target at all? Connects, and records the server and PostGIS
 * versions and the database size. Each check is kept with its measured value.
 */
@ApplicationScoped
public class PreflightPhase implements RolloutPhase {

    /** Oldest server Cutover supports: PostgreSQL 13 (declarative partitioning with the needed features). */
    static final int MIN_SERVER_VERSION_NUM = 130000;

    private final TargetConnections connections;

    public PreflightPhase(TargetConnections connections) {
        this.connections = connections;
    }

    @Override
    public Phase phase() {
        return Phase.PREFLIGHT;
    }

    @Override
    public PhaseOutcome run(UUID rolloutId, String environment, TargetDatabase target) {
        Instant started = Instant.now();
        List<Check> checks = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("checks", checks);
        long connectStart = System.nanoTime();
        try (Connection connection = connections.open(target)) {
            checks.add(new Check("connect", "connected in " + (System.nanoTime() - connectStart) / 1_000_000 + " ms", true));
            String version = queryString(connection, "SHOW server_version");
            int versionNum = Integer.parseInt(queryString(connection, "SHOW server_version_num"));
            evidence.put("serverVersion", version);
            checks.add(new Check("serverVersion", version, versionNum >= MIN_SERVER_VERSION_NUM));
            String postgis = queryString(connection, "SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
            evidence.put("postgisVersion", postgis);
            checks.add(new Check("postgisVersion", postgis == null ? "not installed" : postgis, postgis != null));
            long size = Long.parseLong(queryString(connection, "SELECT pg_database_size(current_database())"));
            evidence.put("databaseSizeBytes", size);
            checks.add(new Check("databaseSize", size + " bytes", true));
        } catch (SQLException e) {
            checks.add(new Check("connect", e.getMessage(), false));
            return PhaseOutcome.failed(started, evidence, "cannot connect to " + target.name() + ": " + e.getMessage());
        }
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(c -> c.name() + " (" + c.value() + ")").toList();
        return failed.isEmpty()
                ? PhaseOutcome.succeeded(started, evidence)
                : PhaseOutcome.failed(started, evidence, "preflight checks failed: " + String.join(", ", failed));
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** One preflight check with the value it measured. */
    public record Check(String name, String value, boolean passed) {
    }
}
