-- Every notification sent, for history; id is the Notification event's id.
CREATE TABLE notification (
    id               uuid PRIMARY KEY,
    rollout_id       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    severity         text        NOT NULL,
    environment      text,
    title            text        NOT NULL,
    body             text        NOT NULL,
    source_topic     text        NOT NULL,
    source_event_id  uuid        NOT NULL,
    links            jsonb       NOT NULL
);
CREATE INDEX notification_rollout ON notification (rollout_id, created_at);
CREATE INDEX notification_created ON notification (created_at);
