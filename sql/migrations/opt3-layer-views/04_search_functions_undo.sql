DROP FUNCTION IF EXISTS polygons_by_area(double precision, double precision, geometry, integer);
DROP FUNCTION IF EXISTS layer_activity(date, date, integer);
DROP FUNCTION IF EXISTS layer_summary(integer);
DROP FUNCTION IF EXISTS geometrias_near(geometry, double precision, integer, integer);
DROP FUNCTION IF EXISTS search_geometrias(text, geometry, integer, integer);
