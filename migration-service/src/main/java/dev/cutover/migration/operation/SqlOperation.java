package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code operation: sql} — a SQL file and the file that undoes it. Both must be idempotent (IF NOT
 * EXISTS, CREATE OR REPLACE, DROP … IF EXISTS): after a crash the step is simply run again.
 *
 * <p>A transactional step measures the locks it holds that block writers on relations that existed
 * before it began; if the transaction ran longer than the step's lock budget while holding one, it
 * is rolled back instead of committed, so the budget is a promise, not a hope.
 */
@ApplicationScoped
public class SqlOperation implements MigrationOperation {

    /** Lock modes that conflict with INSERT/UPDATE/DELETE (RowExclusiveLock). */
    private static final String WRITER_BLOCKING_MODES =
            "('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')";

    @Override
    public String kind() {
        return "sql";
    }

    @Override
    public List<String> check(StepSpec step, MigrationSet set) {
        List<String> problems = new ArrayList<>();
        requireFile(problems, set, "file", step.file());
        requireFile(problems, set, "undo", step.undo());
        if (!step.paramsOrEmpty().isEmpty()) {
            problems.add("params: a sql step takes none");
        }
        return problems;
    }

    private static void requireFile(List<String> problems, MigrationSet set, String field, String file) {
        if (file == null || file.isBlank()) {
            problems.add(field + ": required (every step must say how it is undone)");
        } else if (!set.files().containsKey(file)) {
            problems.add(field + ": no file '" + file + "' in the set");
        }
    }

    @Override
    public List<String> validate(OperationContext context) {
        return List.of();
    }

    @Override
    public void start(OperationContext context) throws SQLException {
        context.evidence("statements", run(context, context.step().file()));
    }

    @Override
    public List<Check> verify(OperationContext context) {
        return List.of();
    }

    @Override
    public void complete(OperationContext context) {
        // Nothing is kept aside by a plain SQL step; its undo file is all a rollback needs.
    }

    @Override
    public void rollback(OperationContext context) throws SQLException {
        context.evidence("undoStatements", run(context, context.step().undo()));
    }

    private static int run(OperationContext context, String file) throws SQLException {
        String sql = context.set().read(file);
        try (Connection connection = context.open()) {
            if (!context.step().runsInTransaction()) {
                List<String> statements = SqlScript.statements(sql);
                try (Statement statement = connection.createStatement()) {
                    for (String each : statements) {
                        context.throwIfCancelled();
                        statement.execute(each);
                    }
                }
                return statements.size();
            }
            runInTransaction(context, connection, file, sql);
            return SqlScript.statements(sql).size();
        }
    }

    /**
     * The script in one transaction, tried again when one of its statements waited longer than
     * {@code lockTimeout} for a lock (another session, autovacuum, held it): up to {@code lockAttempts}
     * times, as the online operations do, before the step fails with "lock timeout exhausted".
     */
    private static void runInTransaction(OperationContext context, Connection connection, String file, String sql)
            throws SQLException {
        List<String> failures = new ArrayList<>();
        int attempts = context.settings().lockAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            context.throwIfCancelled();
            try {
                attemptInTransaction(context, connection, file, sql);
                return;
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState()) || e instanceof LockTimeoutExhaustedException) {
                    throw e;
                }
                failures.add("attempt " + attempt + ": " + e.getMessage().lines().findFirst().orElse(""));
                context.sleepBeforeRetry(attempt);
            }
        }
        throw new LockTimeoutExhaustedException(String.format("%s could not get its locks, waiting at most %d ms each time,"
                + " in %d attempts (%s)", file, context.settings().lockTimeout().toMillis(), attempts,
                String.join("; ", failures.subList(Math.max(0, failures.size() - 3), failures.size()))));
    }

    private static void attemptInTransaction(OperationContext context, Connection connection, String file, String sql)
            throws SQLException {
        StepSpec step = context.step();
        try (Statement statement = connection.createStatement()) {
            long oidsBefore = maxRelationOid(statement);
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL lock_timeout = '" + context.settings().lockTimeout().toMillis() + "ms'");
            long began = System.nanoTime();
            statement.execute(sql);
            List<String> blocking = writerBlockingLocks(statement, oidsBefore);
            double heldMs = (System.nanoTime() - began) / 1e6;
            if (!blocking.isEmpty() && heldMs > step.lockBudget()) {
                connection.rollback();
                throw new LockTimeoutExhaustedException(String.format(
                        "%s held %s for %.1f ms, over its %d ms lock budget; rolled back", file,
                        String.join(", ", blocking), heldMs, step.lockBudget()));
            }
            connection.commit();
            if (!blocking.isEmpty()) {
                context.locks().record(new LockLedger.LockHold(step.name(), file, blocking, "writer-blocking",
                        (System.nanoTime() - began) / 1e6, 1));
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static long maxRelationOid(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT max(oid)::bigint FROM pg_class")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Relations that existed before the step on which this transaction holds a writer-blocking lock. */
    private static List<String> writerBlockingLocks(Statement statement, long oidsBefore) throws SQLException {
        List<String> locks = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT l.relation::regclass::text || ' ' || l.mode FROM pg_locks l"
                + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
                + " AND l.mode IN " + WRITER_BLOCKING_MODES + " AND l.relation::bigint <= " + oidsBefore
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rows.next()) {
                locks.add(rows.getString(1));
            }
        }
        return locks;
    }
}
