-- The "unused index" clean-up: the GiST index Q1-Q3 read through.
DROP INDEX CONCURRENTLY IF EXISTS catalogo_geometrias_geom_gist;
