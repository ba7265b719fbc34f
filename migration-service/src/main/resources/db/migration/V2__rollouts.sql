-- A rollout is one run of a plan; each phase on each target leaves one phase_run with its evidence.
CREATE TABLE rollout (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    plan        jsonb       NOT NULL,
    status      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE phase_run (
    id           bigserial PRIMARY KEY,
    rollout_id   uuid        NOT NULL REFERENCES rollout (id),
    environment  text        NOT NULL,
    target       text        NOT NULL,
    phase        text        NOT NULL,
    status       text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    evidence     jsonb       NOT NULL,
    error        text
);
CREATE INDEX phase_run_rollout ON phase_run (rollout_id, id);
