-- One benchmark run of a suite against a target: its request, progress while it runs, and the full
-- results (every query's latency summary, raw latencies and EXPLAIN evidence) once it ends. A run
-- that fails keeps the results gathered before the failure.
CREATE TABLE benchmark (
    id              uuid PRIMARY KEY,
    rollout_id      uuid,
    environment     text,
    label           text        NOT NULL,
    suite           text        NOT NULL,
    target          text        NOT NULL,
    request         jsonb       NOT NULL,
    status          text        NOT NULL,
    current_query   text,
    iterations_done integer     NOT NULL DEFAULT 0,
    iterations_total integer    NOT NULL DEFAULT 0,
    results         jsonb,
    error           text,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX benchmark_created ON benchmark (created_at DESC);
CREATE INDEX benchmark_rollout ON benchmark (rollout_id);
