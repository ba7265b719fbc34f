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
import dev.cutover.migration.operation.OperationCancelledException;
import dev.cutover.migration.service.Fingerprints;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.migration.service.MigrationSteps;
import dev.cutover.migration.service.StepFailedException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * ROLLBACK_DRILL: the rollback rehearsed for real — roll back, verify the content equals the
 * pre-APPLY fingerprints (recovery %), re-apply and verify again, each part timed.
 */
@ApplicationScoped
public class RollbackDrillPhase implements RolloutPhase {

    private final MigrationSetCatalogue catalogue;
    private final MigrationSteps steps;
    private final Fingerprints fingerprints;

    public RollbackDrillPhase(MigrationSetCatalogue catalogue, MigrationSteps steps, Fingerprints fingerprints) {
        this.catalogue = catalogue;
        this.steps = steps;
        this.fingerprints = fingerprints;
    }

    @Override
    public Phase phase() {
        return Phase.ROLLBACK_DRILL;
    }

    @Override
    public boolean appliesTo(PhaseRequest request) {
        return request.changesSchema() && request.environment().drillsRollback();
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        LockLedger ledger = new LockLedger();
        MigrationSet set = catalogue.read(request.plan().migrationSet());
        try {
            long began = System.nanoTime();
            steps.rollback(request, set, Phase.ROLLBACK_DRILL, ledger);
            long rolledBack = System.nanoTime();
            List<Check> recovered = fingerprints.compareWithRecorded(request,
                    fingerprints.take(request, set.manifest().tables()));
            long verified = System.nanoTime();
            long equal = recovered.stream().filter(Check::passed).count();
            steps.apply(request, set, Phase.ROLLBACK_DRILL, ledger);
            long reapplied = System.nanoTime();
            List<Check> reappliedChecks = steps.verify(request, set);
            evidence.put("rollbackSeconds", seconds(began, rolledBack));
            evidence.put("verifySeconds", seconds(rolledBack, verified));
            evidence.put("reapplySeconds", seconds(verified, reapplied));
            evidence.put("totalSeconds", seconds(began, System.nanoTime()));
            evidence.put("recoveryPercent", recovered.isEmpty() ? null : 100.0 * equal / recovered.size());
            evidence.put("recoveryChecks", recovered);
            evidence.put("reappliedChecks", reappliedChecks);
            List<Check> all = new ArrayList<>(recovered);
            all.addAll(reappliedChecks);
            return PhaseOutcome.ofChecks(started, ApplyPhase.withLocks(evidence, ledger), all, "rollback drill failed");
        } catch (SQLException | StepFailedException | OperationCancelledException e) {
            return PhaseOutcome.failed(started, ApplyPhase.withLocks(evidence, ledger), "rollback drill failed: " + e.getMessage());
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6) / 1000.0;
    }
}
