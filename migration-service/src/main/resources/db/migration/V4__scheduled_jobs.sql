-- Jobs of `schedule` steps that Cutover runs itself, on targets without pg_cron. A target is kept
-- as its name, URL and the NAME of configured credentials: no secret is stored here.
CREATE TABLE scheduled_job (
    id                bigserial   PRIMARY KEY,
    target_name       text        NOT NULL,
    jdbc_url          text        NOT NULL,
    credentials_name  text        NOT NULL,
    job               text        NOT NULL,
    cron              text        NOT NULL,
    command           text        NOT NULL,
    next_run_at       timestamptz,
    last_run_at       timestamptz,
    last_duration_ms  bigint,
    last_error        text,
    created_at        timestamptz NOT NULL,
    -- one job of a name per database, as pg_cron has it
    UNIQUE (jdbc_url, job)
);
CREATE INDEX scheduled_job_due ON scheduled_job (next_run_at);
