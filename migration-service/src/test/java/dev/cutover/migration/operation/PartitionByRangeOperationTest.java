package dev.cutover.migration.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;

/**
 * OPT1 on a real PostgreSQL + PostGIS: every database starts as a copy of one 50,000-row reference
 * catalogue, the step runs as shipped in {@code sql/migrations/opt1-temporal-partitioning}.
 */
class PartitionByRangeOperationTest {

    private static final String TABLE = "catalogo_geometrias";
    private static final long ROWS = 50_000;
    private static final int BATCH = 2_000;
    private static final MigrationSettings SETTINGS = new MigrationSettings(BATCH, Duration.ofMillis(50), 20, 200);
    private static final String TEMPLATE = "opt1_template_" + UUID.randomUUID().toString().substring(0, 8);

    private final TestPostgres postgres = TestPostgres.get();
    private String database;
    private OperationHarness harness;
    private PartitionByRangeOperation operation;

    @BeforeAll
    static void createCatalogueOnce() {
        TestPostgres postgres = TestPostgres.get();
        postgres.createDatabase(TEMPLATE);
        ReferenceCatalogue.load(postgres.jdbcUrl(TEMPLATE), postgres.user(), "", ROWS, 1);
        // The reference dates every row in 2025-2029; one in a thousand moves past the range so
        // that the DEFAULT partition is exercised too.
        postgres.execute(TEMPLATE, "UPDATE " + TABLE + " SET created_at = created_at + interval '5 years' WHERE id % 1000 = 0");
    }

    @BeforeEach
    void copyCatalogue() {
        database = "opt1_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.execute("postgres", "CREATE DATABASE " + database + " TEMPLATE " + TEMPLATE);
        harness = harness(SETTINGS);
        operation = harness.operation;
    }

    @AfterEach
    void dropDatabase() {
        postgres.dropDatabase(database);
    }

    private OperationHarness harness(MigrationSettings settings) {
        return new OperationHarness(postgres.jdbcUrl(database), postgres.user(), "", settings);
    }

