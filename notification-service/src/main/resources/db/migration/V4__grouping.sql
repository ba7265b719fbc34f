-- Every event received, as routing saw it (what digests count); the notifications are what was sent.
CREATE TABLE alert (
    id               uuid PRIMARY KEY,           -- the source event's id
    alert_key        text        NOT NULL,       -- a breach's FIRING and RESOLVED share it
    group_id         bigint      NOT NULL,
    rollout_id       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    severity         text        NOT NULL,
    status           text        NOT NULL,       -- FIRING, RESOLVED, NOTICE
    environment      text,
    title            text        NOT NULL,
    body             text        NOT NULL,
    source_topic     text        NOT NULL
);
CREATE INDEX alert_created ON alert (created_at);
CREATE INDEX alert_rollout ON alert (rollout_id, created_at);

-- Alerts grouped as the route that took them says (Alertmanager's group_wait / group_interval /
-- repeat_interval), with their escalation and acknowledgement. One OPEN group per key; a group
-- closes when nothing in it fires any more, and the next alert with its key opens a new one.
CREATE SEQUENCE alert_group_id_seq INCREMENT BY 50;
CREATE TABLE alert_group (
    id                  bigint PRIMARY KEY,
    group_key           text        NOT NULL,
    status              text        NOT NULL,    -- OPEN, CLOSED
    rollout_id          uuid        NOT NULL,
    environment         text,
    receivers           jsonb       NOT NULL,    -- who has been told: the route's receivers, then each escalation level's
    group_interval_ms   bigint      NOT NULL,
    repeat_interval_ms  bigint      NOT NULL,
    escalation          jsonb       NOT NULL,    -- [{after, receiver}]
    alerts              jsonb       NOT NULL,    -- the group's alerts, de-duplicated by key, with what was last sent of each
    created_at          timestamptz NOT NULL,
    next_flush_at       timestamptz,
    last_sent_at        timestamptz,
    closed_at           timestamptz,
    escalation_level    int         NOT NULL DEFAULT 0,
    next_escalation_at  timestamptz,
    escalated_notification_id uuid,
    acknowledged_at     timestamptz,
    acknowledged_by     text,
    acknowledgement     text
);
CREATE UNIQUE INDEX alert_group_open ON alert_group (group_key) WHERE status = 'OPEN';
CREATE INDEX alert_group_due ON alert_group (next_flush_at) WHERE next_flush_at IS NOT NULL;
CREATE INDEX alert_group_escalation ON alert_group (next_escalation_at)
    WHERE next_escalation_at IS NOT NULL AND acknowledged_at IS NULL;

ALTER TABLE notification ADD COLUMN group_id bigint REFERENCES alert_group (id);
ALTER TABLE notification ADD COLUMN kind text NOT NULL DEFAULT 'NOTICE';
ALTER TABLE notification ADD COLUMN alert_count int NOT NULL DEFAULT 1;
ALTER TABLE notification ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE notification ALTER COLUMN alert_count DROP DEFAULT;
CREATE INDEX notification_group ON notification (group_id);
