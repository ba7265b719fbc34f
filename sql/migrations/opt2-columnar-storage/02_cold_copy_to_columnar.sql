-- Rewrites the copy with the columnar access method (a no-op when it already is columnar). Only the
-- copy is locked; nothing the application uses is touched. Fails with 'access method "columnar"
-- does not exist' where no columnar extension is installed, which PREFLIGHT reports beforehand.
ALTER TABLE catalogo_geometrias_cold SET ACCESS METHOD columnar;

-- Columnar tables support btree but not GiST indexes: spatial filters on the copy are scans.
CREATE INDEX IF NOT EXISTS catalogo_geometrias_cold_created_at ON catalogo_geometrias_cold (created_at);
CREATE INDEX IF NOT EXISTS catalogo_geometrias_cold_layer_id ON catalogo_geometrias_cold (layer_id);

ANALYZE catalogo_geometrias_cold;
