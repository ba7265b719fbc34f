package dev.cutover.migration.sets;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.cutover.testing.TestPostgres;

/**
 * A small geometry catalogue of the reference shape (layers + catalogo_geometrias, SRID 31983), as
 * a plain table or RANGE-partitioned by year as OPT1 leaves it. Every value is a function of the
 * row number: the same call always gives the same rows, created evenly over 2025-2029 (UTC).
 */
final class TestCatalogue {

    private static final String COLUMNS = "id bigserial, layer_id integer NOT NULL REFERENCES layers (id),"
            + " kind text NOT NULL CHECK (kind IN ('point', 'line', 'polygon')), name text NOT NULL,"
            + " attributes jsonb NOT NULL DEFAULT '{}', geom geometry(Geometry, 31983) NOT NULL,"
            + " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL";

    private TestCatalogue() {
    }

    /** A new database (with PostGIS) holding a plain catalogue of {@code rows}; returns its name. */
    static String plainDatabase(String prefix, int rows) throws SQLException {
        String name = newDatabase(prefix);
        try (Connection connection = TestPostgres.get().connect(name)) {
            plain(connection, rows);
        }
        return name;
    }

    /** A new database holding a catalogue partitioned up to {@code lastYear}; returns its name. */
    static String partitionedDatabase(String prefix, int rows, int lastYear) throws SQLException {
        String name = newDatabase(prefix);
        try (Connection connection = TestPostgres.get().connect(name)) {
            partitioned(connection, rows, lastYear);
        }
        return name;
    }

    private static String newDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.get().createDatabase(name);
        return name;
    }

    private static void plain(Connection connection, int rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            createLayers(statement);
            statement.execute("CREATE TABLE catalogo_geometrias (" + COLUMNS + ", PRIMARY KEY (id))");
            fill(statement, rows);
        }
    }

    /** Yearly partitions catalogo_geometrias_2025 .. _{lastYear} and a DEFAULT one, which gets the later rows. */
    private static void partitioned(Connection connection, int rows, int lastYear) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            createLayers(statement);
            statement.execute("CREATE TABLE catalogo_geometrias (" + COLUMNS + ", PRIMARY KEY (id, created_at))"
                    + " PARTITION BY RANGE (created_at)");
            for (int year = 2025; year <= lastYear; year++) {
                statement.execute(String.format("CREATE TABLE catalogo_geometrias_%d PARTITION OF catalogo_geometrias"
                        + " FOR VALUES FROM ('%d-01-01 00:00:00+00') TO ('%d-01-01 00:00:00+00')", year, year, year + 1));
            }
            statement.execute("CREATE TABLE catalogo_geometrias_default PARTITION OF catalogo_geometrias DEFAULT");
            statement.execute("CREATE INDEX catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom)");
            fill(statement, rows);
        }
    }

    private static void createLayers(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE layers (id integer PRIMARY KEY, name text NOT NULL UNIQUE,"
                + " description text NOT NULL, created_at timestamptz NOT NULL)");
        statement.execute("INSERT INTO layers SELECT i, n, 'Layer ' || n, timestamptz '2024-12-01 00:00:00+00' + i * interval '1 day'"
                + " FROM unnest(array['lotes', 'edificacoes', 'vias', 'postes', 'arvores', 'quadras', 'calcadas',"
                + " 'hidrografia', 'drenagem', 'pracas', 'equipamentos', 'zoneamento']) WITH ORDINALITY AS l(n, i)");
    }

    /** Points, short lines and small rectangles in a 40 km square around São Paulo (UTM 23S metres). */
    private static void fill(Statement statement, int rows) throws SQLException {
        statement.execute("INSERT INTO catalogo_geometrias (layer_id, kind, name, attributes, geom, created_at, updated_at)"
                + " SELECT layer_id, kind, item || ' ' || i, jsonb_build_object('n', i),"
                + "  CASE kind WHEN 'point' THEN ST_SetSRID(ST_MakePoint(x, y), 31983)"
                + "   WHEN 'line' THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + w, y + h)), 31983)"
                + "   ELSE ST_MakeEnvelope(x, y, x + w, y + h, 31983) END,"
                + "  created, created + interval '3 days'"
                + " FROM (SELECT i, 1 + i % 12 AS layer_id,"
                + "  (array['point', 'line', 'polygon'])[1 + (hashint8extended(i, 5) & 65535) % 3] AS kind,"
                + "  (array['lote', 'edificacao', 'via', 'poste', 'arvore', 'quadra', 'calcada', 'corrego', 'bueiro',"
                + "   'praca', 'equipamento', 'zona'])[1 + i % 12] AS item,"
                + "  313000 + 40000 * ((hashint8extended(i, 1) & 1048575) / 1048576.0) AS x,"
                + "  7375000 + 40000 * ((hashint8extended(i, 2) & 1048575) / 1048576.0) AS y,"
                + "  5 + 60 * ((hashint8extended(i, 3) & 1048575) / 1048576.0) AS w,"
                + "  5 + 60 * ((hashint8extended(i, 4) & 1048575) / 1048576.0) AS h,"
                + "  timestamptz '2025-01-01 00:00:00+00' + interval '1826 days' * ((i - 1)::float8 / " + rows + ") AS created"
                + " FROM generate_series(1, " + rows + ") i) s");
        statement.execute("ANALYZE layers");
        statement.execute("ANALYZE catalogo_geometrias");
    }
}
