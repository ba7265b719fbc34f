package dev.cutover.benchmark.runner;

/**
 * Told after every measured iteration (from the runner's worker threads) and after each query, so a
 * caller keeps the results gathered so far.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (queryId, done, total) -> { };

    void progress(String queryId, int done, int total);

    default void finished(QueryResult result) {
    }
}
