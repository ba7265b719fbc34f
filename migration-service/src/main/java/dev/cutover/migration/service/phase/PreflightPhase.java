package dev.cutover.migration.service.phase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.config.MigrationConfig;
import dev.cutover.migration.migrationset.InvalidMigrationSetException;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.MigrationSetManifest;
import dev.cutover.migration.operation.MigrationOperation.Check;
import dev.cutover.migration.repository.MigrationSetHistory;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.migration.service.MigrationSteps;
import dev.cutover.migration.service.TargetGuard;
import dev.cutover.support.target.TargetConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PREFLIGHT: can this rollout work on this target? Connectivity, versions, extensions and access
 * methods the set needs, its preconditions, privileges on its tables, disk for the backup and the
 * copy, data checksums, the set's checksum against recorded runs, and the target's advisory lock
 * (no other run on it). Every check is kept with its measured value; nothing is changed.
 */
@ApplicationScoped
public class PreflightPhase implements RolloutPhase {

    /** Oldest server Cutover supports: PostgreSQL 13 (declarative partitioning with the needed features). */
    static final int MIN_SERVER_VERSION_NUM = 130000;

    private final TargetConnections connections;
    private final TargetGuard guard;
    private final MigrationSetCatalogue catalogue;
    private final MigrationSetHistory history;
    private final MigrationSteps steps;
    private final MigrationConfig config;

    public PreflightPhase(TargetConnections connections, TargetGuard guard, MigrationSetCatalogue catalogue,
            MigrationSetHistory history, MigrationSteps steps, MigrationConfig config) {
        this.connections = connections;
        this.guard = guard;
        this.catalogue = catalogue;
        this.history = history;
        this.steps = steps;
        this.config = config;
    }

    @Override
    public Phase phase() {
        return Phase.PREFLIGHT;
    }

    @Override
    public boolean appliesTo(PhaseRequest request) {
        return true;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        List<Check> checks = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("checks", checks);
        long connectStart = System.nanoTime();
        try (Connection connection = connections.open(request.target())) {
            checks.add(new Check("connect", "connected in " + (System.nanoTime() - connectStart) / 1_000_000 + " ms", true));
            serverChecks(connection, checks, evidence);
            boolean locked = guard.acquire(request);
            checks.add(new Check("advisoryLock", locked ? "held by this rollout" : "held by another run on this database",
                    locked));
            if (request.changesSchema()) {
                migrationSetChecks(request, connection, checks, evidence);
            }
        } catch (SQLException e) {
            checks.add(new Check("connect", e.getMessage(), false));
            return PhaseOutcome.failed(started, evidence, "cannot check " + request.target().name() + ": " + e.getMessage());
        }
        return PhaseOutcome.ofChecks(started, evidence, checks, "preflight checks failed");
    }

    private static void serverChecks(Connection connection, List<Check> checks, Map<String, Object> evidence)
            throws SQLException {
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
        String dataChecksums = queryString(connection, "SHOW data_checksums");
        evidence.put("dataChecksums", dataChecksums);
        checks.add(new Check("dataChecksums", dataChecksums + (("on").equals(dataChecksums) ? ""
                : " (page corruption would go unnoticed; informational)"), true));
    }

    private void migrationSetChecks(PhaseRequest request, Connection connection, List<Check> checks,
            Map<String, Object> evidence) throws SQLException {
        MigrationSet set;
        try {
            set = catalogue.read(request.plan().migrationSet());
        } catch (InvalidMigrationSetException e) {
            checks.add(new Check("migrationSet", String.join("; ", e.problems()), false));
            return;
        }
        evidence.put("migrationSet", set.id());
        evidence.put("migrationSetChecksum", set.checksum());
        checks.add(setChecksumCheck(set));
        MigrationSetManifest.Requirements requires = set.manifest().requirements();
        for (String extension : requires.extensionsOrEmpty()) {
            String installed = queryString(connection, "SELECT extversion FROM pg_extension WHERE extname = ?", extension);
            checks.add(new Check("extension " + extension, installed == null ? "not installed" : installed, installed != null));
        }
        for (MigrationSetManifest.AccessMethod method : requires.accessMethodsOrEmpty()) {
            boolean present = queryString(connection, "SELECT amname FROM pg_am WHERE amname = ?", method.name()) != null;
            checks.add(new Check("accessMethod " + method.name(),
                    present ? "available" : "absent: install " + method.install(), present));
        }
        for (MigrationSetManifest.Precondition precondition : requires.checksOrEmpty()) {
            String value = queryString(connection, precondition.sql());
            boolean holds = "t".equals(value) || "true".equals(value);
            checks.add(new Check(precondition.name(), holds ? "holds" : precondition.message(), holds));
        }
        long tableBytes = 0;
        for (String table : set.manifest().tables()) {
            String privileges = queryString(connection, "SELECT CASE WHEN to_regclass(?) IS NULL THEN 'missing'"
                    + " WHEN pg_has_role(c.relowner, 'USAGE') AND has_schema_privilege(c.relnamespace, 'CREATE')"
                    + " THEN 'owner, may create in its schema' ELSE 'not owner or no CREATE on its schema' END"
                    + " FROM (SELECT 1) one LEFT JOIN pg_class c ON c.oid = to_regclass(?)", table, table);
            checks.add(new Check("privileges " + table, privileges, privileges.startsWith("owner")));
            String bytes = queryString(connection, "SELECT pg_total_relation_size(to_regclass(?))", table);
            tableBytes += bytes == null ? 0 : Long.parseLong(bytes);
        }
        checks.add(backupDiskCheck(tableBytes));
        // An online copy needs about the tables' size again on the target; PostgreSQL reports no
        // free space over SQL, so this is the need, stated for the DBA, not a measured fit.
        evidence.put("targetSpaceNeededBytes", tableBytes);
        evidence.put("targetFreeBytes", null);
        steps.validate(request, set).forEach(problem -> checks.add(new Check("validate", problem, false)));
    }

    private Check setChecksumCheck(MigrationSet set) {
        return QuarkusTransaction.requiringNew().call(() -> history.lastWithOtherChecksum(set.id(), set.checksum())
                .map(recorded -> new Check("migrationSetChecksum", "files changed since rollout " + recorded.rolloutId
                        + " recorded " + recorded.checksum + ": " + String.join(", ", set.changedSince(recorded.files)),
                        false))
                .orElse(new Check("migrationSetChecksum", set.checksum(), true)));
    }

    /** The backup directory must hold at least the tables' size (a custom-format dump is smaller). */
    private Check backupDiskCheck(long tableBytes) {
        Path directory = Path.of(config.backupDirectory()).toAbsolutePath();
        try {
            Files.createDirectories(directory);
            long usable = Files.getFileStore(directory).getUsableSpace();
            return new Check("backupDisk", String.format("%d bytes free in %s, %d needed at most", usable, directory,
                    tableBytes), usable >= tableBytes);
        } catch (IOException e) {
            return new Check("backupDisk", "cannot use " + directory + ": " + e.getMessage(), false);
        }
    }

    private static String queryString(Connection connection, String sql, String... parameters) throws SQLException {
        if (parameters.length == 0) {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
