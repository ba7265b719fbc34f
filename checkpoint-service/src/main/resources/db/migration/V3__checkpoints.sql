-- A rollout's checkpoints: their definition, the latest evaluation of their evidence and the decision.
CREATE TABLE checkpoint (
    id               uuid        PRIMARY KEY,
    rollout_id       uuid        NOT NULL,
    name             text        NOT NULL,
    environment      text        NOT NULL,
    definition       jsonb       NOT NULL,
    status           text        NOT NULL,
    decision         text,
    criteria         jsonb,
    evidence         jsonb,
    evidence_digest  text,
    accepted_by      text,
    accepted_reason  text,
    created_at       timestamptz NOT NULL,
    opened_at        timestamptz,
    decided_at       timestamptz
);
-- replaced definitions stay (the audit trail refers to them) as SUPERSEDED
CREATE UNIQUE INDEX checkpoint_name ON checkpoint (rollout_id, name) WHERE status <> 'SUPERSEDED';
CREATE INDEX checkpoint_undecided ON checkpoint (rollout_id, environment) WHERE status IN ('WAITING', 'OPEN', 'CONDITIONAL');

-- One sign-off per person and checkpoint: signing again changes nothing.
CREATE TABLE sign_off (
    id               bigserial   PRIMARY KEY,
    checkpoint_id    uuid        NOT NULL REFERENCES checkpoint (id),
    signer           text        NOT NULL,
    role             text        NOT NULL,
    approved         boolean     NOT NULL,
    comment          text,
    evidence_digest  text        NOT NULL,
    signed_at        timestamptz NOT NULL,
    UNIQUE (checkpoint_id, signer)
);

-- Every definition, opening, sign-off, acceptance and decision: who, as which role, when, and the
-- digest of the evidence they saw. Append-only: the trigger refuses changes and deletions.
CREATE TABLE audit_entry (
    id               bigserial   PRIMARY KEY,
    checkpoint_id    uuid        NOT NULL REFERENCES checkpoint (id),
    rollout_id       uuid        NOT NULL,
    at               timestamptz NOT NULL,
    action           text        NOT NULL,
    actor            text        NOT NULL,
    role             text,
    evidence_digest  text,
    detail           text
);
CREATE INDEX audit_entry_checkpoint ON audit_entry (checkpoint_id, id);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
