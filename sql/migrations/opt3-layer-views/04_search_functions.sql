-- The "RPC search" functions: what an API calls instead of querying catalogo_geometrias directly.
-- All STABLE and reading only the views of steps 1-3, through their indexes.

-- Text, box and layer filters, each optional. Dynamic SQL so that every call is planned with only
-- the filters it has: a static "(q IS NULL OR ...)" predicate would keep a cached generic plan
-- from using the GIN or GiST index.
CREATE OR REPLACE FUNCTION search_geometrias(q text DEFAULT NULL, bbox geometry DEFAULT NULL,
                                             layer integer DEFAULT NULL, max_rows integer DEFAULT 100)
RETURNS TABLE (id bigint, layer_id integer, kind text, name text, created_at timestamptz, geom geometry)
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    filters text[] := '{}';
BEGIN
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'search_geometrias: max_rows must be between 1 and 10000, got %', max_rows
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF nullif(btrim(q), '') IS NOT NULL THEN
        filters := array_append(filters, 's.name_search @@ websearch_to_tsquery(''simple'', $1)');
    END IF;
    IF bbox IS NOT NULL THEN
        IF ST_SRID(bbox) <> 31983 THEN
            RAISE EXCEPTION 'search_geometrias: bbox must be in SRID 31983 (SIRGAS 2000 / UTM 23S), got SRID %',
                ST_SRID(bbox) USING ERRCODE = 'invalid_parameter_value';
        END IF;
        filters := array_append(filters, 'ST_Intersects(s.geom, $2)');
    END IF;
    IF layer IS NOT NULL THEN
        filters := array_append(filters, 's.layer_id = $3');
    END IF;
    RETURN QUERY EXECUTE
        'SELECT s.id, s.layer_id, s.kind, s.name, s.created_at, s.geom FROM mv_geometrias_search s'
        || CASE WHEN cardinality(filters) > 0 THEN ' WHERE ' || array_to_string(filters, ' AND ') ELSE '' END
        || ' ORDER BY s.id LIMIT $4'
        USING q, bbox, layer, max_rows;
END
$$;

-- Nearest geometries within a radius, nearest first (GiST k-nearest-neighbour order).
CREATE OR REPLACE FUNCTION geometrias_near(point geometry, radius_m double precision,
                                           layer integer DEFAULT NULL, max_rows integer DEFAULT 50)
RETURNS TABLE (id bigint, layer_id integer, kind text, name text, distance_m double precision, geom geometry)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT s.id, s.layer_id, s.kind, s.name, ST_Distance(s.geom, point), s.geom
    FROM mv_geometrias_search s
    WHERE ST_DWithin(s.geom, point, radius_m) AND (layer IS NULL OR s.layer_id = layer)
    ORDER BY s.geom <-> point, s.id
    LIMIT max_rows
$$;

CREATE OR REPLACE FUNCTION layer_summary(layer integer DEFAULT NULL)
RETURNS TABLE (layer_id integer, layer_name text, kind text, geometries bigint, extent geometry,
               first_created_at timestamptz, last_created_at timestamptz, last_updated_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT v.layer_id, v.layer_name, v.kind, v.geometries, v.extent, v.first_created_at, v.last_created_at,
           v.last_updated_at
    FROM mv_geometrias_by_layer v
    WHERE layer IS NULL OR v.layer_id = layer
    ORDER BY v.layer_id, v.kind
$$;

-- Geometries created per month (UTC) in [from_month, to_month).
CREATE OR REPLACE FUNCTION layer_activity(from_month date, to_month date, layer integer DEFAULT NULL)
RETURNS TABLE (layer_id integer, kind text, month date, geometries bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT v.layer_id, v.kind, v.month, v.geometries
    FROM mv_geometrias_by_layer_month v
    WHERE v.month >= from_month AND v.month < to_month AND (layer IS NULL OR v.layer_id = layer)
    ORDER BY v.month, v.layer_id, v.kind
$$;

-- Polygons whose area lies in [min_m2, max_m2), largest first, optionally those inside a box.
CREATE OR REPLACE FUNCTION polygons_by_area(min_m2 double precision, max_m2 double precision,
                                            bbox geometry DEFAULT NULL, max_rows integer DEFAULT 100)
RETURNS TABLE (id bigint, layer_id integer, name text, area_m2 double precision, inside_point geometry)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT p.id, p.layer_id, p.name, p.area_m2, p.inside_point
    FROM mv_geometrias_polygons p
    WHERE p.area_m2 >= min_m2 AND p.area_m2 < max_m2 AND (bbox IS NULL OR ST_Intersects(p.inside_point, bbox))
    ORDER BY p.area_m2 DESC, p.id
    LIMIT max_rows
$$;
