-- A watch: one target of one rollout environment, sampled at its interval until it is stopped.
-- `guarded_since` opens the guarded window (rollback triggers request a rollback),
-- `baseline_p95_ms` is the probe p95 the latency-regression trigger compares with.
CREATE TABLE watch (
    id               uuid PRIMARY KEY,
    rollout_id       uuid        NOT NULL,
    environment      text        NOT NULL,
    target_name      text        NOT NULL,
    jdbc_url         text        NOT NULL,
    credentials      text,
    interval_ms      bigint      NOT NULL,
    rules            jsonb       NOT NULL,
    guarded_since    timestamptz,
    baseline_p95_ms  double precision,
    source           text        NOT NULL,
    status           text        NOT NULL,
    started_at       timestamptz NOT NULL,
    stopped_at       timestamptz
);
-- at most one active watch per rollout, environment and target
CREATE UNIQUE INDEX watch_active ON watch (rollout_id, environment, target_name) WHERE status = 'ACTIVE';

-- One state per rule and watch, persisted so a restart neither re-fires nor forgets an alert.
CREATE TABLE alert_state (
    watch_id      uuid        NOT NULL REFERENCES watch (id) ON DELETE CASCADE,
    rule          text        NOT NULL,
    status        text        NOT NULL,
    active_at     timestamptz,
    fired_at      timestamptz,
    last_true_at  timestamptz,
    value         double precision,
    PRIMARY KEY (watch_id, rule)
);

-- Every FIRING and RESOLVED, as announced on metric-breach.
CREATE TABLE breach (
    event_id          uuid PRIMARY KEY,
    watch_id          uuid        NOT NULL,
    rollout_id        uuid        NOT NULL,
    environment       text        NOT NULL,
    target_name       text        NOT NULL,
    rule              text        NOT NULL,
    severity          text        NOT NULL,
    state             text        NOT NULL,
    value             double precision NOT NULL,
    threshold         double precision NOT NULL,
    since             timestamptz NOT NULL,
    occurred_at       timestamptz NOT NULL,
    rollback_trigger  boolean     NOT NULL
);
CREATE INDEX breach_rollout ON breach (rollout_id, occurred_at);
CREATE INDEX breach_occurred ON breach (occurred_at);

-- The rollback this service requested for a rollout: once, whatever fires after.
CREATE TABLE rollback_request (
    rollout_id       uuid        PRIMARY KEY,
    environment      text        NOT NULL,
    rule             text        NOT NULL,
    breach_event_id  uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    requested_at     timestamptz NOT NULL
);

-- Samples, kept for the retention period.
CREATE TABLE sample (
    watch_id  uuid        NOT NULL REFERENCES watch (id) ON DELETE CASCADE,
    taken_at  timestamptz NOT NULL,
    metrics   jsonb       NOT NULL,
    error     text
);
CREATE INDEX sample_watch_time ON sample (watch_id, taken_at);
CREATE INDEX sample_time ON sample (taken_at);

-- The default rule set as last replaced over REST (none: the shipped rules/default.yaml).
CREATE TABLE default_rules (
    id          int PRIMARY KEY CHECK (id = 1),
    rules       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);
