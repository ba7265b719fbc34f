package dev.cutover.migration.service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import dev.cutover.events.Phase;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.MigrationOperation;
import dev.cutover.migration.operation.OperationCancelledException;
import dev.cutover.migration.operation.OperationContext;
import dev.cutover.migration.operation.Operations;
import dev.cutover.migration.operation.StepState;
import dev.cutover.migration.repository.StepRun;
import dev.cutover.migration.repository.StepRunRepository;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.target.TargetConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drives a migration set's steps on one target through their operations, persisting where each
 * step stands (and its checkpoint) so that after a crash every step is resumed or rolled back from
 * where it was, never run twice from scratch and never forgotten.
 */
@ApplicationScoped
public class MigrationSteps {

    private final StepRunRepository stepRuns;
    private final Operations operations;
    private final TargetConnections connections;
    private final ProgressReporter progress;
    private final RollbackRequests rollbacks;

    public MigrationSteps(StepRunRepository stepRuns, Operations operations, TargetConnections connections,
            ProgressReporter progress, RollbackRequests rollbacks) {
        this.stepRuns = stepRuns;
        this.operations = operations;
        this.connections = connections;
        this.progress = progress;
        this.rollbacks = rollbacks;
    }

    /** What one step did, with the evidence its operation measured. */
    public record StepReport(String step, String operation, String action, long durationMs, Map<String, Object> evidence) {
    }

