-- Everything that happened to a rollout, as the events announced it, in the order it happened.
CREATE TABLE timeline_entry (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    rollout_id   uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    topic        text        NOT NULL,
    environment  text,
    target       text,
    phase        text,
    status       text,
    duration_ms  bigint,
    summary      text        NOT NULL,
    payload      jsonb       NOT NULL
);
CREATE INDEX timeline_entry_rollout ON timeline_entry (rollout_id, occurred_at);
