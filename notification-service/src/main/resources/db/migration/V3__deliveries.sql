-- Each notification's deliveries to the receivers the routing chose: retried with backoff, and
-- DEAD (a dead letter, visible over REST) once the attempts are spent.
CREATE TABLE delivery (
    id               bigserial   PRIMARY KEY,
    notification_id  uuid        NOT NULL REFERENCES notification (id),
    receiver         text        NOT NULL,
    status           text        NOT NULL,
    attempts         int         NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    UNIQUE (notification_id, receiver)
);
-- per receiver, the oldest pending delivery goes first (in order, one receiver never holds up another)
CREATE INDEX delivery_pending ON delivery (receiver, id) WHERE status = 'PENDING';
