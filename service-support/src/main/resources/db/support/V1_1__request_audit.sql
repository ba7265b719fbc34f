-- Every state-changing request this service answered: who, as which roles, when, which operation on
-- which subject, a digest of what was asked, and the answer's status (docs/security.md#audit).
-- Append-only: the trigger refuses changes and deletions. (V1_1: shared like V1, added after the
-- services' own V2 and later, hence flyway out-of-order.)
CREATE TABLE request_audit (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    principal       text        NOT NULL,
    roles           text        NOT NULL,
    operation       text        NOT NULL,
    subject         text,
    request_digest  text        NOT NULL,
    status          integer     NOT NULL
);
CREATE INDEX request_audit_subject ON request_audit (subject, id);

CREATE FUNCTION request_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the request audit is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER request_audit_append_only BEFORE UPDATE OR DELETE ON request_audit
    FOR EACH ROW EXECUTE FUNCTION request_audit_append_only();
