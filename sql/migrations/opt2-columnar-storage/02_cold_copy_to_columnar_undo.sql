-- Back to an unindexed heap copy, as step cold-copy left it.
DROP INDEX IF EXISTS catalogo_geometrias_cold_layer_id;
DROP INDEX IF EXISTS catalogo_geometrias_cold_created_at;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_am a ON a.oid = c.relam
               WHERE c.oid = to_regclass('catalogo_geometrias_cold') AND a.amname <> 'heap') THEN
        ALTER TABLE catalogo_geometrias_cold SET ACCESS METHOD heap;
    END IF;
END
$$;
