package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Notification;
import dev.cutover.events.Topics;
import dev.cutover.testing.Await;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;

/**
 * The five packaged services as processes, against the real broker and database: a rollout
 * crosses migration-, checkpoint- and notification-service, and a crashed notification-service
 * catches up on everything it missed, once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonTest {

    private static final List<String> SERVICES = List.of("migration-service", "benchmark-service", "monitoring-service",
            "checkpoint-service", "notification-service");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_DB = "e2e_target_" + UUID.randomUUID().toString().substring(0, 8);
    /** The targets' password every service holds (the test cluster trusts local connections, so it is never checked). */
    private static final String CANARY = "canary-" + UUID.randomUUID();

    private static final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    /** The rollout of the first test, whose target later tests look at. */
    private static String firstRollout;

    @BeforeAll
    static void startServices() {
        TestPostgres postgres = TestPostgres.get();
        postgres.createDatabase(TARGET_DB);
        Path root = Repository.root();
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "CUTOVER_SUITES", root.resolve("sql/suites").toString(),
                "CUTOVER_TARGET_PASSWORD", CANARY));
        ServiceProcess migration = new ServiceProcess(root, "migration-service", environment);
        environment.put("CUTOVER_MIGRATION_URL", migration.url(""));
        for (String name : SERVICES) {
            running.put(name, (name.equals("migration-service") ? migration : new ServiceProcess(root, name, environment)).start());
        }
        running.values().forEach(service -> service.awaitReady(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        for (ServiceProcess service : running.values()) {
            service.stop();
        }
        TestPostgres.get().dropDatabase(TARGET_DB);
    }

    @Test
    @Order(1)
    void aRolloutCrossesMigrationCheckpointAndNotification() throws Exception {
        try (TestKafka.TopicReader topic = TestKafka.get().reader(Topics.NOTIFICATIONS)) {
            String rollout = startRollout("demo-target", TestPostgres.get().jdbcUrl(TARGET_DB));
            firstRollout = rollout;

            JsonNode timeline = Await.until(() -> get("checkpoint-service", "/rollouts/" + rollout + "/timeline"),
                    entries -> entries.size() >= 1, Duration.ofSeconds(30), "the PREFLIGHT entry on the timeline");
            assertEquals("PREFLIGHT", timeline.get(0).get("phase").asText());
            assertEquals("SUCCEEDED", timeline.get(0).get("status").asText());
            assertTrue(timeline.get(0).get("event").get("evidence").get("serverVersion").asText().startsWith("15"));

            JsonNode notifications = awaitNotifications(rollout, 1);
            assertEquals("PREFLIGHT passed on shadow/demo-target", notifications.get(0).get("title").asText());
            assertEquals("INFO", notifications.get(0).get("severity").asText());

            ConsumerRecord<String, String> record = topic.await(r -> rollout.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertEquals(notifications.get(0).get("id").asText(),
                    EventJson.read(Notification.class, record.value()).eventId().toString());
        }
    }

    @Test
    @Order(2)
    void aPassedPreflightStartsAWatchOnTheTargetWhereMigrationServiceSaysItIsWithThePlansRules() {
        String rollout = firstRollout;
        JsonNode watches = Await.until(() -> get("monitoring-service", "/watches?rolloutId=" + rollout),
                list -> list.size() == 1 && list.get(0).has("sampledAt") && !list.get(0).get("sampledAt").isNull(),
                Duration.ofSeconds(40), "a sampled watch of rollout " + rollout);
        JsonNode watch = watches.get(0);
        assertEquals("EVENTS", watch.get("source").asText());
        assertEquals("shadow", watch.get("environment").asText());
        assertEquals(TestPostgres.get().jdbcUrl(TARGET_DB), watch.get("jdbcUrl").asText());
        assertEquals(1.0, watch.get("metrics").get("target_up").asDouble());
        assertEquals("unused_indexes", watch.at("/ruleOverrides/0/name").asText(), "the plan's rule overrides: " + watch);
        assertFalse(watch.at("/ruleOverrides/0/enabled").asBoolean(true), watch.toString());
    }

    @Test
    @Order(3)
    void unreachableTargetIsAFailedPreflightNotAServerError() throws Exception {
        String rollout = startRollout("gone", "jdbc:postgresql://127.0.0.1:" + TestPostgres.freePort() + "/gone");
        JsonNode state = Await.until(() -> get("migration-service", "/rollouts/" + rollout),
                r -> "FAILED".equals(r.get("status").asText()), Duration.ofSeconds(30), "rollout FAILED");
        assertTrue(state.get("phases").get(0).get("error").asText().contains("refused"), state.toString());
        assertEquals("WARNING", awaitNotifications(rollout, 1).get(0).get("severity").asText());
    }

    @Test
    @Order(4)
    void aCrashedNotificationServiceDeliversEveryMissedNotificationOnce() throws Exception {
        ServiceProcess notification = running.get("notification-service");
        String jdbcUrl = TestPostgres.get().jdbcUrl(TARGET_DB);
        List<String> rollouts = new ArrayList<>();
        try (TestKafka.TopicReader topic = TestKafka.get().reader(Topics.NOTIFICATIONS)) {
            for (int i = 0; i < 12; i++) {
                if (i == 3) {
                    notification.crash();
                }
                if (i == 9) {
                    notification.start();
                }
                rollouts.add(startRollout("db" + i, jdbcUrl));
                ServiceProcess.sleep(150);
            }
            notification.awaitReady(Duration.ofSeconds(90));

            for (String rollout : rollouts) {
                awaitNotifications(rollout, 1);
            }
            List<ConsumerRecord<String, String>> records = topic.await(r -> rollouts.contains(r.key()), rollouts.size(),
                    Duration.ofSeconds(30));
            records = topic.drain(Duration.ofSeconds(3)).stream().filter(r -> rollouts.contains(r.key())).toList();
            // The outbox delivers at least once: a SIGKILL between the broker's ack and the commit
            // that marks the row sent re-sends that record after the restart, with the same eventId
            // (and ce_id) for consumers to drop. What must be unique is the notification itself.
            Map<String, Set<String>> perRollout = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> EventJson.read(Notification.class, r.value()).eventId().toString(),
                            Collectors.toSet())));
            assertEquals(rollouts.size(), perRollout.size(), "every rollout notified: " + perRollout);
            assertTrue(perRollout.values().stream().allMatch(ids -> ids.size() == 1), "one notification each: " + perRollout);
            for (String rollout : rollouts) {
                assertEquals(1, get("notification-service", "/notifications?rolloutId=" + rollout).size(),
                        "one notification in history for " + rollout);
            }
        }
    }

    @Test
    @Order(5)
    void aKilledMonitoringServiceResumesItsWatchWithoutFiringAgainOrForgetting() throws Exception {
        String rollout = UUID.randomUUID().toString();
        Map<String, Object> rule = Map.of("name", "lock_wait", "severity", "WARNING", "expr", "lock_waiting_sessions > 0",
                "keepFiringFor", "1s");
        Map<String, Object> watch = Map.of("rolloutId", rollout, "environment", "production", "interval", "1s",
                "target", Map.of("name", "db1", "jdbcUrl", TestPostgres.get().jdbcUrl(TARGET_DB)), "rules", List.of(rule));
        post("monitoring-service", "/watches", watch, 201);
        ServiceProcess monitoring = running.get("monitoring-service");
        try (TestKafka.TopicReader breaches = TestKafka.get().reader(Topics.METRIC_BREACH);
             java.sql.Connection holder = TestPostgres.get().connect(TARGET_DB);
             java.sql.Connection waiter = TestPostgres.get().connect(TARGET_DB)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("CREATE TABLE IF NOT EXISTS locked (id int)");
            holder.commit();
            holder.createStatement().execute("LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
            var waiting = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    waiter.createStatement().execute("SELECT count(*) FROM locked");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            breaches.await(breach(rollout, MetricBreach.State.FIRING), 1, Duration.ofSeconds(30));

            monitoring.crash();
            monitoring.start();
            monitoring.awaitReady(Duration.ofSeconds(90));
            // the resumed watch samples the still-waiting session: the alert is FIRING already, not again
            ServiceProcess.sleep(4_000);
            holder.commit();
            waiting.get();
            breaches.await(breach(rollout, MetricBreach.State.RESOLVED), 1, Duration.ofSeconds(30));
            Set<String> firings = breaches.drain(Duration.ofSeconds(2)).stream()
                    .filter(breach(rollout, MetricBreach.State.FIRING))
                    .map(r -> EventJson.read(MetricBreach.class, r.value()).eventId().toString())
                    .collect(Collectors.toSet());
            assertEquals(1, firings.size(), "one FIRING across the crash: " + firings);
        }
    }

    @Test
    @Order(6)
    void neitherTheTargetsNorTheBrokersPasswordsReachAnAnswerATopicOrALog() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("the targets' password", CANARY));
        for (String service : SERVICES) {
            secrets.put(service + "'s broker password", TestKafka.get().password(service));
        }
        List<String> answers = new ArrayList<>();
        answers.add(get("migration-service", "/rollouts?limit=500").toString());
        answers.add(get("migration-service", "/rollouts/" + firstRollout).toString());
        answers.add(get("monitoring-service", "/watches?limit=1000").toString());
        answers.add(get("checkpoint-service", "/rollouts/" + firstRollout + "/timeline").toString());
        answers.add(get("notification-service", "/notifications?limit=500").toString());
        for (String service : SERVICES) {
            answers.add(get(service, "/audit?limit=1000").toString());
        }
        List<String> places = new ArrayList<>();
        answers.forEach(answer -> places.add("an answer: " + answer));
        for (String topic : Topics.partitions().keySet()) {
            try (TestKafka.TopicReader reader = TestKafka.get().reader(topic)) {
                for (ConsumerRecord<String, String> record : reader.drain(Duration.ofSeconds(2))) {
                    places.add(topic + ": " + record.value());
                    record.headers().forEach(h -> places.add(topic + " header: " + new String(h.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        for (String service : SERVICES) {
            Path log = Repository.root().resolve("e2e/target/e2e-logs").resolve(service + ".log");
            places.add(service + "'s log: " + Files.readString(log));
        }
        secrets.forEach((name, secret) -> places.forEach(place -> assertFalse(place.contains(secret), name + " is in " + place)));
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> breach(String rollout, MetricBreach.State state) {
        return r -> rollout.equals(r.key()) && EventJson.read(MetricBreach.class, r.value()).state() == state;
    }

    private static String startRollout(String target, String jdbcUrl) throws IOException, InterruptedException {
        Map<String, Object> plan = Map.of("name", "e2e-" + target, "environments",
                List.of(Map.of("name", "shadow", "targets", List.of(Map.of("name", target, "jdbcUrl", jdbcUrl)))),
                "monitoring", Map.of("rules", List.of(Map.of("name", "unused_indexes", "enabled", false))));
        return post("migration-service", "/rollouts", plan, 202).get("id").asText();
    }

    private static JsonNode post(String service, String path, Object body, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(running.get(service).url(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ServiceProcess.operatorToken())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitNotifications(String rollout, int count) {
        return Await.until(() -> get("notification-service", "/notifications?rolloutId=" + rollout),
                list -> list.size() >= count, Duration.ofSeconds(60), count + " notification(s) for rollout " + rollout);
    }

    private static JsonNode get(String service, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(running.get(service).url(path)))
                    .header("Authorization", "Bearer " + ServiceProcess.operatorToken()).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), service + path + ": " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            // a service being restarted: the caller polls again
            return JSON.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
