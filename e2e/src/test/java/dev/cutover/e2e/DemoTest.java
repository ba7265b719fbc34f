package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.events.Topics;
import dev.cutover.testing.BenchSupport;
import dev.cutover.testing.TestPostgres;

/**
 * The README's first command as a user runs it: {@code bin/cutover demo} brings up the whole local
 * stack (its own cluster, broker and the five packaged services, on ports of this test) and runs each
 * scenario; the test then reads the outcome back from the services and the target databases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ROLLOUT = Pattern.compile("rollout ([0-9a-f-]{36}) is running");
    private static final Map<String, String> ENVIRONMENT = new LinkedHashMap<>();
    /** The targets' password the services are given (the demo cluster trusts local connections, so it is never checked). */
    private static final String CANARY = "canary-" + UUID.randomUUID();
    private static Path root;
    private static String operatorToken;

    @BeforeAll
    static void ports() {
        root = Repository.root();
        ENVIRONMENT.put("CUTOVER_HOME", root.resolve("e2e/target/demo-home").toString());
        ENVIRONMENT.put("CUTOVER_TARGET_PASSWORD", CANARY);
        for (String port : List.of("PG", "KAFKA", "KAFKA_CONTROLLER", "MIGRATION", "BENCHMARK", "MONITORING", "CHECKPOINT",
                "NOTIFICATION")) {
            ENVIRONMENT.put("CUTOVER_" + port + "_PORT", Integer.toString(TestPostgres.freePort()));
        }
    }

    @AfterAll
    static void down() throws Exception {
        run(List.of("down"), 120);
    }

    @Test
    @Order(1)
    void theDefaultScenarioTakesOpt1ThroughEveryGateAndEndsAcceptedAndFinalised() throws Exception {
        // 100 000 rows: at 20 000, Q5's sub-millisecond medians moved by noise alone (-11 % to +33 % here), and CP2 asks >= 5 %
        Result demo = run(List.of("demo", "--rows", "100000", "--fleet", "3", "--watch", "2"), 1200);
        assertEquals(0, demo.exitCode(), demo.tail());
        assertTrue(demo.output().contains("demo complete: rollout " + demo.rollout() + " accepted and finalised"), demo.tail());

        JsonNode rollout = get("MIGRATION", "/rollouts/" + demo.rollout());
        assertEquals("FINALISED", rollout.get("status").asText());
        assertEquals(List.of("CP1", "CP2", "CP3", "WAVE2", "WAVE3", "CP4"), decidedInOrder(demo.rollout()),
                "the checkpoints were decided in lifecycle order");
        assertEquals("ACCEPT", RolloutJson.checkpoint(rollout, "CP4").get("decision").asText());
        for (String db : List.of("cutover_demo_shadow", "cutover_demo_staging", "cutover_demo_prod_1", "cutover_demo_prod_2",
                "cutover_demo_prod_3")) {
            assertEquals("p", liveTable(db), db + ": the partitioned table is live");
            assertEquals(100_000, rows(db), db + ": every row is there");
        }
        assertTrue(demo.output().contains("SIGN-OFF      CP2 as dba"), "the sign-offs are shown: " + demo.tail());
    }

    @Test
    @Order(2)
    void theRegressionScenarioIsRefusedAtStagingAndLeavesProductionUntouched() throws Exception {
        Result demo = run(List.of("demo", "--scenario", "regression", "--rows", "20000", "--fleet", "3", "--watch", "2"), 900);
        assertEquals(1, demo.exitCode(), demo.tail());
        assertTrue(demo.output().contains("CP2 refused the change at staging (NO-GO)"), demo.tail());

        JsonNode rollout = get("MIGRATION", "/rollouts/" + demo.rollout());
        assertEquals("ROLLED_BACK", rollout.get("status").asText());
        assertEquals("NO_GO", RolloutJson.checkpoint(rollout, "CP2").get("decision").asText());
        assertEquals(List.of(), RolloutJson.phasesOn(rollout, "prod-1"), "production was never touched");
        for (String db : List.of("cutover_demo_shadow", "cutover_demo_staging")) {
            assertTrue(hasGistIndex(db), db + ": the rollback rebuilt the GiST index");
        }
    }

    @Test
    @Order(3)
    void theBreachScenarioRollsBackOnItsOwnAndKeepsEveryWrite() throws Exception {
        Result demo = run(List.of("demo", "--scenario", "breach", "--rows", "20000", "--fleet", "3", "--watch", "30"), 900);
        assertEquals(1, demo.exitCode(), demo.tail());
        assertTrue(demo.output().contains("scenario breach: a CRITICAL breach on the canary rolled every changed database back"),
                demo.tail());

        JsonNode rollout = get("MIGRATION", "/rollouts/" + demo.rollout());
        assertEquals("ROLLED_BACK", rollout.get("status").asText());
        assertTrue(RolloutJson.phasesOn(rollout, "prod-1").containsAll(List.of("APPLY", "ROLLBACK")),
                "prod-1 was cut over, then rolled back: " + RolloutJson.phasesOn(rollout, "prod-1"));
        for (String target : List.of("shadow-1", "staging-1", "prod-1")) {
            assertEquals("ROLLBACK", RolloutJson.phasesOn(rollout, target).get(RolloutJson.phasesOn(rollout, target).size() - 1),
                    target + " ends rolled back");
        }
        JsonNode timeline = get("CHECKPOINT", "/rollouts/" + demo.rollout() + "/timeline");
        JsonNode breach = first(timeline, e -> "metric-breach".equals(e.get("topic").asText())
                && "rollback_error_rate".equals(e.at("/event/rule").asText()) && "FIRING".equals(e.at("/event/state").asText())
                && "prod-1".equals(e.at("/event/target").asText()));
        JsonNode request = first(timeline, e -> "rollback-requested".equals(e.get("topic").asText())
                && "monitoring-service".equals(e.at("/event/source").asText()));
        assertEquals(breach.get("eventId").asText(), request.at("/event/causeEventId").asText(),
                "monitoring-service asked for the rollback because of the error-rate breach on the canary");
        Instant breached = Instant.parse(breach.get("occurredAt").asText());
        assertTrue(Instant.parse(RolloutJson.phaseOn(rollout, "prod-1", "APPLY").get("finishedAt").asText()).isBefore(breached),
                "the breach came after the canary's cutover");
        assertTrue(!Instant.parse(RolloutJson.phaseOn(rollout, "prod-1", "ROLLBACK").get("startedAt").asText())
                .isBefore(Instant.parse(request.get("occurredAt").asText())), "the canary was rolled back once that was asked");

        for (String db : List.of("cutover_demo_shadow", "cutover_demo_staging", "cutover_demo_prod_1", "cutover_demo_prod_2",
                "cutover_demo_prod_3")) {
            assertEquals("r", liveTable(db), db + ": the original plain table is live again");
            assertEquals(contentHash("cutover_demo_template"), contentHash(db), db + ": the rows it had are as they were");
            assertEquals("0", query(db, "SELECT count(*) FROM pg_class WHERE relname LIKE 'catalogo_geometrias_cutover%'"),
                    db + ": nothing of the migration is left");
        }
        List<String> committed = Files.readAllLines(root.resolve("e2e/target/demo-home/demo/breach-writes.txt"));
        assertTrue(committed.size() > 100, "the writer ran through the rollout: " + committed.size() + " writes");
        assertEquals(Long.toString(committed.size()), query("cutover_demo_prod_1",
                "SELECT count(*) FROM catalogo_geometrias WHERE id IN (" + String.join(",", committed) + ")"),
                "every write the application committed is in prod-1 after the rollback");
    }

    @Test
    @Order(4)
    void noSecretReachesTheDemosOutputLogsTopicsOrAnswers() throws Exception {
        Path home = Path.of(ENVIRONMENT.get("CUTOVER_HOME"));
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("the targets' password", CANARY));
        try (Stream<Path> users = Files.list(home.resolve("kafka/credentials"))) {
            users.forEach(user -> secrets.put(user.getFileName() + "'s broker password", read(user).strip()));
        }
        assertTrue(secrets.size() >= 8, "admin, five services and ops have broker passwords: " + secrets.keySet());

        List<String> places = new ArrayList<>();
        for (Path logs : List.of(home.resolve("logs"), root.resolve("e2e/target/e2e-logs"))) {
            try (Stream<Path> files = Files.list(logs)) {
                files.filter(f -> logs.endsWith("logs") || f.getFileName().toString().startsWith("demo-"))
                        .forEach(f -> places.add(f + ": " + read(f)));
            }
        }
        places.add("rollouts: " + get("MIGRATION", "/rollouts?limit=500"));
        places.add("watches: " + get("MONITORING", "/watches?limit=1000"));
        places.add("notifications: " + get("NOTIFICATION", "/notifications?limit=1000"));
        for (String service : List.of("MIGRATION", "BENCHMARK", "MONITORING", "CHECKPOINT", "NOTIFICATION")) {
            places.add(service + " audit: " + get(service, "/audit?limit=1000"));
        }
        Properties admin = BenchSupport.kafkaClient("127.0.0.1:" + ENVIRONMENT.get("CUTOVER_KAFKA_PORT"),
                home.resolve("kafka/admin.properties").toString());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(admin, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Topics.partitions().forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    places.add(record.topic() + ": " + record.value());
                    record.headers().forEach(h -> places.add(record.topic() + " header: " + new String(h.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        assertTrue(places.stream().filter(place -> place.startsWith(Topics.PHASE_COMPLETED + ": ")).count() > 10,
                "the demo's phase-completed records were read");
        secrets.forEach((name, secret) -> places.forEach(place -> assertFalse(place.contains(secret),
                name + " is in " + place.substring(0, Math.min(200, place.length())))));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String output, String rollout) {

        String tail() {
            return output.substring(Math.max(0, output.length() - 4000));
        }
    }

    private static Result run(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/cutover").toString()));
        command.addAll(arguments);
        Path log = root.resolve("e2e/target/e2e-logs/demo-" + String.join("-", arguments).replaceAll("[^a-z0-9-]", "") + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("bin/cutover " + arguments + " still running after " + timeoutSeconds + " s; see " + log);
        }
        String output = Files.readString(log);
        Matcher rollout = ROLLOUT.matcher(output);
        return new Result(process.exitValue(), output, rollout.find() ? rollout.group(1) : null);
    }

    /** GET as an operator, with a token from the demo stack's own key ({@code bin/cutover token}). */
    private static JsonNode get(String service, String path) throws IOException, InterruptedException {
        if (operatorToken == null) {
            Result token = run(List.of("token", "--role", "operator", "--name", "demo-test"), 60);
            assertEquals(0, token.exitCode(), token.tail());
            operatorToken = token.output().lines().reduce((first, last) -> last).orElseThrow().strip();
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ENVIRONMENT.get("CUTOVER_" + service + "_PORT") + path))
                .header("Authorization", "Bearer " + operatorToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The checkpoints in the order their final decision reached checkpoint-service's timeline. */
    private static List<String> decidedInOrder(String rollout) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode entry : get("CHECKPOINT", "/rollouts/" + rollout + "/timeline")) {
            if ("checkpoint-decided".equals(entry.get("topic").asText())) {
                String name = entry.get("event").get("checkpoint").asText();
                names.remove(name); // a CONDITIONAL followed by its acceptance counts once, where it was accepted
                names.add(name);
            }
        }
        return names;
    }

    private static JsonNode first(JsonNode entries, Predicate<JsonNode> matching) {
        for (JsonNode entry : entries) {
            if (matching.test(entry)) {
                return entry;
            }
        }
        throw new AssertionError("no such entry in " + entries);
    }

    /** Row count and a hash of the rows in id order, the demo writer's rows left out: what the catalogue was loaded with. */
    private static String contentHash(String db) throws SQLException {
        return query(db, "SELECT count(*) || ':' || md5(string_agg(md5(t::text), '' ORDER BY t.id)) FROM catalogo_geometrias t"
                + " WHERE attributes->>'source' IS DISTINCT FROM 'demo-writer'");
    }

    private static String liveTable(String db) throws SQLException {
        return query(db, "SELECT relkind::text FROM pg_class WHERE oid = 'catalogo_geometrias'::regclass");
    }

    private static long rows(String db) throws SQLException {
        return Long.parseLong(query(db, "SELECT count(*) FROM catalogo_geometrias"));
    }

    private static boolean hasGistIndex(String db) throws SQLException {
        return "1".equals(query(db, "SELECT count(*) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid"
                + " WHERE i.indrelid = 'catalogo_geometrias'::regclass AND i.indisvalid AND x.relname = 'catalogo_geometrias_geom_gist'"));
    }

    private static String query(String db, String sql) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + ENVIRONMENT.get("CUTOVER_PG_PORT") + "/" + db;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
