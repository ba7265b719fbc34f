-- Rollback requests survive a restart: a rollout asked to roll back is rolled back, not resumed.
ALTER TABLE rollout ADD COLUMN rollback_reason text;

-- One row per (rollout, target, step): where the step is and the operation's own checkpoint
-- (e.g. the last copied key), so a restarted service resumes or rolls back from there.
CREATE TABLE step_run (
    rollout_id   uuid        NOT NULL REFERENCES rollout (id),
    environment  text        NOT NULL,
    target       text        NOT NULL,
    step_index   integer     NOT NULL,
    step_name    text        NOT NULL,
    operation    text        NOT NULL,
    status       text        NOT NULL,
    state        jsonb       NOT NULL DEFAULT '{}',
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (rollout_id, environment, target, step_index)
);

-- The checksum of every migration set a rollout applied, file by file (Flyway's validate, per set):
-- a file changed after a run was recorded fails the next PREFLIGHT.
CREATE TABLE migration_set_history (
    id           bigserial PRIMARY KEY,
    set_id       text        NOT NULL,
    checksum     text        NOT NULL,
    files        jsonb       NOT NULL,
    rollout_id   uuid        NOT NULL REFERENCES rollout (id),
    environment  text        NOT NULL,
    target       text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX migration_set_history_set ON migration_set_history (set_id, id);
