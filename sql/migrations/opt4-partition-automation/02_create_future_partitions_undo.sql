-- Retires every partition ensure_future_partitions created (by this step or later by the schedule):
-- its rows go back to the DEFAULT partition, as they were before. DETACH holds ACCESS EXCLUSIVE on
-- catalogo_geometrias, so this runs within the step's lock budget only while those partitions are
-- small; otherwise the undo is rolled back and says so.
DO $$
DECLARE
    parent regclass := to_regclass('catalogo_geometrias');
    part regclass;
    column_list text;
BEGIN
    IF parent IS NULL THEN
        RETURN;
    END IF;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO column_list
    FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped;
    FOR part IN
        SELECT i.inhrelid::regclass FROM pg_inherits i
        WHERE i.inhparent = parent AND obj_description(i.inhrelid, 'pg_class') = 'created by ensure_future_partitions'
        ORDER BY i.inhrelid
    LOOP
        EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', parent, part);
        -- Routed through the parent: with the partition gone they land in DEFAULT (or fail, if there
        -- is none, and the whole undo rolls back).
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s', parent, column_list, column_list, part);
        EXECUTE format('DROP TABLE %s', part);
    END LOOP;
END
$$;
