package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The application during a cutover: one thread on its own connection inserting, updating (now and
 * then moving a row to another year, so to another partition) and deleting catalogue rows at a
 * steady rate, in autocommit. Every write that succeeded is remembered with what it left behind,
 * so that afterwards each one can be looked for in whichever table is live.
 */
public final class ConcurrentWriter {

    /** What a row should look like after the writer's last successful write to it. */
    private record Expected(String operation, String name, long createdAtMicros) {

        boolean deleted() {
            return operation.equals("delete");
        }
    }

    /**
     * The original rows (ids 1..maxId) this writer may update or delete: those whose id modulo
     * {@code lanes} is {@code lane}, so that writers running side by side never overwrite each
     * other's expectations.
     */
    public record OriginalRows(long maxId, int lane, int lanes) {

        public static OriginalRows all(long maxId) {
            return new OriginalRows(maxId, 0, 1);
        }

        long pick(Random random) {
            long first = lane == 0 ? lanes : lane;
            long count = (maxId - first) / lanes + 1;
            return first + lanes * (long) (random.nextDouble() * count);
        }
    }

    /** What the writer did: writes by kind, failures and the longest single write. */
    public record Report(long inserts, long updates, long deletes, List<String> failures, double longestWriteMs) {

        public long writes() {
            return inserts + updates + deletes;
        }
    }

    private static final String MICROS = "(extract(epoch FROM created_at) * 1000000)::bigint";
    private static final long FIVE_YEARS_SECONDS = 1826L * 24 * 3600;

    private final TargetConnectionSource connections;
    private final String table;
    private final OriginalRows originals;
    private final long intervalNanos;
    private final Random random;
    private final Map<Long, Expected> expected = new HashMap<>();
    private final List<Long> inserted = new ArrayList<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stopping;
    private long inserts;
    private long updates;
    private long deletes;
    private long longestWriteNanos;

    public ConcurrentWriter(TargetConnectionSource connections, String table, OriginalRows originals, int writesPerSecond,
            long seed) {
        this.connections = connections;
        this.table = table;
        this.originals = originals;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "concurrent-writer");
    }

    public ConcurrentWriter start() {
        thread.start();
        return this;
    }

    /** Stops after the write in flight; the outcome of every write is then final. */
    public Report stop() throws InterruptedException {
        stopping = true;
        thread.join();
        return new Report(inserts, updates, deletes, List.copyOf(failures), longestWriteNanos / 1e6);
    }

    private void run() {
        Connection connection = null;
        long next = System.nanoTime();
        while (!stopping) {
            next += intervalNanos;
            LockSupport.parkNanos(next - System.nanoTime());
            long began = System.nanoTime();
            try {
                if (connection == null) {
                    connection = connections.open();
                }
                writeOnce(connection);
            } catch (SQLException e) {
                failures.add(e.getSQLState() + " " + e.getMessage());
                connection = closeIfBroken(connection);
            }
            longestWriteNanos = Math.max(longestWriteNanos, System.nanoTime() - began);
        }
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private void writeOnce(Connection connection) throws SQLException {
        int dice = random.nextInt(10);
        Long id = dice < 4 ? null : pickLiveId();
        if (id == null) {
            insert(connection);
        } else if (dice < 8) {
            update(connection, id);
        } else {
            delete(connection, id);
        }
    }

    /** An id the writer has not deleted: one of its own inserts or an original row. */
    private Long pickLiveId() {
        long id = random.nextBoolean() && !inserted.isEmpty() ? inserted.get(random.nextInt(inserted.size()))
                : originals.pick(random);
        Expected last = expected.get(id);
        return last != null && last.deleted() ? null : id;
    }

    private void insert(Connection connection) throws SQLException {
        String name = "writer " + random.nextLong();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table
                + " (layer_id, kind, name, attributes, geom, created_at, updated_at) VALUES (?, 'point', ?,"
                + " '{\"source\": \"writer\"}', ST_SetSRID(ST_MakePoint(?, ?), 31983),"
                + " timestamptz '2025-01-01 00:00:00+00' + ? * interval '1 second', now()) RETURNING id, " + MICROS)) {
            statement.setInt(1, 1 + random.nextInt(12));
            statement.setString(2, name);
            statement.setDouble(3, 313000 + random.nextDouble() * 40000);
            statement.setDouble(4, 7375000 + random.nextDouble() * 40000);
            statement.setLong(5, (long) (random.nextDouble() * FIVE_YEARS_SECONDS));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                expected.put(row.getLong(1), new Expected("insert", name, row.getLong(2)));
                inserted.add(row.getLong(1));
                inserts++;
            }
        }
    }

    private void update(Connection connection, long id) throws SQLException {
        String name = "writer " + random.nextLong();
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET name = ?, updated_at = now(),"
                + " created_at = created_at + CASE WHEN ? THEN interval '1 year' ELSE interval '0' END WHERE id = ?"
                + " RETURNING " + MICROS)) {
            statement.setString(1, name);
            statement.setBoolean(2, random.nextInt(10) == 0);
            statement.setLong(3, id);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    expected.put(id, new Expected("update", name, row.getLong(1)));
                    updates++;
                }
            }
        }
    }

    private void delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            statement.setLong(1, id);
            if (statement.executeUpdate() == 1) {
                expected.put(id, new Expected("delete", null, 0));
                deletes++;
            }
        }
    }

    /**
     * The writes whose outcome is not what {@code table} holds now: an inserted or updated row
     * missing or different, a deleted row still there. Call after {@link #stop()}.
     */
    public List<String> missingIn(Connection connection, String table) throws SQLException {
        Map<Long, Expected> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, name, " + MICROS + " FROM " + table
                + " WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("bigint", expected.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong(1), new Expected("found", rows.getString(2), rows.getLong(3)));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        expected.forEach((id, want) -> {
            Expected got = found.get(id);
            if (want.deleted() ? got != null
                    : got == null || !got.name().equals(want.name()) || got.createdAtMicros() != want.createdAtMicros()) {
                missing.add(want.operation() + " of id " + id + ": expected " + (want.deleted() ? "no row" : want.name()
                        + " at " + want.createdAtMicros()) + ", found " + (got == null ? "no row" : got.name() + " at "
                                + got.createdAtMicros()));
            }
        });
        return missing;
    }

    private static Connection closeIfBroken(Connection connection) {
        try {
            return connection == null || connection.isValid(1) ? connection : closeQuietly(connection);
        } catch (SQLException e) {
            return closeQuietly(connection);
        }
    }

    private static Connection closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The connection is being discarded either way.
        }
        return null;
    }
}
