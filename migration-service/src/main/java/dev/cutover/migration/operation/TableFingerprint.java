package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Row count and an order-independent content hash of a table: the sum, as numeric, of a 60-bit
 * prefix of each row's md5. Independent of physical order and of partitioning, so a table and its
 * partitioned copy with the same rows have the same fingerprint.
 */
public record TableFingerprint(String table, long rows, String hash) {

    /** Fingerprints of several tables taken in one snapshot, so they describe the same moment. */
    public static List<TableFingerprint> inOneSnapshot(Connection connection, List<String> tables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            // Row text depends on these settings; pin them so every run hashes the same text.
            statement.execute("SET LOCAL TimeZone = 'UTC'");
            statement.execute("SET LOCAL DateStyle = 'ISO, YMD'");
            statement.execute("SET LOCAL extra_float_digits = 1");
            List<TableFingerprint> fingerprints = new ArrayList<>();
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))"
                        + "::bit(60)::bigint), 0)::text FROM " + table + " t")) {
                    rows.next();
                    fingerprints.add(new TableFingerprint(table, rows.getLong(1), rows.getString(2)));
                }
            }
            connection.commit();
            return fingerprints;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    public boolean sameContentAs(TableFingerprint other) {
        return rows == other.rows && hash.equals(other.hash);
    }
}
