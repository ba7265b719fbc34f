package dev.cutover.migration.service.phase;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.OperationCancelledException;
import dev.cutover.migration.repository.MigrationSetHistory;
import dev.cutover.migration.repository.MigrationSetRecord;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.migration.service.MigrationSteps;
import dev.cutover.migration.service.StepFailedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * APPLY: the set's steps, in order, each through its operation (online where it can be). Records
 * the set's checksum in the run's history first, then per step its duration and evidence, every
 * writer-blocking lock with how long it was actually held, and the longest of them.
 */
@ApplicationScoped
public class ApplyPhase implements RolloutPhase {

    private final MigrationSetCatalogue catalogue;
    private final MigrationSteps steps;
    private final MigrationSetHistory history;

    public ApplyPhase(MigrationSetCatalogue catalogue, MigrationSteps steps, MigrationSetHistory history) {
        this.catalogue = catalogue;
        this.steps = steps;
        this.history = history;
    }

    @Override
    public Phase phase() {
        return Phase.APPLY;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        MigrationSet set = catalogue.read(request.plan().migrationSet());
        recordChecksum(request, set);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("migrationSet", set.id());
        evidence.put("migrationSetChecksum", set.checksum());
        LockLedger ledger = new LockLedger();
        try {
            evidence.put("steps", steps.apply(request, set, Phase.APPLY, ledger));
            return PhaseOutcome.succeeded(started, withLocks(evidence, ledger));
        } catch (OperationCancelledException | StepFailedException e) {
            return PhaseOutcome.failed(started, withLocks(evidence, ledger), e.getMessage());
        }
    }

    static Map<String, Object> withLocks(Map<String, Object> evidence, LockLedger ledger) {
        evidence.put("locks", ledger.holds());
        evidence.put("maxExclusiveLockMs", ledger.maxHeldMs());
        return evidence;
    }

    private void recordChecksum(PhaseRequest request, MigrationSet set) {
        QuarkusTransaction.requiringNew().run(() -> {
            MigrationSetRecord record = new MigrationSetRecord();
            record.setId = set.id();
            record.checksum = set.checksum();
            record.files = set.files();
            record.rolloutId = request.rolloutId();
            record.environment = request.environmentName();
            record.target = request.target().name();
            record.recordedAt = Instant.now();
            history.persist(record);
        });
    }
}
