-- The cutover window a checkpoint guards: when it opened, was assessed and ended, and how.
ALTER TABLE checkpoint
    ADD COLUMN window_opened_at   timestamptz,
    ADD COLUMN window_assessed_at timestamptz,
    ADD COLUMN window_ended_at    timestamptz,
    ADD COLUMN window_outcome     text;
CREATE INDEX checkpoint_window_running ON checkpoint (window_opened_at) WHERE window_opened_at IS NOT NULL AND window_ended_at IS NULL;
