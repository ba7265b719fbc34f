DROP MATERIALIZED VIEW IF EXISTS mv_geometrias_polygons;
