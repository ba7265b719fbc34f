-- Polygons with their area and a point inside them computed once, instead of per query.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_geometrias_polygons AS
SELECT g.id, g.layer_id, g.name,
       ST_Area(g.geom) AS area_m2,
       ST_PointOnSurface(g.geom)::geometry(Point, 31983) AS inside_point,
       g.geom
FROM catalogo_geometrias g
WHERE g.kind = 'polygon';

CREATE UNIQUE INDEX IF NOT EXISTS mv_geometrias_polygons_id ON mv_geometrias_polygons (id);
CREATE INDEX IF NOT EXISTS mv_geometrias_polygons_area ON mv_geometrias_polygons (area_m2);
CREATE INDEX IF NOT EXISTS mv_geometrias_polygons_inside ON mv_geometrias_polygons USING gist (inside_point);
