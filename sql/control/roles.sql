-- Least privilege in the control database (docs/security.md#postgresql). Run as a superuser in the
-- control database; idempotent: bin/cutover runs it at every start, TestPostgres in every test
-- database. Passwords are not set here: a deployment sets them (ALTER ROLE … PASSWORD) where the
-- cluster checks them.
--
-- cutover_<schema>: one login role per service, owning that service's schema and what is in it,
--   nothing else: no superuser, no CREATE on the database, no way into another service's schema.
-- cutover_reader: what benchmark- and monitoring-service use on targets: reads every table and the
--   statistics views, writes nothing (grant it on each target cluster the same way).
DO $roles$
DECLARE
    service text;
    role text;
    owned record;
BEGIN
    FOREACH service IN ARRAY ARRAY['migration', 'benchmark', 'monitoring', 'checkpoint', 'notification'] LOOP
        role := 'cutover_' || service;
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', role);
        EXCEPTION WHEN duplicate_object THEN
            NULL; -- made by an earlier run, or by a concurrent one
        END;
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), role);
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, role);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, role);
        -- A schema made before these roles existed holds objects its service's role must own to migrate them.
        FOR owned IN
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                       ELSE 'TABLE' END AS kind, c.relname AS name
            FROM pg_class c
            WHERE c.relnamespace = service::regnamespace
              AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND c.relowner <> role::regrole
              -- a column's sequence follows its table
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype IN ('a', 'i'))
        LOOP
            EXECUTE format('ALTER %s %I.%I OWNER TO %I', owned.kind, service, owned.name, role);
        END LOOP;
        FOR owned IN
            SELECT p.oid::regprocedure AS signature FROM pg_proc p
            WHERE p.pronamespace = service::regnamespace AND p.proowner <> role::regrole
        LOOP
            EXECUTE format('ALTER ROUTINE %s OWNER TO %I', owned.signature, role);
        END LOOP;
    END LOOP;
    BEGIN
        CREATE ROLE cutover_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object THEN
        NULL;
    END;
    GRANT pg_monitor, pg_read_all_data TO cutover_reader;
END
$roles$;

-- Nobody else may connect or create anything here (PostgreSQL 15 no longer lets PUBLIC create in
-- the public schema; the database-level grants are still PUBLIC's by default).
DO $database$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
END
$database$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
