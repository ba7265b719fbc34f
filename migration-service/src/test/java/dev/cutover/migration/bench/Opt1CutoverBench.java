package dev.cutover.migration.bench;

import static dev.cutover.testing.BenchSupport.execute;
import static dev.cutover.testing.BenchSupport.loadAverage;
import static dev.cutover.testing.BenchSupport.round;
import static dev.cutover.testing.BenchSupport.scalar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cutover.migration.operation.ConcurrentWriter;
import dev.cutover.migration.operation.ConcurrentWriter.OriginalRows;
import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.operation.MigrationOperation;
import dev.cutover.migration.operation.MigrationSettings;
import dev.cutover.migration.operation.OperationCancelledException;
import dev.cutover.migration.operation.OperationContext;
import dev.cutover.migration.operation.OperationHarness;
import dev.cutover.testing.BenchSupport;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;

/**
 * The OPT1 cutover on a production-sized catalogue, everything measured in one run on one server:
 *
 * <ol>
 * <li>offline baseline: {@code INSERT INTO <the step's own empty partitioned copy> SELECT * FROM
 * catalogo_geometrias}, rows/s;
 * <li>online: the step's {@code start} while a writer (own thread, own connection) inserts,
 * updates and deletes at a steady rate: copy rows/s and its ratio to offline, every
 * writer-blocking lock hold from the ledger, failed writes, then every write looked up in the
 * live table;
 * <li>rollback after the cutover while a second writer keeps writing, then every write of both
 * writers looked up in the table that ends up live.
 * </ol>
 *
 * Prints the figures, writes them to {@code <results>/opt1-cutover-<rows>.json} and exits 1 when a
 * target is missed. Run through {@code bench/opt1-cutover}.
 */
public final class Opt1CutoverBench {

    private static final String TABLE = "catalogo_geometrias";
    private static final String FRESH = TABLE + "_cutover_new";
    private static final double RATIO_TARGET = 0.60;
    private static final double LOCK_TARGET_MS = 100;
    private static final double LOCK_GROWTH_TARGET = 1.5;
    private static final long REFERENCE_ROWS = 1_000_000;

    private final long rows;
    private final int writesPerSecond;
    private final MigrationSettings settings;
    private final Path resultsDirectory;
    private final String jdbcUrl;
    private final String user;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Boolean> targets = new LinkedHashMap<>();
    private long lastProgressLog;

