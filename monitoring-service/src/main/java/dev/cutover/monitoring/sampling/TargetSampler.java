package dev.cutover.monitoring.sampling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.cutover.suite.Suite;
import dev.cutover.support.rule.Metric;

/**
 * Samples one target. {@link #sample} runs on the sampling thread: one round trip over the
 * statistics views on its own connection, turned into deltas since the previous sample.
 * {@link #probe} runs on a probe thread with a second connection: the probe queries, and at the
 * housekeeping interval the slower checks (index usage, statistics age, partition sizes, slow
 * statements, pruning).
 */
public final class TargetSampler implements AutoCloseable {

    /** Opens a connection to the target with the watch's credentials. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** How one target is sampled and probed (from MonitoringConfig). */
    public record Settings(Duration housekeepingInterval, double slowStatementMs, Duration probeStatementTimeout,
                           List<String> probeQueries, String pruningQuery, int probeWindow, int probeCycle) {
    }

    private static final Logger LOG = Logger.getLogger(TargetSampler.class);

    // One round trip: counters of this database, connections, lock waits of its sessions, replicas.
    private static final String STATISTICS = """
            SELECT d.blks_hit, d.blks_read, d.xact_commit, d.xact_rollback, d.deadlocks, coalesce(d.checksum_failures, 0),
                   (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                   current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int,
                   w.sessions, w.longest,
                   (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication)
            FROM pg_stat_database d,
                 LATERAL (SELECT count(DISTINCT l.pid) AS sessions,
                                 coalesce(extract(epoch FROM max(clock_timestamp() - l.waitstart)), 0) AS longest
                          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                          WHERE NOT l.granted AND a.datname = current_database()) w
            WHERE d.datname = current_database()""";

    private static final String UNUSED_INDEXES = """
            SELECT count(*) FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
            WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary""";

    // past autovacuum's own analyze threshold (50 rows + 10 % of the table) and not analyzed since
    private static final String STALE_STATISTICS = """
            SELECT count(*) FROM pg_stat_user_tables
            WHERE n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)""";

    private static final String PARTITION_IMBALANCE = """
            SELECT max(ratio) FROM (
                SELECT max(greatest(c.reltuples, 0)) / nullif(avg(greatest(c.reltuples, 0)), 0) AS ratio
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relkind = 'p' GROUP BY i.inhparent HAVING count(*) > 1) s""";

    private static final String SLOW_STATEMENTS = """
            SELECT count(*) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.mean_exec_time > ?""";

    private final ConnectionOpener opener;
    private final ProbeRunner probes;
    private final Settings settings;
    private final Map<Metric, Double> housekeeping = new ConcurrentHashMap<>();
    private Connection statistics;
    /** Prepared once per connection: parsed and planned once, not every second (the monitor's CPU on the target). */
    private PreparedStatement statisticsQuery;
    private Connection probing;
    private Counters previous;
    private Long checksumFailuresAtStart;
    private Instant lastHousekeeping = Instant.EPOCH;

    /** @param suite the suite the probe queries are drawn from */
    public TargetSampler(ConnectionOpener opener, Suite suite, Settings settings) {
        this.opener = opener;
        this.probes = new ProbeRunner(suite, settings.probeQueries(), settings.pruningQuery(), settings.probeWindow(),
                settings.probeCycle());
        this.settings = settings;
    }

    private record Counters(long hit, long read, long commit, long rollback, long deadlocks, long checksumFailures) {
    }

