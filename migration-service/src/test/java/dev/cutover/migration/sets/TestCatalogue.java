package dev.cutover.migration.sets;

import java.util.UUID;

import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;

/**
 * Test databases holding the reference geometry catalogue (sql/reference, seed 1), as it is before
 * OPT1 or RANGE-partitioned by year as OPT1 leaves it.
 */
public final class TestCatalogue {

    private TestCatalogue() {
    }

    /** A new database with {@code rows} of the catalogue in plain tables; returns its name. */
    public static String plainDatabase(String prefix, int rows) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres postgres = TestPostgres.get();
        postgres.createDatabase(name);
        ReferenceCatalogue.load(postgres.jdbcUrl(name), postgres.user(), "", rows, 1);
        return name;
    }

    /**
     * A new database with the catalogue partitioned as OPT1 leaves it: yearly partitions
     * catalogo_geometrias_2025 .. _{lastYear} (UTC years) and catalogo_geometrias_default, which
     * holds the rows of later years; the same rows and indexes as the plain table.
     */
    public static String partitionedDatabase(String prefix, int rows, int lastYear) {
        String name = plainDatabase(prefix, rows);
        StringBuilder sql = new StringBuilder("ALTER TABLE catalogo_geometrias RENAME TO catalogo_geometrias_plain;"
                + " CREATE TABLE catalogo_geometrias (LIKE catalogo_geometrias_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
                + " PARTITION BY RANGE (created_at);"
                + " ALTER SEQUENCE catalogo_geometrias_id_seq OWNED BY catalogo_geometrias.id;");
        for (int year = 2025; year <= lastYear; year++) {
            sql.append(String.format(" CREATE TABLE catalogo_geometrias_%d PARTITION OF catalogo_geometrias"
                    + " FOR VALUES FROM ('%d-01-01 00:00:00+00') TO ('%d-01-01 00:00:00+00');", year, year, year + 1));
        }
        sql.append(" CREATE TABLE catalogo_geometrias_default PARTITION OF catalogo_geometrias DEFAULT;"
                + " INSERT INTO catalogo_geometrias SELECT * FROM catalogo_geometrias_plain;"
                + " DROP TABLE catalogo_geometrias_plain;"
                // keys after the drop, so that they get the plain table's names
                + " ALTER TABLE catalogo_geometrias ADD PRIMARY KEY (id, created_at),"
                + " ADD FOREIGN KEY (layer_id) REFERENCES layers (id);"
                + " CREATE INDEX catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom);"
                + " CREATE INDEX catalogo_geometrias_created_at_idx ON catalogo_geometrias (created_at);"
                + " CREATE INDEX catalogo_geometrias_layer_id_idx ON catalogo_geometrias (layer_id);"
                + " CREATE INDEX catalogo_geometrias_name_idx ON catalogo_geometrias (name);"
                + " ANALYZE catalogo_geometrias");
        TestPostgres.get().execute(name, sql.toString());
        return name;
    }
}
