-- The checkpoints a rollout pauses at (migration-service waits at the gate) and their decisions as
-- checkpoint-decided announced them. A decision may arrive before the rollout reaches its gate
-- (evidence alone decided it), so either side may create the row.
CREATE TABLE checkpoint_gate (
    id             bigserial   PRIMARY KEY,
    rollout_id     uuid        NOT NULL,
    checkpoint     text        NOT NULL,
    environment    text        NOT NULL,
    awaited_since  timestamptz,
    decision       text,
    summary        text,
    decided_at     timestamptz,
    UNIQUE (rollout_id, checkpoint)
);