    /** Reads the statistics views; an unreachable target gives a sample saying so. */
    public Sample sample(Instant now) {
        try {
            if (statistics == null || statistics.isClosed()) {
                statistics = opener.open();
                statistics.setAutoCommit(true);
                try (Statement s = statistics.createStatement()) {
                    s.execute("SET statement_timeout = '5s'");
                }
                statisticsQuery = statistics.prepareStatement(STATISTICS);
                statisticsQuery.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
            }
            Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
            metrics.put(Metric.TARGET_UP, 1.0);
            try (ResultSet rs = statisticsQuery.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("pg_stat_database has no row for the current database");
                }
                Counters counters = new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                deltas(counters, metrics);
                double allowed = rs.getInt(8);
                metrics.put(Metric.CONNECTIONS_USED_PERCENT, allowed <= 0 ? Double.NaN : 100.0 * rs.getInt(7) / allowed);
                metrics.put(Metric.LOCK_WAITING_SESSIONS, (double) rs.getInt(9));
                metrics.put(Metric.LOCK_WAIT_MAX_SECONDS, rs.getDouble(10));
                double lag = rs.getDouble(11);
                metrics.put(Metric.REPLICATION_LAG_SECONDS, rs.wasNull() ? Double.NaN : lag);
            }
            probeMetrics(metrics);
            metrics.putAll(housekeeping);
            return Sample.of(now, metrics);
        } catch (SQLException e) {
            closeQuietly(statistics);
            statistics = null;
            return Sample.unreachable(now, e.getMessage());
        }
    }

    private void deltas(Counters current, Map<Metric, Double> metrics) {
        if (checksumFailuresAtStart == null) {
            checksumFailuresAtStart = current.checksumFailures();
        }
        metrics.put(Metric.CHECKSUM_FAILURES, (double) (current.checksumFailures() - checksumFailuresAtStart));
        Counters before = previous;
        previous = current;
        if (before == null) {
            return; // rates need two samples
        }
        long hit = current.hit() - before.hit();
        long read = current.read() - before.read();
        long commit = current.commit() - before.commit();
        long rollback = current.rollback() - before.rollback();
        metrics.put(Metric.CACHE_HIT_PERCENT, hit + read <= 0 ? Double.NaN : 100.0 * hit / (hit + read));
        metrics.put(Metric.ERROR_RATE_PERCENT, commit + rollback <= 0 ? Double.NaN : 100.0 * rollback / (commit + rollback));
        metrics.put(Metric.DEADLOCKS, (double) Math.max(0, current.deadlocks() - before.deadlocks()));
    }

    private void probeMetrics(Map<Metric, Double> metrics) {
        probes.latencyPercentile(95).ifPresent(v -> metrics.put(Metric.PROBE_LATENCY_P95_MS, v));
        probes.latencyPercentile(99).ifPresent(v -> metrics.put(Metric.PROBE_LATENCY_P99_MS, v));
        probes.failedPercent().ifPresent(v -> metrics.put(Metric.PROBE_ERROR_PERCENT, v));
    }

    /** The probe p95 now, for a baseline; empty until the window holds enough executions. */
    public OptionalDouble probeP95(int atLeast) {
        return probes.measured() >= atLeast ? probes.latencyPercentile(95) : OptionalDouble.empty();
    }

    /** Runs the probes once, and the housekeeping checks when they are due. */
    public void probe(Instant now) {
        try {
            if (probing == null || probing.isClosed()) {
                probing = opener.open();
                probing.setAutoCommit(true);
                try (Statement s = probing.createStatement()) {
                    s.execute("SET statement_timeout = " + settings.probeStatementTimeout().toMillis());
                }
                probes.prepare(probing);
            }
            probes.runOnce(probing);
            if (Duration.between(lastHousekeeping, now).compareTo(settings.housekeepingInterval()) >= 0) {
                lastHousekeeping = now;
                housekeeping(probing);
            }
        } catch (SQLException e) {
            LOG.debugf("probe connection lost: %s", e.getMessage());
            closeQuietly(probing);
            probing = null;
        }
    }

    private void housekeeping(Connection connection) throws SQLException {
        Map<Metric, Double> found = new EnumMap<>(Metric.class);
        found.put(Metric.UNUSED_INDEXES, single(connection, UNUSED_INDEXES));
        found.put(Metric.STALE_STATISTICS_TABLES, single(connection, STALE_STATISTICS));
        found.put(Metric.PARTITION_SIZE_IMBALANCE, single(connection, PARTITION_IMBALANCE));
        found.put(Metric.SLOW_STATEMENTS, slowStatements(connection));
        try {
            found.put(Metric.PARTITION_PRUNING_PERCENT, probes.pruningPercent(connection).orElse(Double.NaN));
        } catch (SQLException e) {
            found.put(Metric.PARTITION_PRUNING_PERCENT, Double.NaN);
            LOG.debugf("pruning probe failed: %s", e.getMessage());
        }
        housekeeping.putAll(found);
    }

    private double slowStatements(Connection connection) throws SQLException {
        if (single(connection, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'") < 1) {
            return Double.NaN;
        }
        try (var statement = connection.prepareStatement(SLOW_STATEMENTS)) {
            statement.setDouble(1, settings.slowStatementMs());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static double single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            double value = rs.getDouble(1);
            return rs.wasNull() ? Double.NaN : value;
        }
    }

    /** Why probes are off on this target, or null. */
    public String probesDisabledBecause() {
        return probes.disabledBecause();
    }

    @Override
    public void close() {
        closeQuietly(statistics);
        closeQuietly(probing);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the target is going away or already gone
            }
        }
    }
}
