package dev.cutover.monitoring;

import static dev.cutover.monitoring.MonitoringTarget.awaitBreach;
import static dev.cutover.monitoring.MonitoringTarget.awaitSampled;
import static dev.cutover.monitoring.MonitoringTarget.breach;
import static dev.cutover.monitoring.MonitoringTarget.newRollout;
import static dev.cutover.monitoring.MonitoringTarget.rule;
import static dev.cutover.monitoring.MonitoringTarget.startWatch;
import static dev.cutover.monitoring.MonitoringTarget.watchRequest;
import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.RollbackRequested;
import dev.cutover.events.Severity;
import dev.cutover.events.Topics;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.repository.WatchRepository;
import dev.cutover.monitoring.service.Monitor;
import dev.cutover.testing.Await;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Real conditions on a real target, the right breach on the real broker: a held lock makes a
 * session wait, connections run out, a dropped index makes the probes slow in a guarded window.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class ProvokedBreachTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static final String DB = "watched_" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    Monitor monitor;

    @Inject
    WatchRepository watches;

    @BeforeAll
    static void createTarget() {
        PG.createDatabase(DB);
        ReferenceCatalogue.load(PG.jdbcUrl(DB), PG.user(), "", 20_000, 1);
    }

    @AfterAll
    static void dropTarget() {
        PG.dropDatabase(DB);
    }

    @Test
    void aHeldLockFiresLockWaitWhichResolvesOnReleaseAndARestartNeitherRefiresNorForgets() throws Exception {
        String rollout = newRollout();
        // the default lock_wait rule (> 1 s), with a short keep_firing_for so the test resolves quickly
        String watchId = startWatch(watchRequest(rollout, DB, false,
                List.of(rule("lock_wait", "WARNING", "lock_wait_max_seconds > 1", null, "1s", false))));
        awaitSampled(watchId, "lock_waiting_sessions");
        try (TestKafka.TopicReader breaches = TestKafka.get().reader(Topics.METRIC_BREACH);
             Connection holder = PG.connect(DB); Connection waiter = PG.connect(DB)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE layers IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> query(waiter, "SELECT count(*) FROM layers"));

            MetricBreach firing = awaitBreach(breaches, rollout, "lock_wait", MetricBreach.State.FIRING, Duration.ofSeconds(20));
            assertEquals(Severity.WARNING, firing.severity());
            assertTrue(firing.value() > 1, "the wait measured: " + firing.value());
            assertEquals(1.0, firing.threshold());
            assertEquals(DB, firing.target());
            asOperator().when().get("/alerts?rolloutId=" + rollout).then().statusCode(200)
                    .body("find { it.rule == 'lock_wait' }.status", org.hamcrest.Matchers.equalTo("FIRING"));

            // a restart of the watch (as after a service restart) reloads the state: no second FIRING
            Watch stored = QuarkusTransaction.requiringNew().call(() -> watches.findById(UUID.fromString(watchId)));
            monitor.stop(stored.id);
            monitor.start(stored);
            Thread.sleep(3_000);

            holder.commit();
            waiting.get();
            MetricBreach resolved = awaitBreach(breaches, rollout, "lock_wait", MetricBreach.State.RESOLVED, Duration.ofSeconds(20));
            assertEquals(firing.since(), resolved.since(), "both announcements name when the episode began");
            assertEquals(1, breaches.drain(Duration.ofSeconds(2)).stream()
                    .filter(breach(rollout, "lock_wait", MetricBreach.State.FIRING)).count(), "fired once across the restart");
        }
        asOperator().when().get("/breaches?rolloutId=" + rollout + "&severity=warning").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(2));
        asOperator().when().delete("/watches/" + watchId).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("STOPPED"));
    }

    @Test
    void exhaustedConnectionsFireTheCriticalRuleAndResolveWhenFreed() throws Exception {
        String rollout = newRollout();
        String watchId = startWatch(watchRequest(rollout, DB, false,
                List.of(rule("connection_pool_exhausted", "CRITICAL", "connections_used_percent >= 95", "1s", null, false))));
        awaitSampled(watchId, "connections_used_percent");
        List<Connection> held = new ArrayList<>();
        try (TestKafka.TopicReader breaches = TestKafka.get().reader(Topics.METRIC_BREACH)) {
            // take connections until at most 3 % of what the server allows are left
            int allowed;
            int used;
            try (Connection c = PG.connect(DB); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int,"
                        + " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')");
                rs.next();
                allowed = rs.getInt(1);
                used = rs.getInt(2);
            }
            int target = (int) Math.ceil(allowed * 0.97);
            for (int i = used; i < target; i++) {
                held.add(PG.connect(DB));
            }
            MetricBreach firing = awaitBreach(breaches, rollout, "connection_pool_exhausted", MetricBreach.State.FIRING,
                    Duration.ofSeconds(20));
            assertTrue(firing.value() >= 95, "measured " + firing.value());
            assertEquals(Severity.CRITICAL, firing.severity());
            closeAll(held);
            awaitBreach(breaches, rollout, "connection_pool_exhausted", MetricBreach.State.RESOLVED, Duration.ofSeconds(20));
        } finally {
            closeAll(held);
            asOperator().when().delete("/watches/" + watchId).then().statusCode(200);
        }
    }

    @Test
    void slowerProbesInAGuardedWindowRequestARollbackOnceWithTheBreachAsCause() throws Exception {
        String rollout = newRollout();
        // the default latency trigger (p95 up > 5 % on the baseline), held for 2 s instead of 30 s
        String watchId = startWatch(watchRequest(rollout, DB, true, List.of(
                rule("rollback_latency_regression", "CRITICAL", "probe_latency_ratio > 1.05", "2s", null, true))));
        var baseline = Await.until(() -> asOperator().when().get("/watches/" + watchId).then().statusCode(200).extract().jsonPath(),
                w -> w.get("baselineP95Ms") != null, Duration.ofSeconds(30), "a baseline probe p95");
        assertTrue(baseline.getDouble("baselineP95Ms") > 0);
        // every metric of a running watch is a gauge tagged with its rollout, environment and target
        asOperator().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("cutover_target_probe_latency_p95_ms{environment=\"production\",rollout=\"" + rollout
                        + "\",target=\"" + DB + "\"}"));
        try (TestKafka.TopicReader breaches = TestKafka.get().reader(Topics.METRIC_BREACH);
             TestKafka.TopicReader rollbacks = TestKafka.get().reader(Topics.ROLLBACK_REQUESTED)) {
            // Q3 and Q7 lose the GiST index they use: sequential scans instead
            PG.execute(DB, "DROP INDEX catalogo_geometrias_geom_gist");
            MetricBreach firing = awaitBreach(breaches, rollout, "rollback_latency_regression", MetricBreach.State.FIRING,
                    Duration.ofSeconds(30));
            assertTrue(firing.value() > 1.05, "ratio " + firing.value());
            assertTrue(firing.rollbackTrigger());
            RollbackRequested request = EventJson.read(RollbackRequested.class,
                    rollbacks.await(r -> rollout.equals(r.key()), 1, Duration.ofSeconds(10)).get(0).value());
            assertEquals(firing.eventId(), request.causeEventId());
            assertEquals("monitoring-service", request.source());
            assertEquals("production", request.environment());

            PG.execute(DB, "CREATE INDEX catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom)");
            awaitBreach(breaches, rollout, "rollback_latency_regression", MetricBreach.State.RESOLVED, Duration.ofSeconds(40));
            // firing again does not ask again: one rollback per rollout
            PG.execute(DB, "DROP INDEX catalogo_geometrias_geom_gist");
            breaches.await(breach(rollout, "rollback_latency_regression", MetricBreach.State.FIRING), 2, Duration.ofSeconds(30));
            assertEquals(1, rollbacks.drain(Duration.ofSeconds(3)).stream().filter(r -> rollout.equals(r.key())).count());
        } finally {
            PG.execute(DB, "CREATE INDEX IF NOT EXISTS catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom)");
            asOperator().when().delete("/watches/" + watchId).then().statusCode(200);
        }
    }

    private static void query(Connection connection, String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing what the test opened
            }
        }
        connections.clear();
    }
}
