package dev.cutover.monitoring.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How monitoring-service samples targets, probes them, keeps samples and guards rollouts. */
@ConfigMapping(prefix = "cutover.monitoring")
public interface MonitoringConfig {

    /** Sampling interval of a watch that does not name one. */
    @WithDefault("5s")
    Duration defaultInterval();

    /** The shortest interval a watch may ask for. */
    @WithDefault("1s")
    Duration minInterval();

    /** How long samples and breach history are kept. */
    @WithDefault("24h")
    Duration retention();

    /** Environments whose rollouts are guarded from APPLY on: a rollback trigger firing there requests a rollback. */
    @WithDefault("production")
    Set<String> guardedEnvironments();

    /** How often the slower checks run (unused indexes, stale statistics, partition sizes, slow statements, pruning). */
    @WithDefault("30s")
    Duration housekeepingInterval();

    /** A statement whose mean time is above this is slow (pg_stat_statements). */
    @WithDefault("1000")
    double slowStatementMs();

    Probes probes();

    interface Probes {
        /** The directory of suite files (sql/suites); probes are queries of a suite. */
        String suitesDirectory();

        @WithDefault("spatial")
        String suite();

        /** The suite's queries run once per interval each; their latencies make probe_latency_*. */
        @WithDefault("Q3,Q7")
        List<String> queries();

        /** The query whose EXPLAIN gives partition_pruning_percent. */
        @WithDefault("Q5")
        String pruningQuery();

        /** Probe executions the latency percentiles are computed over. */
        @WithDefault("40")
        int window();

        /**
         * Parameter sets drawn per query before the draws repeat: a fixed cycle, so the window and
         * the baseline measure the same mix of parameters.
         */
        @WithDefault("20")
        int cycle();

        @WithDefault("30s")
        Duration statementTimeout();
    }
}
