-- As sql/reference/indexes.sql builds it, without blocking writers.
CREATE INDEX CONCURRENTLY IF NOT EXISTS catalogo_geometrias_geom_gist ON catalogo_geometrias USING gist (geom);
