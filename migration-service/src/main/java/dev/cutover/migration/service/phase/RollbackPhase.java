package dev.cutover.migration.service.phase;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.MigrationOperation.Check;
import dev.cutover.migration.service.Fingerprints;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.migration.service.MigrationSteps;
import dev.cutover.migration.service.StepFailedException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * ROLLBACK: every step that started is undone, newest first, then the tables' content is compared
 * with the pre-APPLY fingerprints. Not part of the forward lifecycle: the runner calls it when a
 * phase fails, when a rollback is requested, or when a crash policy says so.
 */
@ApplicationScoped
public class RollbackPhase implements RolloutPhase {

    private final MigrationSetCatalogue catalogue;
    private final MigrationSteps steps;
    private final Fingerprints fingerprints;

    public RollbackPhase(MigrationSetCatalogue catalogue, MigrationSteps steps, Fingerprints fingerprints) {
        this.catalogue = catalogue;
        this.steps = steps;
        this.fingerprints = fingerprints;
    }

    @Override
    public Phase phase() {
        return Phase.ROLLBACK;
    }

    @Override
    public boolean appliesTo(PhaseRequest request) {
        return false;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        LockLedger ledger = new LockLedger();
        List<Check> checks = new ArrayList<>();
        evidence.put("checks", checks);
        try {
            MigrationSet set = catalogue.read(request.plan().migrationSet());
            evidence.put("steps", steps.rollback(request, set, Phase.ROLLBACK, ledger));
            checks.addAll(fingerprints.compareWithRecorded(request, fingerprints.take(request, set.manifest().tables())));
        } catch (SQLException | StepFailedException e) {
            return PhaseOutcome.failed(started, ApplyPhase.withLocks(evidence, ledger), "rollback failed: " + e.getMessage());
        }
        return PhaseOutcome.ofChecks(started, ApplyPhase.withLocks(evidence, ledger), checks,
                "rolled back, but content differs from before APPLY");
    }
}
