-- A heap copy of the cold geometries: those created before the current year (UTC), which the
-- application only reads. Reading catalogo_geometrias takes ACCESS SHARE: writers are not blocked.
-- Transactional, so a crash leaves either the whole copy or none; IF NOT EXISTS makes a re-run a no-op.
CREATE TABLE IF NOT EXISTS catalogo_geometrias_cold AS
SELECT * FROM catalogo_geometrias
WHERE created_at < date_trunc('year', now(), 'UTC');

ANALYZE catalogo_geometrias_cold;