    @Test
    void applyThenRollbackLeavesExactlyThePreState() throws Exception {
        TableShape before = shape();
        assertEquals(List.of(), operation.validate(harness.context()));

        OperationContext context = harness.context();
        operation.start(context);

        assertEquals("p", relkind(TABLE));
        assertAllPassed(operation.verify(context));
        assertEquals(ROWS, ((Number) context.evidence().get("rowsCopied")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Long> partitions = (Map<String, Long>) context.evidence().get("partitions");
        assertEquals(List.of("catalogo_geometrias_2025", "catalogo_geometrias_2026", "catalogo_geometrias_2027",
                "catalogo_geometrias_2028", "catalogo_geometrias_2029", "catalogo_geometrias_default"),
                List.copyOf(partitions.keySet()));
        assertEquals(ROWS / 1000, partitions.get("catalogo_geometrias_default"));
        assertEquals(ROWS, partitions.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(indexNames(TABLE).containsAll(List.of("catalogo_geometrias_pkey", "catalogo_geometrias_geom_gist",
                "catalogo_geometrias_created_at_idx", "catalogo_geometrias_layer_id_idx", "catalogo_geometrias_name_idx")),
                indexNames(TABLE).toString());
        assertEquals(List.of("capture trigger", "foreign key catalogo_geometrias_layer_id_fkey",
                "foreign key catalogo_geometrias_layer_id_fkey", "swap"), ledgerPurposes());
        assertEquals("FOREIGN KEY (layer_id) REFERENCES layers(id) validated=true", scalar("SELECT pg_get_constraintdef(oid)"
                + " || ' validated=' || convalidated FROM pg_constraint WHERE conrelid = '" + TABLE + "'::regclass"
                + " AND conname = 'catalogo_geometrias_layer_id_fkey'"));

        operation.rollback(harness.context());
        assertEquals(before, shape());
        operation.rollback(harness.context());
        assertEquals(before, shape(), "a second rollback changes nothing");
    }

    @Test
    void aConcurrentWriterLosesNothingAndLiveEqualsOldAfterStart() throws Exception {
        ConcurrentWriter writer = new ConcurrentWriter(harness::connect, TABLE, ConcurrentWriter.OriginalRows.all(ROWS), 200,
                1).start();
        OperationContext context = harness.context();
        operation.start(context);
        assertAllPassed(operation.verify(context)); // taken while the writer keeps writing
        ConcurrentWriter.Report report = writer.stop();

        assertEquals(List.of(), report.failures());
        assertTrue(report.writes() > 0);
        try (Connection connection = harness.connect()) {
            assertEquals(List.of(), writer.missingIn(connection, TABLE));
            assertEquals(List.of(), writer.missingIn(connection, TABLE + "_cutover_old"));
        }
        assertAllPassed(operation.verify(context));

        operation.complete(harness.context());
        assertEquals("p", relkind(TABLE));
        assertEquals(null, relkind(TABLE + "_cutover_old"));
        assertEquals(List.of(), leftovers());
        assertEquals("public.catalogo_geometrias_id_seq", scalar("SELECT pg_get_serial_sequence('" + TABLE + "', 'id')"));
        operation.complete(harness.context()); // idempotent
    }

    @Test
    void rollbackAfterTheSwapKeepsEveryWriteMadeAfterIt() throws Exception {
        TableShape before = shape();
        operation.start(harness.context());

        ConcurrentWriter writer = new ConcurrentWriter(harness::connect, TABLE, ConcurrentWriter.OriginalRows.all(ROWS), 200,
                2).start();
        Thread.sleep(1_000);
        operation.rollback(harness.context()); // while the writer keeps writing
        Thread.sleep(500);
        ConcurrentWriter.Report report = writer.stop();

        assertEquals(List.of(), report.failures());
        try (Connection connection = harness.connect()) {
            assertEquals(List.of(), writer.missingIn(connection, TABLE));
        }
        assertEquals(withoutFingerprint(before), withoutFingerprint(shape()), "same table, indexes, sequence, no leftovers");
    }

    @Test
    void aCrashMidCopyResumesAfterTheLastCopiedKey() throws Exception {
        TableShape before = shape();
        AtomicInteger batches = new AtomicInteger();
        OperationContext crashing = harness.context((step, done, total) -> {
            if (batches.incrementAndGet() == 5) {
                throw new IllegalStateException("simulated crash after 5 batches");
            }
        }, () -> false);
        assertThrows(IllegalStateException.class, () -> operation.start(crashing));
        long copied = 5L * BATCH;
        assertEquals(copied, Long.parseLong(scalar("SELECT count(*) FROM " + TABLE + "_cutover_new")));
        assertEquals(copied, ((Number) harness.savedState().get("copiedThrough")).longValue());

        OperationContext resumed = harness.context();
        operation.start(resumed);
        assertEquals(copied, ((Number) resumed.evidence().get("resumedAfterKey")).longValue());
        assertEquals(ROWS - copied, ((Number) resumed.evidence().get("rowsCopied")).longValue(), "no batch copied twice");
        assertAllPassed(operation.verify(resumed));
        assertEquals(fingerprintLine(before), fingerprintLine(shape()));
    }

    @Test
    void rollbackAfterAnInterruptedCopyLeavesNothingBehind() throws Exception {
        TableShape before = shape();
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        OperationContext cancelled = harness.context((step, done, total) -> cancel.set(batches.incrementAndGet() == 3),
                cancel::get);
        assertThrows(OperationCancelledException.class, () -> operation.start(cancelled));
        assertEquals(3L * BATCH, Long.parseLong(scalar("SELECT count(*) FROM " + TABLE + "_cutover_new")));

        operation.rollback(harness.context());
        assertEquals(before, shape());
    }

    @Test
    void theSwapRetriesWhileAnotherSessionHoldsTheTableThenSucceeds() throws Exception {
        OperationContext context;
        try (Blocker blocker = new Blocker()) {
            context = harness.context(blocker::engageWhenCopied, () -> false);
            Thread releaser = new Thread(blocker::releaseAfterOneRefusedAttempt);
            releaser.start();
            operation.start(context);
            releaser.join();
        }
        LockLedger.LockHold swap = harness.ledger.holds().stream().filter(h -> h.purpose().equals("swap")).findFirst()
                .orElseThrow();
        assertTrue(swap.attempts() >= 2, "the first attempt timed out: " + swap);
        assertEquals(swap.attempts(), context.evidence().get("swapAttempts"));
        assertAllPassed(operation.verify(context));
    }

    @Test
    void whenTheLockNeverComesTheSwapGivesUpAndLeavesTheTableAsItWas() throws Exception {
        TableShape before = shape();
        // Enough attempts that a passing autovacuum on the fresh partitions cannot fail an earlier
        // locked step; the blocker holds the live table for good, so only the swap runs out of them.
        OperationHarness impatient = harness(new MigrationSettings(BATCH, Duration.ofMillis(50), 8, 200));
        try (Blocker blocker = new Blocker()) {
            OperationContext context = impatient.context(blocker::engageWhenCopied, () -> false);
            SQLException failure = assertThrows(SQLException.class, () -> impatient.operation.start(context));
            assertInstanceOf(LockTimeoutExhaustedException.class, failure);
            assertTrue(failure.getMessage().startsWith("swap:"), failure.getMessage());
        }
        assertEquals("r", relkind(TABLE), "the live table is still the original one");
        assertEquals(fingerprintLine(before), fingerprintLine(shape()));
        assertEquals(before.lines().get(0), shape().lines().get(0), "same table (OID)");

        impatient.operation.rollback(impatient.context());
        assertEquals(before, shape());
    }

    @Test
    void withoutDefaultPartitionRowsOutsideTheRangeAreReported() throws Exception {
        assertEquals(List.of("\"public\".\"catalogo_geometrias\" has 50 rows outside 2025-01-01 .. 2030-01-01 and"
                + " params.defaultPartition is false: they would have no partition"),
                operation.validate(harness.contextWithParams(Map.of("defaultPartition", false))));
        assertEquals(List.of(), operation.validate(harness.contextWithParams(Map.of("defaultPartition", false,
                "to", "2035-01-01"))));
    }

    @Test
    void validateExplainsTablesItCannotPartition() throws Exception {
        execute("ALTER TABLE " + TABLE + " RENAME TO original");
        execute("CREATE TABLE " + TABLE + " (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        List<String> partitioned = operation.validate(harness.context());
        assertEquals(List.of("\"public\".\"catalogo_geometrias\" is already a partitioned table: nothing to partition"),
                partitioned);

        execute("DROP TABLE " + TABLE);
        execute("CREATE TABLE " + TABLE + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, created_at timestamptz)");
        List<String> identity = operation.validate(harness.context());
        assertTrue(identity.stream().anyMatch(p -> p.contains("catalogo_geometrias\".id is an identity column")
                && p.contains("sequence it owns")), identity.toString());
        assertTrue(identity.stream().anyMatch(p -> p.contains("created_at allows NULL")), identity.toString());
        assertTrue(identity.stream().anyMatch(p -> p.contains("has no column 'geom'")), identity.toString());
    }

    @Test
    void theShippedSetLoadsAndBadParametersAreNamed() {
        StepSpec step = harness.step;
        assertEquals("partition_by_range", step.operation());
        assertFalse(step.runsInTransaction());
        assertEquals(100, step.lockBudget());
        assertEquals(List.of(), operation.check(step, harness.set));
        assertEquals(List.of("catalogo_geometrias"), harness.set.manifest().tables());

        StepSpec bad = new StepSpec("bad", "partition_by_range", true, 100L, null, null, Map.of("table", "t", "column", "c",
                "from", "2025-03-01", "to", "2026-03-01", "interval", "1 fortnight",
                "indexes", List.of(Map.of("name", "Bad Name", "using", "rtree", "columns", List.of()))));
        List<String> problems = operation.check(bad, harness.set);
        assertEquals(List.of(
                "transactional: must be false (the operation commits batch by batch and takes its own short locks)",
                "undo: must be 'operation' (partition_by_range rolls itself back)",
                "params.interval: '1 fortnight' is not 'N year(s)' or 'N month(s)'",
                "params.indexes[0].name: 'Bad Name' must be lower-case letters, digits and '_' (not 'pkey'); it becomes the"
                        + " suffix of the index names",
                "params.indexes[0].using: 'rtree' is not one of [btree, gist, brin, hash, gin, spgist]",
                "params.indexes[0].columns: at least one column name"), problems);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Another session holding ACCESS SHARE on the live table from the moment the copy is done,
     * as a long report query would: the swap cannot have its ACCESS EXCLUSIVE lock meanwhile.
     */
    private final class Blocker implements AutoCloseable {

        private final Connection connection;
        private volatile boolean engaged;

        Blocker() throws SQLException {
            connection = harness.connect();
            connection.setAutoCommit(false);
        }

        void engageWhenCopied(String step, long done, long total) {
            if (done == total && !engaged) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LOCK TABLE " + TABLE + " IN ACCESS SHARE MODE");
                    engaged = true;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Lets go once an ACCESS EXCLUSIVE request has queued behind it and given up. */
        void releaseAfterOneRefusedAttempt() {
            try (Connection watcher = harness.connect()) {
                boolean seenWaiting = false;
                while (true) {
                    boolean waiting = Long.parseLong(scalar(watcher, "SELECT count(*) FROM pg_locks WHERE relation = '"
                            + TABLE + "'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted")) > 0;
                    if (seenWaiting && !waiting && engaged) {
                        connection.commit();
                        return;
                    }
                    seenWaiting |= waiting;
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static void assertAllPassed(List<MigrationOperation.Check> checks) {
        assertTrue(checks.size() >= 5, checks.toString());
        checks.forEach(check -> assertTrue(check.passed(), check.toString()));
    }

    private TableShape shape() throws SQLException {
        try (Connection connection = harness.connect()) {
            return TableShape.of(connection, TABLE);
        }
    }

    private static String fingerprintLine(TableShape shape) {
        return shape.lines().stream().filter(l -> l.startsWith("fingerprint")).findFirst().orElseThrow();
    }

    private static List<String> withoutFingerprint(TableShape shape) {
        return shape.lines().stream().filter(l -> !l.startsWith("fingerprint")).toList();
    }

    private List<String> ledgerPurposes() {
        return harness.ledger.holds().stream().map(LockLedger.LockHold::purpose).toList();
    }

    private List<String> leftovers() throws SQLException {
        return shape().lines().stream().filter(l -> l.startsWith("leftover")).toList();
    }

    private String relkind(String table) throws SQLException {
        return scalar("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('" + table + "')");
    }

    private List<String> indexNames(String table) throws SQLException {
        try (Connection connection = harness.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '"
                        + table + "'::regclass")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = harness.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Connection connection = harness.connect()) {
            return scalar(connection, sql);
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
