package dev.cutover.support.rule;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a sample of a target measures: the vocabulary rule expressions are written in. A metric a
 * sample could not measure (no traffic since the last sample, no partitioned table, no replica,
 * pg_stat_statements missing) is absent, and a rule on an absent metric is simply not true, as a
 * Prometheus rule over a missing series.
 */
public enum Metric {
    TARGET_UP("target_up", "1 when the last sample reached the target, 0 when it could not connect"),
    CACHE_HIT_PERCENT("cache_hit_percent", "shared-buffer hits of all block reads since the last sample (pg_stat_database)"),
    ERROR_RATE_PERCENT("error_rate_percent", "rolled-back share of the transactions since the last sample (pg_stat_database)"),
    CONNECTIONS_USED_PERCENT("connections_used_percent", "client connections of max_connections less the reserved ones"),
    LOCK_WAITING_SESSIONS("lock_waiting_sessions", "sessions waiting for a lock now (ungranted pg_locks)"),
    LOCK_WAIT_MAX_SECONDS("lock_wait_max_seconds", "the longest current wait for a lock, in seconds"),
    DEADLOCKS("deadlocks", "deadlocks since the last sample"),
    CHECKSUM_FAILURES("checksum_failures", "data page checksum failures since the watch started (corruption)"),
    PROBE_LATENCY_P95_MS("probe_latency_p95_ms", "p95 latency of the probe queries over the probe window, ms"),
    PROBE_LATENCY_P99_MS("probe_latency_p99_ms", "p99 latency of the probe queries over the probe window, ms"),
    PROBE_LATENCY_RATIO("probe_latency_ratio", "probe p95 over the watch's baseline p95 (absent without a baseline)"),
    PROBE_ERROR_PERCENT("probe_error_percent", "failed share of the probe queries over the probe window"),
    PARTITION_PRUNING_PERCENT("partition_pruning_percent", "partitions the pruning probe's plan did not scan, of all (EXPLAIN)"),
    SLOW_STATEMENTS("slow_statements", "statements with a mean time above the slow threshold (pg_stat_statements)"),
    STALE_STATISTICS_TABLES("stale_statistics_tables", "tables changed past autovacuum's analyze threshold since their last analyze"),
    UNUSED_INDEXES("unused_indexes", "non-unique indexes never scanned since statistics were reset"),
    PARTITION_SIZE_IMBALANCE("partition_size_imbalance", "largest partition's rows over the mean of its siblings"),
    REPLICATION_LAG_SECONDS("replication_lag_seconds", "the largest replay lag of a replica (absent without replicas)");

    private final String key;
    private final String description;

    Metric(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The name rules and REST use. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
