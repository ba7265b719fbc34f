package dev.cutover.migration.operation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.MigrationSetReader;
import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.support.target.TargetDatabase;

/**
 * Runs the OPT1 step of the shipped migration set against one database, as the service would but
 * without it: contexts share one lock ledger and one in-memory checkpoint, like one run that
 * crashes and resumes.
 */
public final class OperationHarness {

    /** The migration set as shipped, relative to the migration-service module. */
    public static final Path OPT1_SET = Path.of("../sql/migrations/opt1-temporal-partitioning");

    public final PartitionByRangeOperation operation = new PartitionByRangeOperation();
    public final LockLedger ledger = new LockLedger();
    public final MigrationSet set;
    public final StepSpec step;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final MigrationSettings settings;
    private final InMemoryStepState state = new InMemoryStepState();

    public OperationHarness(String jdbcUrl, String user, String password, MigrationSettings settings) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.settings = settings;
        this.set = MigrationSetReader.read(OPT1_SET,
                kind -> kind.equals(operation.kind()) ? Optional.of(operation) : Optional.empty());
        this.step = set.manifest().steps().get(0);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public OperationContext context() {
        return context((step, done, total) -> {
        }, () -> false);
    }

    public OperationContext context(ProgressListener progress, BooleanSupplier cancelRequested) {
        return context(step, progress, cancelRequested);
    }

    /** A context for the shipped step with some of its params changed. */
    public OperationContext contextWithParams(Map<String, Object> changed) {
        Map<String, Object> params = new HashMap<>(step.paramsOrEmpty());
        params.putAll(changed);
        StepSpec changedStep = new StepSpec(step.name(), step.operation(), step.transactional(), step.lockBudgetMs(),
                step.file(), step.undo(), params);
        return context(changedStep, (name, done, total) -> {
        }, () -> false);
    }

    private OperationContext context(StepSpec spec, ProgressListener progress, BooleanSupplier cancelRequested) {
        return new OperationContext(spec, set, new TargetDatabase("test", jdbcUrl, null), this::connect, settings, ledger,
                progress, state, cancelRequested);
    }

    public Map<String, Object> savedState() {
        return state.load();
    }
}
