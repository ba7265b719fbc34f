package dev.cutover.migration.service.phase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.operation.MigrationOperation.Check;
import dev.cutover.migration.service.Fingerprints;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.migration.service.MigrationSteps;
import dev.cutover.migration.service.StepFailedException;
import dev.cutover.support.target.TargetConnections;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * VALIDATE: the applied target checked — content against the pre-APPLY fingerprints, every index
 * valid, every constraint validated, each operation's own checks (an online copy proves the live
 * table equals the copy it keeps for a rollback), and rows per partition.
 */
@ApplicationScoped
public class ValidatePhase implements RolloutPhase {

    private final MigrationSetCatalogue catalogue;
    private final MigrationSteps steps;
    private final Fingerprints fingerprints;
    private final TargetConnections connections;

    public ValidatePhase(MigrationSetCatalogue catalogue, MigrationSteps steps, Fingerprints fingerprints,
            TargetConnections connections) {
        this.catalogue = catalogue;
        this.steps = steps;
        this.fingerprints = fingerprints;
        this.connections = connections;
    }

    @Override
    public Phase phase() {
        return Phase.VALIDATE;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        evidence.put("checks", checks);
        MigrationSet set = catalogue.read(request.plan().migrationSet());
        List<String> tables = set.manifest().tables();
        try (Connection connection = connections.open(request.target())) {
            checks.addAll(fingerprints.compareWithRecorded(request, fingerprints.take(request, tables)));
            Map<String, Object> partitions = new LinkedHashMap<>();
            for (String table : tables) {
                checks.addAll(StructureChecks.of(connection, table));
                partitions.put(table, StructureChecks.rowsPerPartition(connection, table));
            }
            evidence.put("rowsPerPartition", partitions);
            checks.addAll(steps.verify(request, set));
        } catch (SQLException | StepFailedException e) {
            return PhaseOutcome.failed(started, evidence, "cannot validate: " + e.getMessage());
        }
        return PhaseOutcome.ofChecks(started, evidence, checks, "validation failed");
    }
}
