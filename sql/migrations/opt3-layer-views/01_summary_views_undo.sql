-- The indexes go with their views.
DROP MATERIALIZED VIEW IF EXISTS mv_geometrias_by_layer_month;
DROP MATERIALIZED VIEW IF EXISTS mv_geometrias_by_layer;