    /** Problems every step's operation finds on the target before anything changes. */
    public List<String> validate(PhaseRequest request, MigrationSet set) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<StepSpec> steps = set.manifest().steps();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            OperationContext context = context(request, set, i, step, new LockLedger(), Phase.PREFLIGHT, () -> false);
            operation(step).validate(context).forEach(p -> problems.add(step.name() + ": " + p));
        }
        return problems;
    }

    /** Starts, in order, every step not applied yet; a step a crash interrupted carries on from its checkpoint. */
    public List<StepReport> apply(PhaseRequest request, MigrationSet set, Phase phase, LockLedger ledger) {
        Map<Integer, StepRun> runs = runsByIndex(request);
        List<StepReport> reports = new ArrayList<>();
        List<StepSpec> steps = set.manifest().steps();
        for (int i = 0; i < steps.size(); i++) {
            StepRun run = runs.get(i);
            if (run != null && (run.status == StepRun.Status.APPLIED || run.status == StepRun.Status.COMPLETED)) {
                continue;
            }
            StepSpec step = steps.get(i);
            boolean fresh = run == null || run.status == StepRun.Status.ROLLED_BACK;
            transition(request, i, step, StepRun.Status.STARTED, fresh);
            OperationContext context = context(request, set, i, step, ledger, phase,
                    () -> rollbacks.isRequested(request.rolloutId()));
            long began = System.nanoTime();
            invoke(step, "start", () -> operation(step).start(context));
            transition(request, i, step, StepRun.Status.APPLIED, false);
            reports.add(report(step, "start", began, context));
        }
        return reports;
    }

    /** Checks of every applied step, prefixed with the step's name. */
    public List<MigrationOperation.Check> verify(PhaseRequest request, MigrationSet set) throws SQLException {
        List<MigrationOperation.Check> checks = new ArrayList<>();
        for (StepRun run : runsByIndex(request).values()) {
            if (run.status != StepRun.Status.APPLIED) {
                continue;
            }
            StepSpec step = set.manifest().steps().get(run.stepIndex);
            OperationContext context = context(request, set, run.stepIndex, step, new LockLedger(), Phase.VALIDATE,
                    () -> false);
            operation(step).verify(context).forEach(check -> checks.add(
                    new MigrationOperation.Check(step.name() + ": " + check.name(), check.value(), check.passed())));
        }
        return checks;
    }

    /**
     * Rolls back, newest first, every step that started and was not completed. Not cancellable:
     * a rollback is the safe place a cancellation leads to.
     */
    public List<StepReport> rollback(PhaseRequest request, MigrationSet set, Phase phase, LockLedger ledger) {
        List<StepRun> runs = new ArrayList<>(runsByIndex(request).values());
        List<StepReport> reports = new ArrayList<>();
        for (int r = runs.size() - 1; r >= 0; r--) {
            StepRun run = runs.get(r);
            if (run.status != StepRun.Status.STARTED && run.status != StepRun.Status.APPLIED) {
                continue;
            }
            StepSpec step = set.manifest().steps().get(run.stepIndex);
            OperationContext context = context(request, set, run.stepIndex, step, ledger, phase, () -> false);
            long began = System.nanoTime();
            invoke(step, "roll back", () -> operation(step).rollback(context));
            transition(request, run.stepIndex, step, StepRun.Status.ROLLED_BACK, false);
            reports.add(report(step, "rollback", began, context));
        }
        return reports;
    }

    /** After acceptance: each applied step drops what it kept for a rollback. */
    public List<StepReport> complete(PhaseRequest request, MigrationSet set) {
        List<StepReport> reports = new ArrayList<>();
        for (StepRun run : runsByIndex(request).values()) {
            if (run.status != StepRun.Status.APPLIED) {
                continue;
            }
            StepSpec step = set.manifest().steps().get(run.stepIndex);
            OperationContext context = context(request, set, run.stepIndex, step, new LockLedger(), Phase.STABILITY,
                    () -> false);
            long began = System.nanoTime();
            invoke(step, "complete", () -> operation(step).complete(context));
            transition(request, run.stepIndex, step, StepRun.Status.COMPLETED, false);
            reports.add(report(step, "complete", began, context));
        }
        return reports;
    }

    /** Whether any step of the set changed (or may have changed) this target. */
    public boolean touched(PhaseRequest request) {
        return runsByIndex(request).values().stream()
                .anyMatch(run -> run.status == StepRun.Status.STARTED || run.status == StepRun.Status.APPLIED);
    }

    @FunctionalInterface
    private interface TargetWork {
        void run() throws SQLException;
    }

    /** Cancellation passes through untouched; any other failure is tagged with the step it happened in. */
    private static void invoke(StepSpec step, String action, TargetWork work) {
        try {
            work.run();
        } catch (OperationCancelledException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw new StepFailedException(step.name(), step.operation(), action, e);
        }
    }

    private MigrationOperation operation(StepSpec step) {
        return operations.get(step.operation());
    }

    private OperationContext context(PhaseRequest request, MigrationSet set, int index, StepSpec step,
            LockLedger ledger, Phase phase, BooleanSupplier cancelled) {
        return new OperationContext(step, set, request.target(), () -> connections.open(request.target()),
                request.plan().settings(), ledger, progress.listener(request, phase), new PersistedState(request, index),
                cancelled);
    }

    private static StepReport report(StepSpec step, String action, long beganNanos, OperationContext context) {
        return new StepReport(step.name(), step.operation(), action, (System.nanoTime() - beganNanos) / 1_000_000,
                context.evidence());
    }

    private Map<Integer, StepRun> runsByIndex(PhaseRequest request) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Integer, StepRun> runs = new TreeMap<>();
            stepRuns.ofTarget(request.rolloutId(), request.environmentName(), request.target().name())
                    .forEach(run -> runs.put(run.stepIndex, run));
            return runs;
        });
    }

    private void transition(PhaseRequest request, int index, StepSpec step, StepRun.Status status, boolean fresh) {
        QuarkusTransaction.requiringNew().run(() -> {
            StepRun run = stepRuns.findById(key(request, index));
            if (run == null) {
                run = new StepRun();
                run.rolloutId = request.rolloutId();
                run.environment = request.environmentName();
                run.target = request.target().name();
                run.stepIndex = index;
                run.stepName = step.name();
                run.operation = step.operation();
                run.state = new HashMap<>();
                run.status = status;
                run.updatedAt = Instant.now();
                stepRuns.persist(run);
                return;
            }
            if (fresh) {
                run.state = new HashMap<>();
            }
            run.status = status;
            run.updatedAt = Instant.now();
        });
    }

    private static StepRun.Key key(PhaseRequest request, int index) {
        return new StepRun.Key(request.rolloutId(), request.environmentName(), request.target().name(), index);
    }

    /** The operation's checkpoint, kept in the step's row (one short transaction per save). */
    private final class PersistedState implements StepState {
        private final PhaseRequest request;
        private final int index;

        PersistedState(PhaseRequest request, int index) {
            this.request = request;
            this.index = index;
        }

        @Override
        public Map<String, Object> load() {
            return QuarkusTransaction.requiringNew().call(() -> {
                StepRun run = stepRuns.findById(key(request, index));
                return run == null ? Map.<String, Object>of() : new HashMap<>(run.state);
            });
        }

        @Override
        public void save(Map<String, Object> state) {
            QuarkusTransaction.requiringNew().run(() -> {
                StepRun run = stepRuns.findById(key(request, index));
                run.state = new HashMap<>(state);
                run.updatedAt = Instant.now();
            });
        }
    }
}
