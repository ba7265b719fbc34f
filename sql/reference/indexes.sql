-- The secondary indexes of catalogo_geometrias as the production database has them before OPT1
-- (temporal partitioning), built after the bulk load because that is faster than maintaining them
-- row by row. ANALYZE so that the first plans on the fresh tables use real statistics.
CREATE INDEX catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom);
CREATE INDEX catalogo_geometrias_created_at_idx ON catalogo_geometrias (created_at);
CREATE INDEX catalogo_geometrias_layer_id_idx ON catalogo_geometrias (layer_id);
CREATE INDEX catalogo_geometrias_name_idx ON catalogo_geometrias (name);
ANALYZE layers;
ANALYZE catalogo_geometrias;
