-- Statistics now, so the first plans on the new views are not guesses. A step of its own: ANALYZE
-- takes SHARE UPDATE EXCLUSIVE, which blocks no reader or writer, whereas in the steps that create
-- the views it would prolong the SHARE lock a re-run's CREATE INDEX IF NOT EXISTS takes on them.
ANALYZE mv_geometrias_by_layer;
ANALYZE mv_geometrias_by_layer_month;
ANALYZE mv_geometrias_search;
ANALYZE mv_geometrias_polygons;
