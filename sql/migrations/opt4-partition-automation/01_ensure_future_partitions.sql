-- ensure_future_partitions(parent, months_ahead): appends yearly partitions to a table
-- RANGE-partitioned on one date/timestamp column until the partition holding now() + months_ahead
-- exists, and returns what it created. Each new year starts at the highest existing upper bound, so
-- it continues the convention (and time zone) the existing partitions were cut with; with none,
-- years start on 1 January UTC.
--
-- Rows already in the DEFAULT partition that fall in a new year move into the new partition in the
-- same transaction (no row is lost or seen twice). A new partition is created standalone and
-- ATTACHed: ATTACH holds only SHARE UPDATE EXCLUSIVE on the parent (CREATE TABLE ... PARTITION OF
-- would hold ACCESS EXCLUSIVE), and the CHECK constraint added first spares ATTACH a scan of the
-- new table. The DEFAULT partition is held ACCESS EXCLUSIVE by ATTACH while it proves that no row
-- of the new year remains in it: that takes as long as scanning it.
--
-- Partitions it creates carry the comment 'created by ensure_future_partitions', which is how the
-- undo of this migration set finds them.
CREATE OR REPLACE FUNCTION ensure_future_partitions(parent regclass, months_ahead integer DEFAULT 36)
RETURNS TABLE (partition regclass, from_value timestamptz, to_value timestamptz, rows_moved bigint)
LANGUAGE plpgsql
SET TimeZone = 'UTC'
AS $$
DECLARE
    key_column name;
    key_type text;
    default_part regclass;
    parent_schema name;
    parent_name name;
    column_list text;
    horizon timestamptz := now() + make_interval(months => months_ahead);
    lower_bound timestamptz;
    upper_bound timestamptz;
    new_name text;
    new_table text;
BEGIN
    IF months_ahead IS NULL OR months_ahead NOT BETWEEN 0 AND 120 THEN
        RAISE EXCEPTION 'ensure_future_partitions: months_ahead must be between 0 and 120, got %', months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT a.attname, format_type(a.atttypid, a.atttypmod), nullif(p.partdefid, 0)::regclass
    INTO key_column, key_type, default_part
    FROM pg_partitioned_table p
    JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
    WHERE p.partrelid = parent AND p.partstrat = 'r' AND p.partnatts = 1;
    IF key_column IS NULL THEN
        RAISE EXCEPTION 'ensure_future_partitions: % is not RANGE-partitioned on a single column', parent
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF key_type NOT IN ('timestamp with time zone', 'timestamp without time zone', 'date') THEN
        RAISE EXCEPTION 'ensure_future_partitions: % is partitioned on %.% of type %, not a date or timestamp',
            parent, parent, key_column, key_type USING ERRCODE = 'wrong_object_type';
    END IF;
    SELECT n.nspname, c.relname INTO parent_schema, parent_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = parent;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO column_list
    FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped;

    -- Bounds are stored as constants and rendered in this function's UTC time zone; a partition
    -- reaching MAXVALUE renders no quoted upper bound, and then nothing is ever missing.
    IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = parent AND pg_get_expr(c.relpartbound, c.oid) LIKE '%TO (MAXVALUE)') THEN
        RETURN;
    END IF;
    SELECT max(substring(pg_get_expr(c.relpartbound, c.oid) FROM $re$ TO \('([^']*)'\)$re$)::timestamptz)
    INTO lower_bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent;
    lower_bound := coalesce(lower_bound, date_trunc('year', now()));

    WHILE lower_bound <= horizon LOOP
        upper_bound := lower_bound + interval '1 year';
        new_name := parent_name || '_' || to_char(lower_bound, 'YYYY');
        IF length(new_name) > 63 THEN
            RAISE EXCEPTION 'ensure_future_partitions: partition name % is longer than 63 bytes', new_name;
        END IF;
        new_table := format('%I.%I', parent_schema, new_name);
        IF to_regclass(new_table) IS NOT NULL THEN
            RAISE EXCEPTION 'ensure_future_partitions: % already exists but is not the partition of % for [%, %)',
                new_table, parent, lower_bound, upper_bound USING ERRCODE = 'duplicate_table';
        END IF;
        EXECUTE format('CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE'
                       ' INCLUDING COMPRESSION)', new_table, parent);
        rows_moved := 0;
        IF default_part IS NOT NULL THEN
            EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= %L AND %I < %L RETURNING %s)'
                           ' INSERT INTO %s (%s) SELECT %s FROM moved',
                           default_part, key_column, lower_bound, key_column, upper_bound, column_list,
                           new_table, column_list, column_list);
            GET DIAGNOSTICS rows_moved = ROW_COUNT;
        END IF;
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I IS NOT NULL AND %I >= %L AND %I < %L)',
                       new_table, new_name || '_bound', key_column, key_column, lower_bound, key_column, upper_bound);
        EXECUTE format('ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%L) TO (%L)',
                       parent, new_table, lower_bound, upper_bound);
        -- The partition bound now says the same; the constraint would only cost checks on insert.
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', new_table, new_name || '_bound');
        EXECUTE format('COMMENT ON TABLE %s IS %L', new_table, 'created by ensure_future_partitions');
        partition := new_table::regclass;
        from_value := lower_bound;
        to_value := upper_bound;
        RETURN NEXT;
        lower_bound := upper_bound;
    END LOOP;
END
$$;
