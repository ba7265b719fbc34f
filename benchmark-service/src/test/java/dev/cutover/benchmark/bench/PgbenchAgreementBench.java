package dev.cutover.benchmark.bench;

import static dev.cutover.testing.BenchSupport.execute;
import static dev.cutover.testing.BenchSupport.loadAverage;
import static dev.cutover.testing.BenchSupport.round;
import static dev.cutover.testing.BenchSupport.scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cutover.benchmark.runner.BenchmarkRunner;
import dev.cutover.benchmark.runner.ProgressListener;
import dev.cutover.benchmark.runner.QueryResult;
import dev.cutover.benchmark.runner.RunSettings;
import dev.cutover.suite.Suite;
import dev.cutover.suite.SuiteLoader;
import dev.cutover.testing.BenchSupport;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;

/**
 * Does the benchmark harness measure what pgbench measures? One fixed-parameter query at
 * concurrency 1, on one server, in one run:
 *
 * <ol>
 * <li>the harness: a one-query suite file loaded with {@link SuiteLoader} and run by
 * {@link BenchmarkRunner} (JDBC, extended protocol, server-side prepared after pgJDBC's
 * prepareThreshold): the exact median of its latencies and its HdrHistogram p50;
 * <li>pgbench {@code -n -c 1 -j 1 -f <the same SQL> -l}, {@code -M prepared} (what JDBC does) and
 * {@code -M simple}: the median of the per-transaction log's elapsed times.
 * </ol>
 *
 * The sides alternate in many short pairs (harness, pgbench prepared, pgbench simple; pgbench first
 * in the even pairs) after one discarded pair that warms the JVM and the cache: on a shared 2-core
 * machine another job's bursts of CPU double a side's median for seconds at a time, and short pairs
 * spread such bursts over both sides instead of letting one side catch a whole burst.
 * Each side runs the same warm-up iterations on its connection before its measured ones (pgbench's
 * are its first log lines, dropped). The target is on Q3 (ST_DWithin around a point of the data):
 * |harness median / pgbench prepared median − 1| ≤ 0.10, over all pairs' samples pooled. A primary
 * key lookup is reported beside it, without a target: at tens of µs the client's own overhead
 * is most of what is measured.
 *
 * Prints the figures, writes them to {@code <results>/benchmark-pgbench.json} and exits 1 when the
 * target is missed. Run through {@code bench/benchmark-pgbench}.
 */
public final class PgbenchAgreementBench {

    private static final String TABLE = "catalogo_geometrias";
    private static final String TARGET_QUERY = "Q3";
    private static final double AGREEMENT_TARGET = 0.10;
    private static final int WARMUP_ITERATIONS = 50;
    private static final double Q3_RADIUS_METRES = 250;

