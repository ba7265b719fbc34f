package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.operation.LockTimeoutExhaustedException;
import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.testing.TestPostgres;

/**
 * A transactional SQL step whose statement waits longer than lockTimeout for a lock (another
 * session, autovacuum) tries again, up to lockAttempts times, instead of failing at the first wait.
 * OPT3's first step reads catalogo_geometrias, which a second session holds ACCESS EXCLUSIVE.
 */
class SqlStepLockRetryTest {

    private static String db;

    @BeforeAll
    static void createCatalogue() throws SQLException {
        db = TestCatalogue.plainDatabase("lockretry", 2_000);
    }

    @AfterAll
    static void dropDatabase() {
        TestPostgres.get().dropDatabase(db);
    }

    @Test
    void aLockHeldForAMomentIsWaitedOutByRetries() throws Exception {
        SetRun run = new SetRun("opt3-layer-views", db, new InMemoryJobRegistry());
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> holdLock(locked, 400));
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        long started = System.nanoTime();
        run.apply();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        holder.get(10, TimeUnit.SECONDS);
        assertTrue(tookMs >= 350, "the step waited the lock out (" + tookMs + " ms) instead of failing at the first 50 ms wait");
        run.rollback();
    }

    @Test
    void aLockHeldThroughEveryAttemptFailsTheStepAsLockTimeoutExhausted() throws Exception {
        SetRun run = new SetRun("opt3-layer-views", db, new InMemoryJobRegistry());
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> holdLock(locked, 20_000));
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        LockTimeoutExhaustedException refused = assertThrows(LockTimeoutExhaustedException.class, run::apply);
        assertTrue(refused.getMessage().contains("in 20 attempts") && refused.getMessage().contains("lock timeout"),
                refused.getMessage());
        holder.cancel(true);
    }

    private static void holdLock(CountDownLatch locked, long millis) {
        try (Connection connection = TestPostgres.get().connect(db); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET idle_in_transaction_session_timeout = '" + (millis + 5000) + "ms'");
            statement.execute("LOCK TABLE catalogo_geometrias IN ACCESS EXCLUSIVE MODE");
            locked.countDown();
            Thread.sleep(millis);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
