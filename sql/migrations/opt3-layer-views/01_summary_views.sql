-- Per-layer summaries that dashboards and the layer list read instead of aggregating the whole
-- catalogue. The unique indexes are what REFRESH MATERIALIZED VIEW CONCURRENTLY (OPT5) needs.
-- Reads catalogo_geometrias with ACCESS SHARE only: writers are never blocked.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_geometrias_by_layer AS
SELECT g.layer_id, l.name AS layer_name, g.kind,
       count(*) AS geometries,
       ST_Extent(g.geom)::geometry AS extent,
       min(g.created_at) AS first_created_at,
       max(g.created_at) AS last_created_at,
       max(g.updated_at) AS last_updated_at
FROM catalogo_geometrias g
JOIN layers l ON l.id = g.layer_id
GROUP BY g.layer_id, l.name, g.kind;

CREATE UNIQUE INDEX IF NOT EXISTS mv_geometrias_by_layer_key ON mv_geometrias_by_layer (layer_id, kind);
CREATE INDEX IF NOT EXISTS mv_geometrias_by_layer_extent ON mv_geometrias_by_layer USING gist (extent);

-- Month in UTC, so the buckets do not move with the session's time zone.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_geometrias_by_layer_month AS
SELECT g.layer_id, g.kind,
       date_trunc('month', g.created_at, 'UTC')::date AS month,
       count(*) AS geometries
FROM catalogo_geometrias g
GROUP BY g.layer_id, g.kind, date_trunc('month', g.created_at, 'UTC')::date;

CREATE UNIQUE INDEX IF NOT EXISTS mv_geometrias_by_layer_month_key ON mv_geometrias_by_layer_month (layer_id, kind, month);
CREATE INDEX IF NOT EXISTS mv_geometrias_by_layer_month_month ON mv_geometrias_by_layer_month (month);