    /** One side's measured latencies in one pair; the harness's own HdrHistogram p50, null for pgbench. */
    private record Sample(String side, double[] micros, Long histogramP50Micros) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args,
                "--rows N --pairs N --iterations N --results DIR --pgbench PATH");
        long rows = BenchSupport.count(options.getOrDefault("rows", "250000"));
        int pairs = Integer.parseInt(options.getOrDefault("pairs", "40"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "125"));
        Path resultsDirectory = Path.of(options.getOrDefault("results", "bench/results"));
        Path pgbench = Path.of(options.getOrDefault("pgbench", "/usr/lib/postgresql/15/bin/pgbench"));
        TestPostgres postgres = TestPostgres.get();
        String database = "pgbench_bench_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabase(database);
        Path work = Files.createTempDirectory("benchmark-pgbench");
        boolean met;
        try {
            met = new PgbenchAgreementBench(postgres, database, work, pgbench, rows, pairs, iterations)
                    .run(resultsDirectory);
        } finally {
            postgres.dropDatabase(database);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(file -> file.toFile().delete());
            }
        }
        System.exit(met ? 0 : 1);
    }

    private final TestPostgres postgres;
    private final String database;
    private final Path work;
    private final Path pgbench;
    private final long rows;
    private final int pairs;
    private final int iterations;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Boolean> targets = new LinkedHashMap<>();

    private PgbenchAgreementBench(TestPostgres postgres, String database, Path work, Path pgbench, long rows, int pairs,
            int iterations) {
        this.postgres = postgres;
        this.database = database;
        this.work = work;
        this.pgbench = pgbench;
        this.rows = rows;
        this.pairs = pairs;
        this.iterations = iterations;
    }

    private boolean run(Path resultsDirectory) throws Exception {
        log("loading " + rows + " rows of the reference catalogue (seed 1)");
        ReferenceCatalogue.LoadResult load = ReferenceCatalogue.load(jdbcUrl(), postgres.user(), "", rows, 1);
        Map<String, String> queries = new LinkedHashMap<>();
        try (Connection connection = connect()) {
            // Hint bits, visibility map and statistics settled now, not during the first measured side.
            execute(connection, "VACUUM ANALYZE " + TABLE);
            execute(connection, "CHECKPOINT");
            environment(connection, load);
            queries.put(TARGET_QUERY, "SELECT id, layer_id, name FROM " + TABLE + " WHERE ST_DWithin(geom, '"
                    + scalar(connection, "SELECT ST_AsEWKT(ST_PointOnSurface(geom)) FROM " + TABLE + " WHERE id = "
                            + rows / 2)
                    + "'::geometry, " + Q3_RADIUS_METRES + ")");
            queries.put("lookup", "SELECT id, layer_id, name FROM " + TABLE + " WHERE id = " + rows / 3);
            for (Map.Entry<String, String> query : queries.entrySet()) {
                log(query.getKey() + ": " + query.getValue() + "  -> "
                        + scalar(connection, "SELECT count(*) FROM (" + query.getValue() + ") q") + " rows");
            }
        }
        Suite suite = SuiteLoader.read(writeSuite(queries));
        Map<String, Object> byQuery = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            byQuery.put(query.getKey(), compare(suite, query.getKey(), query.getValue()));
        }
        results.put("queries", byQuery);
        environment.put("loadAverageAtEnd", loadAverage());
        results.put("targets", targets);
        write(resultsDirectory);
        return !targets.containsValue(false);
    }

    /**
     * The pairs of one query: a discarded warm-up pair, then the measured ones; per pair each
     * side's median, then the medians of every side's samples pooled and their ratios.
     */
    private Map<String, Object> compare(Suite suite, String id, String sql) throws Exception {
        Path script = work.resolve(id + ".sql");
        Files.writeString(script, sql + ";\n");
        log(id + ": warm-up pair (discarded)");
        measurePair(suite, id, script, "warmup", false);
        List<Map<String, Object>> pairFigures = new ArrayList<>();
        double[] pairRatios = new double[pairs];
        Map<String, List<double[]>> pooled = new LinkedHashMap<>();
        for (int pair = 1; pair <= pairs; pair++) {
            Map<String, Object> figures = new LinkedHashMap<>();
            StringBuilder line = new StringBuilder(String.format("%s pair %d:", id, pair));
            for (Sample sample : measurePair(suite, id, script, "pair" + pair, pair % 2 == 0)) {
                double median = median(sample.micros());
                figures.put(sample.side() + "MedianMicros", round(median));
                if (sample.histogramP50Micros() != null) {
                    figures.put(sample.side() + "HistogramP50Micros", sample.histogramP50Micros());
                }
                pooled.computeIfAbsent(sample.side(), side -> new ArrayList<>()).add(sample.micros());
                line.append(String.format("  %s %.1f µs", sample.side(), median));
            }
            pairRatios[pair - 1] = (double) figures.get("harnessMedianMicros")
                    / (double) figures.get("pgbenchPreparedMedianMicros");
            figures.put("harnessToPgbenchPrepared", round(pairRatios[pair - 1]));
            pairFigures.add(figures);
            log(line.toString());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sql", sql);
        figures.put("pairs", pairFigures);
        Map<String, Double> medians = new LinkedHashMap<>();
        pooled.forEach((side, samples) -> medians.put(side,
                median(samples.stream().flatMapToDouble(Arrays::stream).toArray())));
        medians.forEach((side, median) -> figures.put(side + "PooledMedianMicros", round(median)));
        double prepared = medians.get("harness") / medians.get("pgbenchPrepared");
        double simple = medians.get("harness") / medians.get("pgbenchSimple");
        figures.put("harnessToPgbenchPrepared", round(prepared));
        figures.put("harnessToPgbenchSimple", round(simple));
        figures.put("medianOfPairRatiosToPgbenchPrepared", round(median(pairRatios)));
        log(String.format("%s pooled (%d x %d each): harness %.1f µs, pgbench prepared %.1f µs (ratio %.3f),"
                + " pgbench simple %.1f µs (ratio %.3f); median of the pairs' ratios to prepared %.3f", id, pairs,
                iterations, medians.get("harness"), medians.get("pgbenchPrepared"), prepared,
                medians.get("pgbenchSimple"), simple, median(pairRatios)));
        if (id.equals(TARGET_QUERY)) {
            targets.put(id + ": |harness median / pgbench prepared median - 1| <= " + AGREEMENT_TARGET,
                    Math.abs(prepared - 1) <= AGREEMENT_TARGET);
        }
        return figures;
    }

    /** Even pairs run pgbench first: a steady drift then favours neither side. */
    private List<Sample> measurePair(Suite suite, String id, Path script, String label, boolean pgbenchFirst)
            throws Exception {
        if (pgbenchFirst) {
            Sample prepared = pgbench(script, "prepared", id + "-" + label);
            Sample simple = pgbench(script, "simple", id + "-" + label);
            return List.of(harness(suite, id), prepared, simple);
        }
        return List.of(harness(suite, id), pgbench(script, "prepared", id + "-" + label),
                pgbench(script, "simple", id + "-" + label));
    }

    private Sample harness(Suite suite, String id) {
        RunSettings settings = new RunSettings(WARMUP_ITERATIONS, iterations, 1, 1, 1, Duration.ofSeconds(30));
        QueryResult result = new BenchmarkRunner(new BenchmarkRunner.Target(jdbcUrl(), postgres.user(), ""), settings)
                .run(suite, suite.select(Set.of(id)), ProgressListener.NONE).queries().get(0);
        if (result.status() != QueryResult.Status.OK || result.errors() > 0) {
            throw new IllegalStateException("the harness run of " + id + " failed: " + result.reason() + " "
                    + result.errorMessages());
        }
        return new Sample("harness", result.latenciesMicros(), result.latency().p50Micros());
    }

    /**
     * pgbench's per-transaction log, {@code client_id transaction_no time script_no time_epoch
     * time_us}: time is the transaction's elapsed µs; the first warm-up lines are dropped.
     */
    private Sample pgbench(Path script, String mode, String label) throws Exception {
        String prefix = "pgbench-" + label + "-" + mode;
        List<String> command = List.of(pgbench.toString(), "-n", "-c", "1", "-j", "1", "-M", mode, "-t",
                String.valueOf(WARMUP_ITERATIONS + iterations), "-f", script.toString(), "-l", "--log-prefix="
                        + work.resolve(prefix), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port()), "-U",
                postgres.user(), database);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        List<String> lines;
        try (Stream<Path> files = Files.list(work)) {
            Path logFile = files.filter(f -> f.getFileName().toString().startsWith(prefix + ".")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("pgbench wrote no log " + prefix + ".*:\n" + output));
            lines = Files.readAllLines(logFile);
        }
        double[] micros = lines.stream().skip(WARMUP_ITERATIONS).mapToDouble(line -> Double.parseDouble(line.split(" ")[2]))
                .toArray();
        if (micros.length != iterations) {
            throw new IllegalStateException("pgbench logged " + lines.size() + " transactions, expected "
                    + (WARMUP_ITERATIONS + iterations) + ":\n" + output);
        }
        return new Sample("pgbench" + Character.toUpperCase(mode.charAt(0)) + mode.substring(1), micros, null);
    }

    /** A one-query-per-entry suite file of the spatial suite's format, the SQL with literal values. */
    private Path writeSuite(Map<String, String> queries) throws IOException {
        StringBuilder yaml = new StringBuilder("name: pgbench_agreement\n"
                + "target: {table: " + TABLE + ", geometry: geom, time: created_at, layers: layers}\n"
                + "queries:\n");
        queries.forEach((id, sql) -> yaml.append("  - id: ").append(id).append("\n    name: ").append(id)
                .append("\n    sql: |\n      ").append(sql).append("\n"));
        Path file = work.resolve("pgbench_agreement.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void environment(Connection connection, ReferenceCatalogue.LoadResult load) throws Exception {
        for (String setting : List.of("server_version", "shared_buffers", "jit")) {
            environment.put(setting, scalar(connection, "SHOW " + setting));
        }
        environment.put("pgbench", pgbenchVersion());
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("loadAverageAtStart", loadAverage());
        results.put("rows", rows);
        results.put("pairs", pairs);
        results.put("iterationsPerSide", iterations);
        results.put("warmupIterationsPerSide", WARMUP_ITERATIONS);
        results.put("catalogueLoadSeconds", round(load.seconds()));
        results.put("environment", environment);
    }

    private String pgbenchVersion() throws Exception {
        Process process = new ProcessBuilder(pgbench.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return version;
    }

    private void write(Path resultsDirectory) throws IOException {
        Files.createDirectories(resultsDirectory);
        Path file = resultsDirectory.resolve("benchmark-pgbench.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        targets.forEach((target, met) -> log((met ? "MET     " : "MISSED  ") + target));
        log("results: " + file.toAbsolutePath().normalize());
    }

    private String jdbcUrl() {
        return postgres.jdbcUrl(database);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), postgres.user(), "");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void log(String line) {
        System.out.println("[benchmark-pgbench] " + line);
    }
}
