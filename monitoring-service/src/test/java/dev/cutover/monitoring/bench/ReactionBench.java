package dev.cutover.monitoring.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Topics;
import dev.cutover.testing.BenchSupport;

/**
 * What {@code bench/monitoring-reaction} measures against a running monitoring-service (REST), its
 * broker and a target database holding the reference catalogue:
 *
 * <ol>
 *   <li><b>Reaction</b>: N times, a guarded watch at 1 s sampling with one rollback-trigger rule on lock
 *   waits; a session takes a lock and another one waits for it. From the instant PostgreSQL says the
 *   wait began ({@code pg_locks.waitstart}) to this consumer receiving {@code metric-breach} FIRING,
 *   and {@code rollback-requested}; from the lock's release to RESOLVED.</li>
 *   <li><b>Overhead</b>: one watch at 1 s sampling with the shipped rules and probes on an otherwise
 *   idle database for a while: the execution time pg_stat_statements records for that database (every
 *   statement there is the monitor's), and the CPU time of the monitor's backends from /proc, each
 *   per second of wall clock, i.e. a share of one core.</li>
 * </ol>
 */
public final class ReactionBench {

    private static final String USAGE = "--monitoring URL --token JWT --kafka HOST:PORT --kafka-config FILE --jdbc URL --user USER --breaches N "
            + "--overhead-seconds S --results DIR";
    private static final double TARGET_REACTION_P99_MS = 2000;
    private static final double TARGET_OVERHEAD_PERCENT = 1.0;
    private static final String LOCKED_TABLE = "bench_reaction_locked";
    /** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String monitoring;
    private final String token;
    private final String jdbcUrl;
    private final String user;
    private final Events events;

    private ReactionBench(String monitoring, String token, String jdbcUrl, String user, Events events) {
        this.monitoring = monitoring;
        this.token = token;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args, USAGE);
        int breaches = Integer.parseInt(options.getOrDefault("breaches", "20"));
        int overheadSeconds = Integer.parseInt(options.getOrDefault("overhead-seconds", "120"));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("measuredAt", Instant.now().toString());
        results.put("loadAverageAtStart", BenchSupport.loadAverage());
        boolean met;
        try (Events events = new Events(BenchSupport.kafkaClient(options.get("kafka"), options.get("kafka-config")))) {
            ReactionBench bench = new ReactionBench(options.get("monitoring"), options.get("token"), options.get("jdbc"), options.get("user"), events);
            Map<String, Object> reaction = bench.reaction(breaches);
            Map<String, Object> overhead = bench.overhead(overheadSeconds);
            results.put("reaction", reaction);
            results.put("overhead", overhead);
            met = (boolean) reaction.get("targetMet") && (boolean) overhead.get("targetMet");
        }
        results.put("loadAverageAtEnd", BenchSupport.loadAverage());
        results.put("targetsMet", met);
        String written = JSON.writeValueAsString(results);
        Path file = Path.of(options.get("results"), "monitoring-reaction.json");
        Files.writeString(file, written + "\n");
        System.out.println(written);
        System.out.println("written to " + file);
        System.exit(met ? 0 : 1);
    }

    private Map<String, Object> reaction(int count) throws Exception {
        try (Connection setup = connect()) {
            BenchSupport.execute(setup, "CREATE TABLE IF NOT EXISTS " + LOCKED_TABLE + " (id int)");
        }
        Random phase = new Random(1);
        List<Double> toBreach = new ArrayList<>();
        List<Double> toRollback = new ArrayList<>();
        List<Double> toResolved = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            UUID rollout = UUID.randomUUID();
            String watch = startWatch(rollout, true, List.of(Map.of("name", "bench_lock_wait", "severity", "CRITICAL",
                    "expr", "lock_waiting_sessions > 0", "for", "0s", "keepFiringFor", "0s", "rollbackTrigger", true)));
            awaitSamples(watch, 2);
            // where in the sampling interval the condition begins is left to chance, as in real life
            Thread.sleep(phase.nextInt(1000));
            try (Connection holder = connect(); Connection waiter = connect(); Connection observer = connect()) {
                holder.setAutoCommit(false);
                BenchSupport.execute(holder, "LOCK TABLE " + LOCKED_TABLE + " IN ACCESS EXCLUSIVE MODE");
                int waiterPid = Integer.parseInt(BenchSupport.scalar(waiter, "SELECT pg_backend_pid()"));
                CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                    try {
                        BenchSupport.execute(waiter, "SELECT count(*) FROM " + LOCKED_TABLE);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Instant waitStart = waitStart(observer, waiterPid);
                Received fired = events.await(rollout, Topics.METRIC_BREACH, "FIRING", Duration.ofSeconds(30));
                Received rollback = events.await(rollout, Topics.ROLLBACK_REQUESTED, null, Duration.ofSeconds(30));
                if (!rollback.causeEventId.equals(fired.eventId)) {
                    throw new IllegalStateException("rollback-requested for " + rollout + " names cause " + rollback.causeEventId
                            + ", not the bench rule's breach " + fired.eventId);
                }
                Instant released = Instant.now();
                holder.commit();
                waiting.get();
                Received resolved = events.await(rollout, Topics.METRIC_BREACH, "RESOLVED", Duration.ofSeconds(30));
                toBreach.add(millis(waitStart, fired.at));
                toRollback.add(millis(waitStart, rollback.at));
                toResolved.add(millis(released, resolved.at));
                System.out.printf("breach %2d/%d: FIRING after %.0f ms, rollback-requested after %.0f ms, RESOLVED %.0f ms after release%n",
                        i, count, toBreach.get(i - 1), toRollback.get(i - 1), toResolved.get(i - 1));
            } finally {
                send("DELETE", "/watches/" + watch, null, 200);
            }
        }
        Map<String, Object> reaction = new LinkedHashMap<>();
        reaction.put("breaches", count);
        reaction.put("samplingInterval", "1s");
        reaction.put("conditionToMetricBreachMs", percentiles(toBreach));
        reaction.put("conditionToRollbackRequestedMs", percentiles(toRollback));
        reaction.put("releaseToResolvedMs", percentiles(toResolved));
        reaction.put("targetP99Ms", TARGET_REACTION_P99_MS);
        reaction.put("targetMet", percentile(toBreach, 0.99) <= TARGET_REACTION_P99_MS
                && percentile(toRollback, 0.99) <= TARGET_REACTION_P99_MS);
        return reaction;
    }

    private Map<String, Object> overhead(int seconds) throws Exception {
        String watch = startWatch(UUID.randomUUID(), false, List.of());
        String database;
        try (Connection target = connect()) {
            database = BenchSupport.scalar(target, "SELECT current_database()");
        }
        // statistics are read from another database, so that reading them adds nothing to the target's
        try (Connection stats = connect(jdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"))) {
            awaitSamples(watch, 2);
            List<Integer> backends = monitorBackends(stats, database);
            BenchSupport.execute(stats, "SELECT pg_stat_statements_reset()");
            Map<Integer, Long> ticksBefore = cpuTicks(backends);
            long startNanos = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wallMs = (System.nanoTime() - startNanos) / 1e6;
            Map<Integer, Long> ticksAfter = cpuTicks(backends);
            List<Integer> backendsAfter = monitorBackends(stats, database);
            double statementMs;
            long calls;
            try (PreparedStatement query = stats.prepareStatement("""
                    SELECT coalesce(sum(total_exec_time + total_plan_time), 0), coalesce(sum(calls), 0)
                    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)""")) {
                query.setString(1, database);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    statementMs = row.getDouble(1);
                    calls = row.getLong(2);
                }
            }
            String others = otherSessions(stats, database);
            JsonNode samples = JSON.readTree(send("GET", "/watches/" + watch + "/samples?limit=100000", null, 200));
            Map<String, Double> cpuMsByPid = new LinkedHashMap<>();
            backends.forEach(pid -> cpuMsByPid.put(String.valueOf(pid), (ticksAfter.get(pid) - ticksBefore.get(pid)) * 1000 / CLOCK_TICKS_PER_SECOND));
            double cpuMs = cpuMsByPid.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Object> overhead = new LinkedHashMap<>();
            overhead.put("samplingInterval", "1s");
            overhead.put("seconds", BenchSupport.round(wallMs / 1000));
            overhead.put("samplesTaken", samples.size());
            overhead.put("statements", calls);
            overhead.put("statementTimeMs", BenchSupport.round(statementMs));
            overhead.put("statementPercentOfOneCore", BenchSupport.round(100 * statementMs / wallMs));
            overhead.put("backendPids", backends);
            overhead.put("backendsUnchanged", backends.equals(backendsAfter));
            overhead.put("backendCpuMs", BenchSupport.round(cpuMs));
            overhead.put("backendCpuMsByPid", cpuMsByPid);
            overhead.put("backendCpuPercentOfOneCore", BenchSupport.round(100 * cpuMs / wallMs));
            overhead.put("otherSessionsOnTarget", others);
            overhead.put("targetPercent", TARGET_OVERHEAD_PERCENT);
            overhead.put("targetMet", others.isEmpty() && backends.equals(backendsAfter)
                    && 100 * statementMs / wallMs < TARGET_OVERHEAD_PERCENT && 100 * cpuMs / wallMs < TARGET_OVERHEAD_PERCENT);
            System.out.printf("overhead over %.0f s: %d statements, %.1f ms (%.3f %% of one core); backends' CPU %.0f ms (%.3f %%)%n",
                    wallMs / 1000, calls, statementMs, 100 * statementMs / wallMs, cpuMs, 100 * cpuMs / wallMs);
            return overhead;
        } finally {
            send("DELETE", "/watches/" + watch, null, 200);
        }
    }

    private String startWatch(UUID rollout, boolean guarded, List<Map<String, Object>> rules) throws IOException, InterruptedException {
        Map<String, Object> request = Map.of("rolloutId", rollout.toString(), "environment", "production", "interval", "1s",
                "guarded", guarded, "target", Map.of("name", "bench-target", "jdbcUrl", jdbcUrl), "rules", rules);
        return JSON.readTree(send("POST", "/watches", request, 201)).get("id").asText();
    }

    /** Waits until the watch has taken {@code count} samples, so its deltas are established. */
    private void awaitSamples(String watch, int count) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (JSON.readTree(send("GET", "/watches/" + watch + "/samples", null, 200)).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("watch " + watch + " took fewer than " + count + " samples in 60 s");
            }
            Thread.sleep(100);
        }
    }

    private String send(String method, String path, Object body, int status) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(monitoring + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** When PostgreSQL says the session began waiting for its lock. */
    private static Instant waitStart(Connection observer, int pid) throws SQLException, InterruptedException {
        try (PreparedStatement query = observer.prepareStatement(
                "SELECT waitstart FROM pg_locks WHERE pid = ? AND NOT granted AND waitstart IS NOT NULL")) {
            query.setInt(1, pid);
            for (int attempt = 0; attempt < 1000; attempt++) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getObject(1, OffsetDateTime.class).toInstant();
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("session " + pid + " never waited for the lock");
    }

    private static List<Integer> monitorBackends(Connection stats, String database) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement query = stats.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = 'cutover-monitoring' ORDER BY pid")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
        }
        if (pids.isEmpty()) {
            throw new IllegalStateException("no session of the monitor on " + database);
        }
        return pids;
    }

    /** Sessions on the target that are not the monitor's: they would make its statement figures wrong. */
    private static String otherSessions(Connection stats, String database) throws SQLException {
        try (PreparedStatement query = stats.prepareStatement("""
                SELECT coalesce(string_agg(pid || ' ' || application_name, ', '), '') FROM pg_stat_activity
                WHERE datname = ? AND application_name <> 'cutover-monitoring' AND backend_type = 'client backend'""")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** utime + stime of each process, from /proc/<pid>/stat (fields 14 and 15, after the command's parentheses). */
    private static Map<Integer, Long> cpuTicks(List<Integer> pids) throws IOException {
        Map<Integer, Long> ticks = new LinkedHashMap<>();
        for (int pid : pids) {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
        return ticks;
    }

    private Connection connect() throws SQLException {
        return connect(jdbcUrl);
    }

    private Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("ApplicationName", "cutover-bench");
        return DriverManager.getConnection(url, properties);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static Map<String, Object> percentiles(List<Double> values) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50", BenchSupport.round(percentile(values, 0.50)));
        figures.put("p99", BenchSupport.round(percentile(values, 0.99)));
        figures.put("min", BenchSupport.round(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
        figures.put("max", BenchSupport.round(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
        figures.put("all", values.stream().map(BenchSupport::round).toList());
        return figures;
    }

    /** Nearest rank: with 20 values, p99 is the largest. */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    /** One record as this bench received it. */
    private record Received(Instant at, UUID eventId, UUID causeEventId) {
    }

    /**
     * Reads metric-breach and rollback-requested from their current ends, noting when each record
     * arrived here, by rollout, topic and (for breaches) state.
     */
    private static final class Events implements AutoCloseable {

        private final Map<String, Received> received = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller;

        Events(Properties props) {
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.METRIC_BREACH, Topics.ROLLBACK_REQUESTED)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, before any breach is provoked
            poller = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                            note(record, Instant.now());
                        }
                    }
                }
            }, "bench-events");
            poller.start();
        }

        private void note(ConsumerRecord<String, String> record, Instant at) {
            if (record.topic().equals(Topics.METRIC_BREACH)) {
                MetricBreach breach = EventJson.read(MetricBreach.class, record.value());
                if (breach.rule().startsWith("bench_")) {
                    received.putIfAbsent(record.key() + "|" + record.topic() + "|" + breach.state(), new Received(at, breach.eventId(), null));
                }
            } else {
                RollbackRequested request = EventJson.read(RollbackRequested.class, record.value());
                received.putIfAbsent(record.key() + "|" + record.topic() + "|null", new Received(at, request.eventId(), request.causeEventId()));
            }
        }

        Received await(UUID rollout, String topic, String state, Duration timeout) throws InterruptedException {
            String key = rollout + "|" + topic + "|" + state;
            Instant deadline = Instant.now().plus(timeout);
            while (!received.containsKey(key)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no " + topic + " " + (state == null ? "" : state + " ") + "for rollout " + rollout
                            + " within " + timeout);
                }
                Thread.sleep(5);
            }
            return received.get(key);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join();
        }
    }
}
