package dev.cutover.benchmark.runner;

import dev.cutover.suite.DataProfile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A finished run of a suite against one target. */
public record BenchmarkRun(String suite, RunSettings settings, DataProfile profile, Instant startedAt, Instant finishedAt,
                           List<QueryResult> queries) {

    public Optional<QueryResult> query(String id) {
        return queries.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
