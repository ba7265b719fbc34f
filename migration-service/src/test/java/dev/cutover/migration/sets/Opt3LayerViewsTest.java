package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.operation.LockLedger;
import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.testing.TestPostgres;

class Opt3LayerViewsTest {

    private static String db;
    private static final String BOX = "ST_MakeEnvelope(320000, 7380000, 332000, 7392000, 31983)";

    @BeforeAll
    static void createCatalogue() throws SQLException {
        db = TestCatalogue.plainDatabase("opt3", 20_000);
    }

    @AfterAll
    static void dropDatabase() {
        TestPostgres.get().dropDatabase(db);
    }

    @Test
    void viewsAndSearchFunctionsAnswerLikeTheTableAndRollBackWithoutATrace() throws SQLException {
        SetRun run = new SetRun("opt3-layer-views", db, new InMemoryJobRegistry());
        try (Connection connection = TestPostgres.get().connect(db)) {
            SetRun.Baseline before = run.baseline(connection);
            // a spot and a name the catalogue certainly has
            String point = Rows.one(connection, "SELECT format('ST_SetSRID(ST_MakePoint(%s, %s), 31983)', ST_X(p), ST_Y(p))"
                    + " FROM (SELECT ST_PointOnSurface(geom) AS p FROM catalogo_geometrias WHERE id = 1000) s");
            String name = Rows.one(connection, "SELECT name FROM catalogo_geometrias WHERE id = 1238");

            run.apply();
            assertEquals(List.of(), run.locks.holds(), "building the views must block no writer");
            // A re-run after a crash finds everything in place; CREATE INDEX IF NOT EXISTS still takes
            // a SHARE lock on each existing view (blocking only its refresh), briefly.
            run.apply();
            for (LockLedger.LockHold hold : run.locks.holds()) {
                assertTrue(hold.relations().stream().allMatch(r -> r.startsWith("mv_geometrias")), hold.toString());
                System.out.printf("re-run of %s held %s for %.1f ms%n", hold.step(), hold.relations(), hold.heldMs());
            }

            assertSameRows(connection, "SELECT id, layer_id, kind, name FROM search_geometrias('lote', " + BOX + ", NULL, 50)",
                    "SELECT id, layer_id, kind, name FROM catalogo_geometrias WHERE to_tsvector('simple', name)"
                            + " @@ websearch_to_tsquery('simple', 'lote') AND ST_Intersects(geom, " + BOX + ") ORDER BY id LIMIT 50");
            assertSameRows(connection, "SELECT id, name FROM search_geometrias(NULL, NULL, 3, 40)",
                    "SELECT id, name FROM catalogo_geometrias WHERE layer_id = 3 ORDER BY id LIMIT 40");
            assertSameRows(connection, "SELECT id FROM search_geometrias('" + name + "')",
                    "SELECT id FROM catalogo_geometrias WHERE name = '" + name + "'");
            assertSameRows(connection, "SELECT id, round(distance_m::numeric, 6) FROM geometrias_near(" + point + ", 600, NULL, 30)",
                    "SELECT id, round(ST_Distance(geom, " + point + ")::numeric, 6) FROM catalogo_geometrias"
                            + " WHERE ST_DWithin(geom, " + point + ", 600) ORDER BY ST_Distance(geom, " + point + "), id LIMIT 30");
            assertSameRows(connection, "SELECT layer_id, layer_name, kind, geometries, ST_AsText(extent) FROM layer_summary()",
                    "SELECT g.layer_id, l.name, g.kind, count(*), ST_AsText(ST_Extent(g.geom)::geometry) FROM catalogo_geometrias g"
                            + " JOIN layers l ON l.id = g.layer_id GROUP BY 1, 2, 3 ORDER BY 1, 3");
            assertSameRows(connection, "SELECT month, kind, geometries FROM layer_activity('2026-01-01', '2026-07-01', 5)",
                    "SELECT date_trunc('month', created_at, 'UTC')::date, kind, count(*) FROM catalogo_geometrias"
                            + " WHERE layer_id = 5 AND created_at >= '2026-01-01 00:00:00+00' AND created_at < '2026-07-01 00:00:00+00'"
                            + " GROUP BY 1, 2 ORDER BY 1, 2");
            assertSameRows(connection, "SELECT id, area_m2 FROM polygons_by_area(1000, 2000, " + BOX + ", 25)",
                    "SELECT id, ST_Area(geom) FROM catalogo_geometrias WHERE kind = 'polygon' AND ST_Area(geom) >= 1000"
                            + " AND ST_Area(geom) < 2000 AND ST_Intersects(ST_PointOnSurface(geom), " + BOX + ")"
                            + " ORDER BY ST_Area(geom) DESC, id LIMIT 25");
            String plan = String.join("\n", Rows.of(connection, "EXPLAIN SELECT * FROM geometrias_near(" + point + ", 600)"));
            assertTrue(plan.contains("mv_geometrias_search_geom"), plan);

            refreshesConcurrentlyWithoutLosingReaders(connection, point);

            run.rollback();
            run.rollback(); // undo files are idempotent too
            run.assertRestored(before, connection);
        }
    }

    /** A new geometry shows up in search after REFRESH ... CONCURRENTLY; undone by the transaction. */
    private static void refreshesConcurrentlyWithoutLosingReaders(Connection connection, String point) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO catalogo_geometrias (layer_id, kind, name, geom, created_at, updated_at)"
                    + " VALUES (4, 'point', 'poste novo', " + point + ", now(), now())");
            assertFalse(Rows.of(connection, "SELECT id FROM search_geometrias('novo')").size() == 1);
            for (String view : List.of("mv_geometrias_by_layer", "mv_geometrias_by_layer_month", "mv_geometrias_search",
                    "mv_geometrias_polygons")) {
                statement.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY " + view);
            }
            assertEquals(List.of("poste novo"), Rows.of(connection, "SELECT name FROM search_geometrias('novo')"));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void assertSameRows(Connection connection, String function, String direct) throws SQLException {
        List<String> expected = Rows.of(connection, direct);
        assertFalse(expected.isEmpty(), "the comparison must not be vacuous: " + direct);
        assertEquals(expected, Rows.of(connection, function), function);
    }
}
