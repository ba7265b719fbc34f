package dev.cutover.monitoring.sampling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.jboss.logging.Logger;

import dev.cutover.suite.DataProfile;
import dev.cutover.suite.QueryDefinition;
import dev.cutover.suite.Requirement;
import dev.cutover.suite.Suite;
import dev.cutover.suite.explain.ExplainEvidence;
import dev.cutover.suite.explain.QueryExplainer;

/**
 * Runs the probe queries (drawn from a benchmark suite) on their own connection, so a probe stuck
 * behind a lock never delays the statistics sampling that detects the lock. Parameters come from a
 * seeded generator over the target's real data, in a fixed cycle, so every window measures the
 * same mix.
 */
final class ProbeRunner {

    private static final Logger LOG = Logger.getLogger(ProbeRunner.class);
    private static final long SEED = 0x5eed_cafeL;

    private final Suite suite;
    private final List<QueryDefinition> queries;
    private final QueryDefinition pruningQuery;
    private final int cycle;
    private final LatencyWindow window;
    private DataProfile profile;
    private List<QueryDefinition> runnable = List.of();
    private String disabledBecause;
    private long draws;
    private volatile long inFlightSince;

    ProbeRunner(Suite suite, List<String> queryIds, String pruningQueryId, int windowSize, int cycle) {
        this.suite = suite;
        this.queries = suite.select(new java.util.LinkedHashSet<>(queryIds));
        this.pruningQuery = suite.select(java.util.Set.of(pruningQueryId)).get(0);
        this.cycle = cycle;
        this.window = new LatencyWindow(windowSize);
    }

    /** Reads the data profile and which probes the target can run; called on each new connection. */
    void prepare(Connection connection) throws SQLException {
        List<QueryDefinition> ok = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        for (QueryDefinition query : queries) {
            for (Requirement requirement : query.requires()) {
                requirement.unmetOn(connection).ifPresent(reason -> unmet.add(query.id() + ": " + reason));
            }
            if (unmet.stream().noneMatch(u -> u.startsWith(query.id() + ":"))) {
                ok.add(query);
            }
        }
        try {
            profile = DataProfile.read(connection, suite.target());
            runnable = ok;
            disabledBecause = unmet.isEmpty() ? null : String.join("; ", unmet);
        } catch (SQLException e) {
            // a target without the suite's table (or an empty one) is watched without probes
            profile = null;
            runnable = List.of();
            disabledBecause = "probes off: " + e.getMessage();
        }
        if (disabledBecause != null) {
            LOG.infof("probes on this target: %s", disabledBecause);
        }
    }

    /** Runs each probe once; a failure counts as a failed execution, the connection stays usable. */
    void runOnce(Connection connection) throws SQLException {
        if (profile == null) {
            return;
        }
        for (QueryDefinition query : runnable) {
            Object[] values = query.draw(profile, new SplittableRandom(SEED + (draws++ % cycle)));
            try (PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
                query.bind(statement, values);
                inFlightSince = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        // read every row: the probe measures what a client would wait for
                    }
                }
                window.add((System.nanoTime() - inFlightSince) / 1e6);
            } catch (SQLException e) {
                if (connection.isClosed() || !connection.isValid(1)) {
                    throw e;
                }
                window.addFailure();
                LOG.debugf("probe %s failed: %s", query.id(), e.getMessage());
            } finally {
                inFlightSince = 0;
            }
        }
    }

    /** Share of the pruning probe's partitions its plan did not scan; empty on an unpartitioned table. */
    OptionalDouble pruningPercent(Connection connection) throws SQLException {
        if (profile == null) {
            return OptionalDouble.empty();
        }
        ExplainEvidence evidence = QueryExplainer.explain(connection, pruningQuery, profile, new SplittableRandom(SEED));
        return evidence.partitions().stream()
                .mapToDouble(p -> 100.0 * p.prunedFraction())
                .min();
    }

    /**
     * The window's percentile, counting a probe still running as at least as slow as it has been
     * so far: a probe stuck behind a lock shows up before it returns.
     */
    OptionalDouble latencyPercentile(double p) {
        OptionalDouble measured = window.percentile(p);
        long since = inFlightSince;
        if (since == 0) {
            return measured;
        }
        double running = (System.nanoTime() - since) / 1e6;
        return OptionalDouble.of(Math.max(running, measured.orElse(0)));
    }

    OptionalDouble failedPercent() {
        return window.failedPercent();
    }

    int measured() {
        return window.count();
    }

    String disabledBecause() {
        return disabledBecause;
    }
}
