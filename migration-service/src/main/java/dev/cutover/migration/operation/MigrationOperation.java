package dev.cutover.migration.operation;

import java.sql.SQLException;
import java.util.List;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;

/**
 * One kind of migration step (pgroll's idea: each operation knows how to start, complete, roll
 * back and validate itself). A manifest step names its kind in {@code operation:}.
 *
 * <p>Lifecycle on one target: {@link #validate} before anything changes; {@link #start} makes the
 * new shape live while keeping what a rollback needs; {@link #verify} checks the result;
 * {@link #complete} drops what was kept once the rollout is accepted; {@link #rollback} returns the
 * target to its pre-state from any point before {@code complete}. {@code start} and
 * {@code rollback} must be safe to call again after a crash at any point (they inspect the target
 * and carry on), and must leave no trigger, half-built table or lock behind when they fail.
 */
public interface MigrationOperation {

    /** The name a manifest uses in {@code operation:}. */
    String kind();

    /** Problems with the step as written (parameters, files), reported when the set is loaded. */
    List<String> check(StepSpec step, MigrationSet set);

    /** Problems on this target that would make the step fail, found before anything changes. */
    List<String> validate(OperationContext context) throws SQLException;

    void start(OperationContext context) throws SQLException;

    List<Check> verify(OperationContext context) throws SQLException;

    void complete(OperationContext context) throws SQLException;

    void rollback(OperationContext context) throws SQLException;

    /** One verification with what it measured. */
    record Check(String name, String value, boolean passed) {
    }
}
