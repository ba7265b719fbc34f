-- What search_geometrias and geometrias_near read: every geometry with its name already turned into
-- a text-search vector ('simple' configuration: names are codes and proper nouns, not prose).
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_geometrias_search AS
SELECT g.id, g.layer_id, g.kind, g.name, g.created_at, g.geom,
       to_tsvector('simple', g.name) AS name_search
FROM catalogo_geometrias g;

CREATE UNIQUE INDEX IF NOT EXISTS mv_geometrias_search_id ON mv_geometrias_search (id);
CREATE INDEX IF NOT EXISTS mv_geometrias_search_geom ON mv_geometrias_search USING gist (geom);
CREATE INDEX IF NOT EXISTS mv_geometrias_search_name ON mv_geometrias_search USING gin (name_search);
CREATE INDEX IF NOT EXISTS mv_geometrias_search_layer ON mv_geometrias_search (layer_id, id);
