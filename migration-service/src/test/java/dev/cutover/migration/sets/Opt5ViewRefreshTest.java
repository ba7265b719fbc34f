package dev.cutover.migration.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.migration.schedule.InMemoryJobRegistry;
import dev.cutover.migration.schedule.ScheduledJob;
import dev.cutover.testing.TestPostgres;

class Opt5ViewRefreshTest {

    private static String db;

    @BeforeAll
    static void createCatalogue() throws SQLException {
        db = TestCatalogue.plainDatabase("opt5", 20_000);
    }

    @AfterAll
    static void dropDatabase() {
        TestPostgres.get().dropDatabase(db);
    }

    @Test
    void schedulesAConcurrentRefreshPerViewThatKeepsThemCurrentAndRollsBackWithoutATrace() throws SQLException {
        InMemoryJobRegistry scheduler = new InMemoryJobRegistry();
        SetRun views = new SetRun("opt3-layer-views", db, new InMemoryJobRegistry());
        SetRun refresh = new SetRun("opt5-view-refresh", db, scheduler);
        try (Connection connection = TestPostgres.get().connect(db)) {
            SetRun.Baseline before = views.baseline(connection);

            views.apply();
            refresh.apply();

            assertEquals(List.of("cutover-refresh-mv-geometrias-by-layer|*/5 * * * *",
                    "cutover-refresh-mv-geometrias-by-layer-month|1-59/5 * * * *",
                    "cutover-refresh-mv-geometrias-search|7 * * * *",
                    "cutover-refresh-mv-geometrias-polygons|37 * * * *"),
                    scheduler.all().stream().map(job -> job.job + "|" + job.cron).toList());
            assertTrue(scheduler.all().stream().allMatch(job -> job.nextRunAt != null));

            // A new geometry appears in every view once each job's command has run, as the scheduler runs it.
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO catalogo_geometrias (layer_id, kind, name, geom, created_at, updated_at)"
                        + " VALUES (10, 'polygon', 'praca nova', ST_MakeEnvelope(320000, 7380000, 320040, 7380050, 31983),"
                        + " '2026-03-15 12:00:00+00', '2026-03-15 12:00:00+00')");
                runJobs(statement, scheduler);
                assertEquals(List.of("praca nova"), Rows.of(connection, "SELECT name FROM search_geometrias('nova')"));
                assertEquals(List.of("praca nova|2000"), Rows.of(connection,
                        "SELECT name, round(area_m2) FROM polygons_by_area(1999, 2001) WHERE name = 'praca nova'"));
                assertEquals(Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias WHERE layer_id = 10 AND kind = 'polygon'"),
                        Rows.one(connection, "SELECT geometries FROM layer_summary(10) WHERE kind = 'polygon'"));
                assertEquals(Rows.one(connection, "SELECT count(*) FROM catalogo_geometrias WHERE layer_id = 10 AND kind = 'polygon'"
                        + " AND created_at >= '2026-03-01 00:00:00+00' AND created_at < '2026-04-01 00:00:00+00'"),
                        Rows.one(connection, "SELECT geometries FROM layer_activity('2026-03-01', '2026-04-01', 10) WHERE kind = 'polygon'"));
                statement.execute("DELETE FROM catalogo_geometrias WHERE name = 'praca nova'");
                runJobs(statement, scheduler);
                assertEquals(List.of(), Rows.of(connection, "SELECT name FROM search_geometrias('nova')"));
            }

            refresh.rollback();
            assertEquals(List.of(), scheduler.all());
            views.rollback();
            views.assertRestored(before, connection);
        }
    }

    private static void runJobs(Statement statement, InMemoryJobRegistry scheduler) throws SQLException {
        for (ScheduledJob job : scheduler.all()) {
            long began = System.nanoTime();
            statement.execute(job.command);
            System.out.printf("%s: %.1f ms%n", job.command, (System.nanoTime() - began) / 1e6);
        }
    }
}
