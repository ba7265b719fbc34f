package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.events.EventJson;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.Topics;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * OPT1 through the service on the reference catalogue while an application keeps inserting:
 * progress on Kafka, the measured swap, VALIDATE proving the live table equals the copy kept for a
 * rollback, then a rollback after cutover that keeps every write made since.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class Opt1RolloutTest {

    private static final String DB = "opt1_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void loadCatalogue() {
        TestMigrationSets.install();
        TestPostgres.get().createDatabase(DB);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(DB), TestPostgres.get().user(), "", 60_000, 3);
    }

    @AfterAll
    static void dropTarget() {
        TestPostgres.get().dropDatabase(DB);
    }

    @Test
    void partitionsOnlineUnderWritesThenRollsBackKeepingEveryWrite() throws Exception {
        Set<Long> written = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> write(written, failures, writing), "application-writer");
        try (TestKafka.TopicReader progress = TestKafka.get().reader(Topics.MIGRATION_PROGRESS)) {
            writer.start();
            Map<String, Object> plan = Map.of("name", "opt1-under-writes", "migrationSet", "opt1-temporal-partitioning",
                    "pacing", Map.of("batchSize", 2000), "environments", List.of(Map.of("name", "staging",
                            "writesDuringApply", true, "targets",
                            List.of(Map.of("name", "db1", "jdbcUrl", TestPostgres.get().jdbcUrl(DB))))));
            String id = RolloutResourceTest.startRollout(plan);
            JsonPath rollout = RolloutResourceTest.awaitStatus(id, "SUCCEEDED");

            MigrationProgress last = EventJson.read(MigrationProgress.class, progress
                    .await(r -> id.equals(r.key()) && r.value().contains("\"rowsDone\""), 1, Duration.ofSeconds(10))
                    .get(0).value());
            assertEquals("staging", last.environment());
            assertTrue(last.rowsTotal() >= 60_000 && last.rowsPerSecond() > 0, last.summary());

            JsonPath apply = new JsonPath(rollout.prettify()).setRootPath("phases.find { it.phase == 'APPLY' }");
            assertTrue(apply.getDouble("evidence.maxExclusiveLockMs") > 0);
            assertTrue(apply.getList("evidence.locks.purpose").contains("swap"), apply.prettify());
            assertEquals("SUCCEEDED", rollout.getString("phases.find { it.phase == 'VALIDATE' }.status"),
                    rollout.getString("phases.find { it.phase == 'VALIDATE' }.error"));
            assertEquals("p", relkind());

            Thread.sleep(300); // writes land on the partitioned table now, mirrored into the old one
            asOperator().contentType("application/json").body(Map.of("reason", "rehearsing a rollback after cutover"))
                    .when().post("/rollouts/" + id + "/rollback").then().statusCode(202);
            RolloutResourceTest.awaitStatus(id, "ROLLED_BACK");
            Thread.sleep(300);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertEquals("r", relkind(), "the original table is live again");
        assertEquals(0, failures.get(), "no write failed");
        assertEquals(written.size(), countPresent(written), "every acknowledged write is in the live table");
    }

    /** An application inserting rows as fast as one connection lets it, throughout. */
    private static void write(Set<Long> written, AtomicInteger failures, AtomicBoolean writing) {
        try (Connection connection = TestPostgres.get().connect(DB);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO catalogo_geometrias"
                        + " (layer_id, kind, name, attributes, geom, created_at, updated_at)"
                        + " VALUES (1, 'point', 'written during the rollout', '{}',"
                        + " ST_SetSRID(ST_MakePoint(333000, 7395000), 31983), now(), now()) RETURNING id")) {
            while (writing.get()) {
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    written.add(id.getLong(1));
                } catch (SQLException e) {
                    failures.incrementAndGet();
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countPresent(Set<Long> ids) throws SQLException {
        try (Connection connection = TestPostgres.get().connect(DB);
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM catalogo_geometrias WHERE id = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String relkind() throws SQLException {
        try (Connection connection = TestPostgres.get().connect(DB); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT relkind::text FROM pg_class WHERE oid = 'catalogo_geometrias'::regclass")) {
            row.next();
            return row.getString(1);
        }
    }
}