    private Opt1CutoverBench(long rows, int writesPerSecond, MigrationSettings settings, Path resultsDirectory,
            String jdbcUrl, String user) {
        this.rows = rows;
        this.writesPerSecond = writesPerSecond;
        this.settings = settings;
        this.resultsDirectory = resultsDirectory;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args,
                "--rows N --writes-per-second N --batch-size N --results DIR");
        long rows = BenchSupport.count(options.getOrDefault("rows", String.valueOf(REFERENCE_ROWS)));
        int writesPerSecond = Integer.parseInt(options.getOrDefault("writes-per-second", "200"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size",
                String.valueOf(MigrationSettings.DEFAULTS.batchSize())));
        Path resultsDirectory = Path.of(options.getOrDefault("results", "bench/results"));
        MigrationSettings defaults = MigrationSettings.DEFAULTS;
        MigrationSettings settings = new MigrationSettings(batchSize, defaults.lockTimeout(), defaults.lockAttempts(),
                defaults.catchUpBacklog());
        TestPostgres postgres = TestPostgres.get();
        String database = "opt1_bench_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabase(database);
        boolean met;
        try {
            met = new Opt1CutoverBench(rows, writesPerSecond, settings, resultsDirectory, postgres.jdbcUrl(database),
                    postgres.user()).run();
        } finally {
            postgres.dropDatabase(database);
        }
        System.exit(met ? 0 : 1);
    }

    private boolean run() throws Exception {
        OperationHarness harness = new OperationHarness(jdbcUrl, user, "", settings);
        MigrationOperation operation = harness.operation;
        environment(harness);
        loadCatalogue(harness);
        double offlineRowsPerSecond = offlineBaseline();

        log("online: start with a concurrent writer at " + writesPerSecond + " writes/s");
        checkpoint(harness);
        ConcurrentWriter during = new ConcurrentWriter(harness::connect, TABLE, new OriginalRows(rows, 0, 2),
                writesPerSecond, 1).start();
        Thread.sleep(1_000);
        OperationContext context = harness.context((step, done, total) -> progress(done, total), () -> false);
        long began = System.nanoTime();
        operation.start(context);
        double startSeconds = seconds(began);
        List<MigrationOperation.Check> checks = operation.verify(context); // while the writer still writes
        // The second writer starts before the first stops: the table never goes without writes.
        ConcurrentWriter after = new ConcurrentWriter(harness::connect, TABLE, new OriginalRows(rows, 1, 2),
                writesPerSecond, 2).start();
        ConcurrentWriter.Report duringReport = during.stop();
        List<String> missingAfterStart;
        try (Connection connection = harness.connect()) {
            missingAfterStart = during.missingIn(connection, TABLE);
        }
        List<LockLedger.LockHold> startHolds = harness.ledger.holds();
        online(context, startSeconds, offlineRowsPerSecond, checks, duringReport, missingAfterStart, startHolds);

        log("rollback after the cutover, writer still writing");
        Thread.sleep(2_000);
        began = System.nanoTime();
        operation.rollback(harness.context());
        double rollbackSeconds = seconds(began);
        Thread.sleep(2_000);
        ConcurrentWriter.Report afterReport = after.stop();
        List<String> lost = new ArrayList<>();
        String relkind;
        try (Connection connection = harness.connect()) {
            lost.addAll(during.missingIn(connection, TABLE));
            lost.addAll(after.missingIn(connection, TABLE));
            relkind = scalar(connection, "SELECT relkind::text FROM pg_class WHERE oid = '" + TABLE + "'::regclass");
        }
        List<LockLedger.LockHold> rollbackHolds = harness.ledger.holds().subList(startHolds.size(),
                harness.ledger.holds().size());
        rollback(rollbackSeconds, afterReport, lost, relkind, rollbackHolds);

        lockTargets(harness.ledger);
        environment.put("loadAverageAtEnd", loadAverage());
        results.put("targets", targets);
        write();
        return !targets.containsValue(false);
    }

    private void environment(OperationHarness harness) throws SQLException {
        try (Connection connection = harness.connect()) {
            for (String setting : List.of("server_version", "shared_buffers", "fsync", "synchronous_commit",
                    "maintenance_work_mem", "max_wal_size")) {
                environment.put(setting, scalar(connection, "SHOW " + setting));
            }
        }
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        // The machine may be shared: its load says how much of the figures is contention.
        environment.put("loadAverageAtStart", loadAverage());
        environment.put("batchSize", settings.batchSize());
        environment.put("lockTimeoutMs", settings.lockTimeout().toMillis());
        environment.put("lockBudgetMs", harness.step.lockBudget());
        environment.put("writesPerSecond", writesPerSecond);
        results.put("rows", rows);
        results.put("environment", environment);
    }

    private void loadCatalogue(OperationHarness harness) throws SQLException {
        log("loading " + rows + " rows of the reference catalogue (seed 1)");
        ReferenceCatalogue.LoadResult load = ReferenceCatalogue.load(jdbcUrl, user, "", rows, 1);
        try (Connection connection = harness.connect()) {
            // Sets hint bits and the visibility map now, so neither measured copy pays for them.
            execute(connection, "VACUUM ANALYZE " + TABLE);
            results.put("catalogue", Map.of("loadSeconds", round(load.seconds()), "tableBytes",
                    Long.parseLong(scalar(connection, "SELECT pg_table_size('" + TABLE + "')"))));
        }
    }

    /**
     * The step itself creates the empty partitioned copy, then stops at its first safe point (the
     * capture trigger's lock); the baseline fills that very table in one statement, then the
     * step's rollback removes it.
     */
    private double offlineBaseline() throws Exception {
        log("offline baseline: INSERT INTO the empty partitioned copy SELECT * FROM " + TABLE);
        OperationHarness harness = new OperationHarness(jdbcUrl, user, "", settings);
        try {
            harness.operation.start(harness.context((step, done, total) -> {
            }, () -> true));
            throw new IllegalStateException("the step ran through although cancelled from the start");
        } catch (OperationCancelledException expected) {
            // The partitioned copy exists, empty; nothing has been copied.
        }
        double seconds;
        long inserted;
        try (Connection connection = harness.connect(); Statement statement = connection.createStatement()) {
            if (!"0".equals(scalar(connection, "SELECT count(*) FROM " + FRESH))) {
                throw new IllegalStateException(FRESH + " is not the empty partitioned copy the baseline needs");
            }
            checkpoint(harness);
            long began = System.nanoTime();
            inserted = statement.executeUpdate("INSERT INTO " + FRESH + " SELECT * FROM " + TABLE);
            seconds = seconds(began);
        }
        harness.operation.rollback(harness.context());
        double rowsPerSecond = inserted / seconds;
        results.put("offline", Map.of("rows", inserted, "seconds", round(seconds), "rowsPerSecond", Math.round(rowsPerSecond)));
        log(String.format("offline: %d rows in %.1f s = %.0f rows/s", inserted, seconds, rowsPerSecond));
        return rowsPerSecond;
    }

    private void online(OperationContext context, double startSeconds, double offlineRowsPerSecond,
            List<MigrationOperation.Check> checks, ConcurrentWriter.Report writer, List<String> missing,
            List<LockLedger.LockHold> holds) {
        Map<String, Object> online = phase("start", startSeconds, writer, missing, holds);
        double copyRowsPerSecond = ((Number) context.evidence().get("copyRowsPerSecond")).doubleValue();
        double ratio = copyRowsPerSecond / offlineRowsPerSecond;
        online.put("onlineToOfflineRatio", round(ratio));
        online.put("evidence", context.evidence());
        online.put("verify", checks);
        targets.put("online copy >= " + RATIO_TARGET + " x offline", ratio >= RATIO_TARGET);
        targets.put("verify passed after start", checks.stream().allMatch(MigrationOperation.Check::passed));
        log(String.format("online copy: %.0f rows/s = %.2f x offline", copyRowsPerSecond, ratio));
        checks.forEach(check -> log("  verify " + check));
    }

    private void rollback(double seconds, ConcurrentWriter.Report writer, List<String> lost, String relkind,
            List<LockLedger.LockHold> holds) {
        phase("rollback", seconds, writer, lost, holds).put("liveRelkind", relkind);
        targets.put("the original plain table is live again", "r".equals(relkind));
    }

    /**
     * What every phase records: its duration, the writer's report, the writes not found in the
     * live table afterwards and the longest lock it held; no write may fail or go missing.
     */
    private Map<String, Object> phase(String name, double seconds, ConcurrentWriter.Report writer, List<String> missing,
            List<LockLedger.LockHold> holds) {
        double longestLock = holds.stream().mapToDouble(LockLedger.LockHold::heldMs).max().orElse(0);
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("seconds", round(seconds));
        phase.put("writer", writer);
        phase.put("writesMissing", missing);
        phase.put("maxLockHoldMs", round(longestLock));
        results.put(name, phase);
        targets.put("no write failed during " + name, writer.failures().isEmpty());
        targets.put("every write present after " + name, missing.isEmpty());
        log(String.format("%s: %.1f s, writer %d writes, %d failed, %d missing, longest write %.1f ms, longest lock %.1f ms",
                name, seconds, writer.writes(), writer.failures().size(), missing.size(), writer.longestWriteMs(),
                longestLock));
        return phase;
    }

    /** The longest hold against the budget and, for a larger table, against the 1M-row run's. */
    private void lockTargets(LockLedger ledger) throws Exception {
        double max = ledger.maxHeldMs();
        results.put("locks", ledger.holds());
        results.put("maxLockHoldMs", round(max));
        targets.put("every exclusive lock held <= " + LOCK_TARGET_MS + " ms", max <= LOCK_TARGET_MS);
        ledger.holds().forEach(hold -> log(String.format("  lock %-28s %6.1f ms  attempts %d  %s", hold.purpose(),
                hold.heldMs(), hold.attempts(), hold.relations())));
        Path reference = resultsDirectory.resolve("opt1-cutover-" + REFERENCE_ROWS + ".json");
        if (rows != REFERENCE_ROWS && Files.exists(reference)) {
            JsonNode referenceRun = new ObjectMapper().readTree(reference.toFile());
            double referenceMax = referenceRun.path("maxLockHoldMs").asDouble();
            double growth = max / referenceMax;
            results.put("maxLockHoldVsReferenceRun", Map.of("referenceRows", REFERENCE_ROWS, "referenceMaxLockHoldMs",
                    referenceMax, "growth", round(growth)));
            targets.put("lock hold <= " + LOCK_GROWTH_TARGET + " x the " + REFERENCE_ROWS + "-row run's", growth
                    <= LOCK_GROWTH_TARGET);
        }
        log(String.format("longest exclusive lock: %.1f ms", max));
    }

    private void write() throws Exception {
        Files.createDirectories(resultsDirectory);
        Path file = resultsDirectory.resolve("opt1-cutover-" + rows + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        targets.forEach((target, met) -> log((met ? "MET     " : "MISSED  ") + target));
        log("results: " + file.toAbsolutePath().normalize());
    }

    private void progress(long done, long total) {
        if (System.nanoTime() - lastProgressLog > 10_000_000_000L || done == total) {
            lastProgressLog = System.nanoTime();
            log(String.format("  copied %d of %d rows", done, total));
        }
    }

    private static void checkpoint(OperationHarness harness) throws SQLException {
        try (Connection connection = harness.connect()) {
            execute(connection, "CHECKPOINT");
        }
    }

    private static double seconds(long beganNanos) {
        return (System.nanoTime() - beganNanos) / 1e9;
    }

    private static void log(String line) {
        System.out.println("[opt1-cutover] " + line);
    }
}
