-- Shared by every service, in its own schema (Flyway location db/support; a service's own
-- migrations start at V2).

-- Transactional outbox: an event is written here in the same transaction as the state it
-- records, and relayed to Kafka until the broker acknowledged it.
CREATE TABLE outbox_message (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    event_type    text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL;

-- Idempotent consumers: one row per event a consumer has applied; a redelivery finds its row
-- and changes nothing.
CREATE TABLE processed_event (
    consumer      text        NOT NULL,
    event_id      uuid        NOT NULL,
    topic         text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
