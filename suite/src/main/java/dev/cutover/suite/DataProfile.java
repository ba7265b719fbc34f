package dev.cutover.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parameter generators draw from: the target's real extent, SRID, created_at range and
 * layer ids, read once per run, so that parameters land where the data is on any target.
 */
public record DataProfile(int srid, double xmin, double ymin, double xmax, double ymax,
                          OffsetDateTime minTime, OffsetDateTime maxTime, List<Integer> layerIds) {

    public static DataProfile read(Connection connection, Suite.Target target) throws SQLException {
        String table = target.table();
        String geometry = target.geometry();
        String time = target.time();
        try (Statement statement = connection.createStatement()) {
            int srid;
            double[] box = new double[4];
            OffsetDateTime min;
            OffsetDateTime max;
            try (ResultSet rs = statement.executeQuery("SELECT ST_SRID(" + geometry + ") FROM " + table + " LIMIT 1")) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " is empty: there is nothing to benchmark");
                }
                srid = rs.getInt(1);
            }
            try (ResultSet rs = statement.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), t0, t1 FROM ("
                    + "SELECT ST_Extent(" + geometry + ") e, min(" + time + ") t0, max(" + time + ") t1 FROM " + table + ") s")) {
                rs.next();
                for (int i = 0; i < 4; i++) {
                    box[i] = rs.getDouble(i + 1);
                }
                min = rs.getObject(5, OffsetDateTime.class);
                max = rs.getObject(6, OffsetDateTime.class);
            }
            List<Integer> layers = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT id FROM " + target.layers() + " ORDER BY id")) {
                while (rs.next()) {
                    layers.add(rs.getInt(1));
                }
            }
            return new DataProfile(srid, box[0], box[1], box[2], box[3], min, max, List.copyOf(layers));
        }
    }
}
