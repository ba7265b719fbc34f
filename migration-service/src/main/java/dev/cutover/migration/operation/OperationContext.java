package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.support.target.TargetDatabase;

/**
 * What an operation gets to do its work on one target: its step, connections, pacing, the lock
 * ledger, progress reporting, a persisted checkpoint, the cancellation flag and a place for the
 * evidence it measures. Plain Java, so operations are testable against a database without the service.
 */
public final class OperationContext {

    private static final ObjectMapper PARAMS = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final StepSpec step;
    private final MigrationSet set;
    private final TargetDatabase target;
    private final TargetConnectionSource connections;
    private final MigrationSettings settings;
    private final LockLedger locks;
    private final ProgressListener progress;
    private final StepState state;
    private final BooleanSupplier cancelRequested;
    private final Map<String, Object> evidence = new LinkedHashMap<>();

    public OperationContext(StepSpec step, MigrationSet set, TargetDatabase target, TargetConnectionSource connections,
            MigrationSettings settings, LockLedger locks, ProgressListener progress, StepState state,
            BooleanSupplier cancelRequested) {
        this.step = step;
        this.set = set;
        this.target = target;
        this.connections = connections;
        this.settings = settings;
        this.locks = locks;
        this.progress = progress;
        this.state = state;
        this.cancelRequested = cancelRequested;
    }

    /** The step's {@code params} as the operation's own record; unknown keys are errors. */
    public static <T> T params(StepSpec step, Class<T> type) {
        return PARAMS.convertValue(step.paramsOrEmpty(), type);
    }

    public <T> T params(Class<T> type) {
        return params(step, type);
    }

    public StepSpec step() {
        return step;
    }

    public MigrationSet set() {
        return set;
    }

    /** The target as the plan names it (no secrets: credentials are a configured name). */
    public TargetDatabase target() {
        return target;
    }

    public MigrationSettings settings() {
        return settings;
    }

    public LockLedger locks() {
        return locks;
    }

    /** A new connection to the target, in autocommit mode; the caller closes it. */
    public Connection open() throws SQLException {
        return connections.open();
    }

    public void progress(long rowsDone, long rowsTotal) {
        progress.progress(step.name(), rowsDone, rowsTotal);
    }

    public Map<String, Object> savedState() {
        return state.load();
    }

    public void saveState(Map<String, Object> checkpoint) {
        state.save(checkpoint);
    }

    /** A safe point: stops the step when a rollback was requested. */
    public void throwIfCancelled() {
        if (cancelRequested.getAsBoolean()) {
            throw new OperationCancelledException("rollback requested while " + step.name() + " was running");
        }
    }

    public void evidence(String name, Object value) {
        evidence.put(name, value);
    }

    public Map<String, Object> evidence() {
        return evidence;
    }

    /** Work done while holding locks that block writers; returns what it computed. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@link #underLock} holding {@code ACCESS EXCLUSIVE}, which blocks readers too. */
    public <T> T underExclusiveLock(Connection connection, String purpose, List<String> relations, LockedWork<T> work)
            throws SQLException {
        return underLock(connection, purpose, relations, LockMode.ACCESS_EXCLUSIVE, work);
    }

    /** Work done between two attempts at a lock, outside any transaction. */
    @FunctionalInterface
    public interface BetweenAttempts {
        void run() throws SQLException;
    }

    public <T> T underLock(Connection connection, String purpose, List<String> relations, LockMode mode,
            LockedWork<T> work) throws SQLException {
        return underLock(connection, purpose, relations, mode, work, () -> {
        });
    }

    /**
     * Runs {@code work} in one transaction holding {@code mode} on {@code relations}. Each attempt
     * waits at most {@code lockTimeout} for the lock, so the application's queries queue behind it
     * for no longer; an attempt whose work outlasts the step's lock budget is rolled back instead of
     * committed. The hold (grant → commit) is measured and recorded in the ledger. Before each
     * retry, {@code betweenAttempts} runs (e.g. a catch-up, so what the work must do under the lock
     * does not grow while the lock is unavailable).
     */
    public <T> T underLock(Connection connection, String purpose, List<String> relations, LockMode mode,
            LockedWork<T> work, BetweenAttempts betweenAttempts) throws SQLException {
        List<String> failures = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int attempt = 1; attempt <= settings.lockAttempts(); attempt++) {
                throwIfCancelled();
                if (attempt > 1) {
                    connection.setAutoCommit(autoCommit);
                    betweenAttempts.run();
                    connection.setAutoCommit(false);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
                    statement.execute("LOCK TABLE " + String.join(", ", relations) + " IN " + mode.sql() + " MODE");
                    long granted = System.nanoTime();
                    T result = work.run(connection);
                    double elapsedMs = (System.nanoTime() - granted) / 1e6;
                    if (elapsedMs > step.lockBudget()) {
                        connection.rollback();
                        failures.add(String.format("attempt %d: work took %.1f ms, over the %d ms budget", attempt,
                                elapsedMs, step.lockBudget()));
                    } else {
                        connection.commit();
                        double heldMs = (System.nanoTime() - granted) / 1e6;
                        locks.record(new LockLedger.LockHold(step.name(), purpose, relations, mode.pgLocksName(),
                                heldMs, attempt));
                        return result;
                    }
                } catch (SQLException e) {
                    connection.rollback();
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    }
                    failures.add("attempt " + attempt + ": " + e.getMessage());
                }
                sleepBeforeRetry(attempt);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        throw new LockTimeoutExhaustedException(String.format("%s: could not hold %s within %d ms in %d attempts (%s)",
                purpose, String.join(", ", relations), step.lockBudget(), settings.lockAttempts(),
                String.join("; ", failures.subList(Math.max(0, failures.size() - 3), failures.size()))));
    }

    /** Backs off with jitter so retries do not line up with the application's own bursts. */
    void sleepBeforeRetry(int attempt) {
        long base = settings.lockTimeout().toMillis() * Math.min(attempt, 10);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("interrupted while waiting to retry " + step.name());
        }
    }
}
