package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A catalogue with the reference shape ({@code layers} and {@code catalogo_geometrias} with the
 * production indexes before OPT1), filled by {@code generate_series} in id order: rows spread over
 * 2025–2029 as a table grown by inserts, mixed points, lines and polygons, and one row in a thousand
 * dated 2030 so that the DEFAULT partition has rows too. Deterministic: same rows, same content.
 */
public final class CatalogueFixture {

    public static final String TABLE = "catalogo_geometrias";

    private CatalogueFixture() {
    }

    public static void create(Connection connection, long rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE layers (id integer PRIMARY KEY, name text NOT NULL UNIQUE,"
                    + " description text NOT NULL, created_at timestamptz NOT NULL)");
            statement.execute("INSERT INTO layers SELECT g, 'layer ' || g, 'fixture layer ' || g,"
                    + " timestamptz '2024-12-01 00:00:00+00' + g * interval '1 day' FROM generate_series(1, 12) g");
            statement.execute("CREATE TABLE " + TABLE + " ("
                    + " id bigserial PRIMARY KEY,"
                    + " layer_id integer NOT NULL REFERENCES layers (id),"
                    + " kind text NOT NULL CHECK (kind IN ('point', 'line', 'polygon')),"
                    + " name text NOT NULL,"
                    + " attributes jsonb NOT NULL DEFAULT '{}',"
                    + " geom geometry(Geometry, 31983) NOT NULL,"
                    + " created_at timestamptz NOT NULL,"
                    + " updated_at timestamptz NOT NULL)");
            statement.execute("INSERT INTO " + TABLE + " (layer_id, kind, name, attributes, geom, created_at, updated_at)"
                    + " SELECT 1 + g % 12, (ARRAY['point', 'line', 'polygon'])[1 + g % 3], 'item ' || g,"
                    + "  jsonb_build_object('source', 'fixture', 'n', g),"
                    + "  CASE g % 3 WHEN 0 THEN ST_SetSRID(ST_MakePoint(x, y), 31983)"
                    + "   WHEN 1 THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + 25, y + 10)), 31983)"
                    + "   ELSE ST_SetSRID(ST_Buffer(ST_MakePoint(x, y), 12, 2), 31983) END,"
                    + "  at, at + interval '1 hour'"
                    + " FROM (SELECT g, 313000 + (g * 7919) % 40000 AS x, 7375000 + (g * 104729) % 40000 AS y,"
                    + "   CASE WHEN g % 1000 = 0 THEN timestamptz '2030-06-01 00:00:00+00'"
                    + "   ELSE timestamptz '2025-01-01 00:00:00+00' + (g - 1) * (interval '1826 days' / " + rows + ") END AS at"
                    + "   FROM generate_series(1::bigint, " + rows + ") g) s");
            statement.execute("CREATE INDEX " + TABLE + "_geom_gist ON " + TABLE + " USING gist (geom)");
            statement.execute("CREATE INDEX " + TABLE + "_created_at_idx ON " + TABLE + " (created_at)");
            statement.execute("CREATE INDEX " + TABLE + "_layer_id_idx ON " + TABLE + " (layer_id)");
            statement.execute("CREATE INDEX " + TABLE + "_name_idx ON " + TABLE + " (name)");
            statement.execute("ANALYZE layers");
            statement.execute("ANALYZE " + TABLE);
        }
    }
}
