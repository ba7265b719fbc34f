package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.MigrationSetReader;
import dev.cutover.migration.operation.InMemoryStepState;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.MigrationOperation;
import dev.cutover.migration.operation.MigrationSettings;
import dev.cutover.migration.operation.OperationContext;
import dev.cutover.migration.operation.Operations;
import dev.cutover.migration.operation.ScheduleOperation;
import dev.cutover.migration.operation.SqlOperation;
import dev.cutover.migration.operation.TableFingerprint;
import dev.cutover.migration.schedule.JobRegistry;
import dev.cutover.support.target.TargetDatabase;
import dev.cutover.testing.TestPostgres;

/**
 * A migration set of {@code sql/migrations} driven step by step on a test database the way the
 * service drives it (validate, start, verify; rollback in reverse order), without the service.
 */
final class SetRun {

    final MigrationSet set;
    final TargetDatabase target;
    final LockLedger locks = new LockLedger();
    private final Operations operations;
    private final List<OperationContext> contexts = new ArrayList<>();

    SetRun(String id, String database, JobRegistry registry) {
        TestPostgres postgres = TestPostgres.get();
        operations = new Operations(List.of(new SqlOperation(), new ScheduleOperation(registry)));
        set = MigrationSetReader.read(Path.of("../sql/migrations", id), operations::find);
        target = new TargetDatabase("test-" + database, postgres.jdbcUrl(database), null);
        for (var step : set.manifest().steps()) {
            contexts.add(new OperationContext(step, set, target, () -> postgres.connect(database), MigrationSettings.DEFAULTS,
                    locks, (name, done, total) -> { }, new InMemoryStepState(), () -> false));
        }
    }

    /** Every step, in order: validate finds nothing, start, and every verification passes. */
    void apply() throws SQLException {
        for (OperationContext context : contexts) {
            MigrationOperation operation = operations.get(context.step().operation());
            assertEquals(List.of(), operation.validate(context), context.step().name());
            operation.start(context);
            for (MigrationOperation.Check check : operation.verify(context)) {
                assertTrue(check.passed(), context.step().name() + ": " + check);
            }
        }
    }

    void rollback() throws SQLException {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            operations.get(contexts.get(i).step().operation()).rollback(contexts.get(i));
        }
    }

    /** What a rollback must restore: the catalog, and the content of the tables the set names. */
    record Baseline(List<String> catalog, List<TableFingerprint> fingerprints) {
    }

    Baseline baseline(Connection connection) throws SQLException {
        return new Baseline(CatalogSnapshot.of(connection), TableFingerprint.inOneSnapshot(connection, set.manifest().tables()));
    }

    void assertRestored(Baseline baseline, Connection connection) throws SQLException {
        assertEquals(baseline.catalog(), CatalogSnapshot.of(connection), "catalog after the rollback");
        List<TableFingerprint> after = TableFingerprint.inOneSnapshot(connection, set.manifest().tables());
        for (int i = 0; i < after.size(); i++) {
            assertTrue(after.get(i).sameContentAs(baseline.fingerprints().get(i)), baseline.fingerprints().get(i) + " vs " + after.get(i));
        }
    }

    OperationContext context(String step) {
        return contexts.stream().filter(c -> c.step().name().equals(step)).findFirst().orElseThrow();
    }

    MigrationOperation operation(String step) {
        return operations.get(context(step).step().operation());
    }
}
