package dev.cutover.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.testing.ReferenceCatalogue.LoadResult;

class ReferenceCatalogueTest {

    private static final long ROWS = 20_000;
    private static final int SEED = 42;

    private static final List<String> databases = new ArrayList<>();
    private static String first;
    private static String second;
    private static String otherSeed;

    @BeforeAll
    static void load() {
        first = loadInto("first", SEED);
        second = loadInto("second", SEED);
        otherSeed = loadInto("other_seed", SEED + 1);
    }

    @AfterAll
    static void drop() {
        databases.forEach(TestPostgres.get()::dropDatabase);
    }

    private static String loadInto(String label, int seed) {
        TestPostgres pg = TestPostgres.get();
        String database = "catalogue_" + label + "_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(database);
        databases.add(database);
        LoadResult result = ReferenceCatalogue.load(pg.jdbcUrl(database), pg.user(), "", ROWS, seed);
        System.out.printf("loaded %d rows (seed %d) into %s in %.2f s, %.0f rows/s%n", result.rows(), seed, database,
                result.seconds(), result.rowsPerSecond());
        assertEquals(ROWS, result.rows());
        return database;
    }

    @Test
    void sameRowsAndSeedGiveIdenticalContent() {
        for (String table : List.of("catalogo_geometrias", "layers")) {
            assertEquals(fingerprint(first, table), fingerprint(second, table), table);
        }
        assertEquals(ROWS, fingerprint(first, "catalogo_geometrias").rows());
    }

    @Test
    void anotherSeedGivesOtherContent() {
        Fingerprint mine = fingerprint(first, "catalogo_geometrias");
        Fingerprint theirs = fingerprint(otherSeed, "catalogo_geometrias");
        assertEquals(mine.rows(), theirs.rows());
        assertNotEquals(mine.hash(), theirs.hash());
    }

    @Test
    void kindsHaveThePlannedShares() {
        Map<String, Long> kinds = counts(first, "SELECT kind, count(*) FROM catalogo_geometrias GROUP BY kind");
        assertEquals(Set.of("point", "line", "polygon"), kinds.keySet());
        assertShare(0.50, kinds.get("point"));
        assertShare(0.25, kinds.get("line"));
        assertShare(0.25, kinds.get("polygon"));
    }

    @Test
    void timestampsLieIn2025To2029() {
        assertEquals(0, single(first, """
                SELECT count(*) FROM catalogo_geometrias
                WHERE created_at < '2025-01-01 00:00:00+00' OR created_at >= '2030-01-01 00:00:00+00'
                   OR updated_at < created_at"""));
        // Each of the five years holds rows.
        assertEquals(5, single(first, "SELECT count(DISTINCT date_part('year', created_at AT TIME ZONE 'UTC')) FROM catalogo_geometrias"));
    }

    @Test
    void geometriesAreValidAndInSirgas2000Utm23S() {
        assertEquals(31983, single(first, "SELECT srid FROM geometry_columns WHERE f_table_name = 'catalogo_geometrias'"));
        assertEquals(0, single(first,
                "SELECT count(*) FROM catalogo_geometrias WHERE ST_SRID(geom) <> 31983 OR NOT ST_IsValid(geom)"));
        // Kind and geometry type agree, lines have 2..5 vertices.
        assertEquals(0, single(first, """
                SELECT count(*) FROM catalogo_geometrias
                WHERE GeometryType(geom) <> CASE kind WHEN 'point' THEN 'POINT' WHEN 'line' THEN 'LINESTRING' ELSE 'POLYGON' END
                   OR (kind = 'line' AND ST_NPoints(geom) NOT BETWEEN 2 AND 5)"""));
    }

    @Test
    void layerSizesAreSkewed() {
        Map<String, Long> layers = counts(first, "SELECT layer_id::text, count(*) FROM catalogo_geometrias GROUP BY layer_id");
        assertEquals(12, layers.size());
        long largest = layers.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long smallest = layers.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(largest > 3 * smallest, "largest layer " + largest + ", smallest " + smallest);
    }

    @Test
    void indexesExistAndTheSequenceContinuesAfterTheLoadedIds() {
        Map<String, Long> indexes = counts(first,
                "SELECT indexname, 1 FROM pg_indexes WHERE tablename = 'catalogo_geometrias'");
        assertTrue(indexes.keySet().containsAll(Set.of("catalogo_geometrias_geom_gist", "catalogo_geometrias_created_at_idx",
                "catalogo_geometrias_layer_id_idx", "catalogo_geometrias_name_idx")), indexes.keySet().toString());
        assertEquals(ROWS + 1, single(first, "SELECT nextval(pg_get_serial_sequence('catalogo_geometrias', 'id'))"));
    }

    private static void assertShare(double planned, long count) {
        double share = (double) count / ROWS;
        assertTrue(Math.abs(share - planned) < 0.02, "share " + share + ", planned " + planned);
    }

    /** Row count and an order-independent content hash: the sum of 60 bits of each row's md5. */
    private record Fingerprint(long rows, String hash) {
    }

    private static Fingerprint fingerprint(String database, String table) {
        String sql = "SELECT count(*), sum(('x' || left(md5(t::text), 15))::bit(60)::bigint)::text FROM " + table + " t";
        return query(database, sql, result -> new Fingerprint(result.getLong(1), result.getString(2)));
    }

    private static long single(String database, String sql) {
        return query(database, sql, result -> result.getLong(1));
    }

    private static Map<String, Long> counts(String database, String sql) {
        return query(database, sql, result -> {
            Map<String, Long> counts = new HashMap<>();
            do {
                counts.put(result.getString(1), result.getLong(2));
            } while (result.next());
            return counts;
        });
    }

    private interface Reader<T> {
        T read(ResultSet result) throws SQLException;
    }

    /** Runs a query that returns rows and hands the result, on its first row, to the reader. */
    private static <T> T query(String database, String sql, Reader<T> reader) {
        try (Connection connection = TestPostgres.get().connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), "no rows: " + sql);
            return reader.read(result);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
