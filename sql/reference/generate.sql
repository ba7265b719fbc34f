-- pg_temp.generate_catalogue(rows, seed) fills the empty tables of catalogue.sql with 12 layers and
-- exactly `rows` geometries and returns how many it inserted. Every value is a function of
-- (row id, seed) through hashint8extended, never random(): the same (rows, seed) gives the same
-- content whatever the plan. Everything is defined in pg_temp, so it goes away with the session.
-- The distributions are described in sql/README.md.

-- A uniform number in [0, 1) for row `id` from stream `k` of `seed`: the low 53 bits of a hash, as
-- many as a float8 holds. Simple enough for the planner to inline.
CREATE OR REPLACE FUNCTION pg_temp.catalogue_u(id bigint, seed integer, k integer) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (hashint8extended(id, seed::bigint * 64 + k) & 9007199254740991)::float8 / 9007199254740992 $$;

-- The point at offset (a, b) metres from (x, y) in a frame rotated by the angle whose cosine and sine
-- are (c, s): vertices of lines and polygons follow their own orientation.
CREATE OR REPLACE FUNCTION pg_temp.catalogue_at(x float8, y float8, c float8, s float8, a float8, b float8)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ST_MakePoint(x + a * c - b * s, y + a * s + b * c) $$;

CREATE OR REPLACE FUNCTION pg_temp.generate_catalogue(rows bigint, seed integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    -- Row ids are spread over these five years in id order (a table grown by inserts).
    first_day constant timestamptz := '2025-01-01 00:00:00+00';
    day_after constant timestamptz := '2030-01-01 00:00:00+00';
    span_seconds constant float8 := extract(epoch FROM day_after - first_day);
    -- The city: a 40 km square around São Paulo in SIRGAS 2000 / UTM 23S.
    x0 constant float8 := 313000;
    y0 constant float8 := 7375000;
    side constant float8 := 40000;
    clusters constant integer := 40;
    items text[];            -- what one geometry of each layer is called, by layer id
    layer_bounds float8[];   -- cumulative Zipf shares of layers 1..11, for width_bucket
    cx float8[];
    cy float8[];
    spread float8[];         -- standard deviation of each cluster, metres
    inserted bigint;
BEGIN
    IF rows < 1 THEN
        RAISE EXCEPTION 'rows must be at least 1, got %', rows;
    END IF;

    WITH layer(id, name, item, description) AS (VALUES
        (1, 'lotes', 'lote', 'Lotes do cadastro imobiliario'),
        (2, 'edificacoes', 'edificacao', 'Projecoes de edificacoes'),
        (3, 'vias', 'via', 'Eixos de vias e logradouros'),
        (4, 'postes', 'poste', 'Postes da iluminacao publica'),
        (5, 'arvores', 'arvore', 'Inventario de arborizacao urbana'),
        (6, 'quadras', 'quadra', 'Quadras fiscais'),
        (7, 'calcadas', 'calcada', 'Calcadas e passeios'),
        (8, 'hidrografia', 'corrego', 'Corregos, rios e canais'),
        (9, 'drenagem', 'bueiro', 'Bocas de lobo e galerias de drenagem'),
        (10, 'pracas', 'praca', 'Pracas e areas verdes'),
        (11, 'equipamentos', 'equipamento', 'Escolas, unidades de saude e equipamentos publicos'),
        (12, 'zoneamento', 'zona', 'Zonas de uso e ocupacao do solo')),
    saved AS (
        INSERT INTO layers (id, name, description, created_at)
        SELECT id, name, description, first_day - interval '1 day' * (13 - id) FROM layer)
    SELECT array_agg(item ORDER BY id) INTO items FROM layer;

    -- Layer k gets a share proportional to 1/k (Zipf): lotes ~32 %, zoneamento ~2.7 %.
    SELECT array_agg(share ORDER BY k) INTO layer_bounds
    FROM (SELECT k, sum(1.0 / k) OVER (ORDER BY k) / (SELECT sum(1.0 / i) FROM generate_series(1, 12) i) AS share
          FROM generate_series(1, 11) k) s;

    -- Cluster centres keep 5 km off the edges; spreads of 250 m .. 2 km.
    SELECT array_agg(x0 + 5000 + (side - 10000) * pg_temp.catalogue_u(c, seed, 61) ORDER BY c),
           array_agg(y0 + 5000 + (side - 10000) * pg_temp.catalogue_u(c, seed, 62) ORDER BY c),
           array_agg(250 + 1750 * pg_temp.catalogue_u(c, seed, 63) ORDER BY c)
    INTO cx, cy, spread
    FROM generate_series(1, clusters) c;

    -- Staged subqueries (OFFSET 0 keeps the planner from merging them) so that each value is
    -- computed once per row.
    INSERT INTO catalogo_geometrias (id, layer_id, kind, name, attributes, geom, created_at, updated_at)
    SELECT id, layer_id, kind, items[layer_id] || ' ' || id,
           CASE kind
               WHEN 'polygon' THEN jsonb_build_object('source', source, 'status', status,
                   'area_class', CASE WHEN w * h < 500 THEN 'small' WHEN w * h < 5000 THEN 'medium' ELSE 'large' END)
               ELSE jsonb_build_object('source', source, 'status', status)
           END,
           ST_SetSRID(CASE kind
               WHEN 'point' THEN ST_MakePoint(x, y)
               -- Vertices advance along the heading with sideways jitter: never crossing itself.
               WHEN 'line' THEN ST_MakeLine((ARRAY[
                   ST_MakePoint(x, y),
                   pg_temp.catalogue_at(x, y, c, s, w, (j1 - 0.5) * w / 2),
                   pg_temp.catalogue_at(x, y, c, s, 2 * w, (j2 - 0.5) * w / 2),
                   pg_temp.catalogue_at(x, y, c, s, 3 * w, (j3 - 0.5) * w / 2),
                   pg_temp.catalogue_at(x, y, c, s, 4 * w, (j4 - 0.5) * w / 2)])[1:vertices])
               -- A rotated quadrilateral whose corners stay in their own quadrant: always valid.
               ELSE ST_MakePolygon(ST_MakeLine(ARRAY[
                   pg_temp.catalogue_at(x, y, c, s, (j1 - 1.5) * w / 2, (j2 - 1.5) * h / 2),
                   pg_temp.catalogue_at(x, y, c, s, (j3 + 0.5) * w / 2, (j4 - 1.5) * h / 2),
                   pg_temp.catalogue_at(x, y, c, s, (j5 + 0.5) * w / 2, (j6 + 0.5) * h / 2),
                   pg_temp.catalogue_at(x, y, c, s, (j7 - 1.5) * w / 2, (j8 + 0.5) * h / 2),
                   pg_temp.catalogue_at(x, y, c, s, (j1 - 1.5) * w / 2, (j2 - 1.5) * h / 2)]))
           END, 31983),
           created_at,
           CASE WHEN u_updated < 0.4
               THEN created_at + (day_after - created_at) * u_delay ^ 2
               ELSE created_at
           END
    FROM (
        -- A clustered position that falls outside the city is replaced by a uniform one.
        SELECT p.*,
               CASE WHEN outside THEN x0 + side * u_a ELSE gx END AS x,
               CASE WHEN outside THEN y0 + side * u_b ELSE gy END AS y
        FROM (
            SELECT d.*, background OR gx NOT BETWEEN x0 AND x0 + side OR gy NOT BETWEEN y0 AND y0 + side AS outside
            FROM (
                SELECT u.*,
                       1 + width_bucket(u_layer, layer_bounds) AS layer_id,
                       CASE WHEN u_kind < 0.5 THEN 'point' WHEN u_kind < 0.75 THEN 'line' ELSE 'polygon' END AS kind,
                       -- Box-Muller around the centre of a cluster; denser clusters come first.
                       cx[cluster] + spread[cluster] * sqrt(-2 * ln(1 - u_a)) * cos(2 * pi() * u_b) AS gx,
                       cy[cluster] + spread[cluster] * sqrt(-2 * ln(1 - u_a)) * sin(2 * pi() * u_b) AS gy,
                       cos(2 * pi() * u_heading) AS c,
                       sin(2 * pi() * u_heading) AS s,
                       -- Sizes log-uniform in 10 .. 200 m: polygon sides, line segment lengths.
                       10 * 20 ^ u_w AS w,
                       10 * 20 ^ u_h AS h,
                       2 + floor(4 * u_vertices)::integer AS vertices,
                       -- One row in ten is an import: any date, out of id order.
                       first_day + span_seconds * interval '1 second'
                           * CASE WHEN u_import < 0.1 THEN u_time ELSE (id - 1 + u_time) / rows END AS created_at,
                       CASE WHEN u_import < 0.1 THEN 'importacao'
                            WHEN u_source < 0.45 THEN 'cadastro'
                            WHEN u_source < 0.75 THEN 'levantamento'
                            ELSE 'ortofoto' END AS source,
                       CASE WHEN u_status < 0.85 THEN 'ativo' WHEN u_status < 0.95 THEN 'em_revisao' ELSE 'inativo' END AS status
                FROM (
                    SELECT g.id,
                           pg_temp.catalogue_u(g.id, seed, 1) AS u_layer,
                           pg_temp.catalogue_u(g.id, seed, 2) AS u_kind,
                           1 + floor(clusters * pg_temp.catalogue_u(g.id, seed, 3) ^ 2)::integer AS cluster,
                           pg_temp.catalogue_u(g.id, seed, 4) < 0.1 AS background,
                           pg_temp.catalogue_u(g.id, seed, 5) AS u_a,
                           pg_temp.catalogue_u(g.id, seed, 6) AS u_b,
                           pg_temp.catalogue_u(g.id, seed, 7) AS u_heading,
                           pg_temp.catalogue_u(g.id, seed, 8) AS u_w,
                           pg_temp.catalogue_u(g.id, seed, 9) AS u_h,
                           pg_temp.catalogue_u(g.id, seed, 10) AS u_vertices,
                           pg_temp.catalogue_u(g.id, seed, 11) AS j1,
                           pg_temp.catalogue_u(g.id, seed, 12) AS j2,
                           pg_temp.catalogue_u(g.id, seed, 13) AS j3,
                           pg_temp.catalogue_u(g.id, seed, 14) AS j4,
                           pg_temp.catalogue_u(g.id, seed, 15) AS j5,
                           pg_temp.catalogue_u(g.id, seed, 16) AS j6,
                           pg_temp.catalogue_u(g.id, seed, 17) AS j7,
                           pg_temp.catalogue_u(g.id, seed, 18) AS j8,
                           pg_temp.catalogue_u(g.id, seed, 19) AS u_import,
                           pg_temp.catalogue_u(g.id, seed, 20) AS u_time,
                           pg_temp.catalogue_u(g.id, seed, 21) AS u_updated,
                           pg_temp.catalogue_u(g.id, seed, 22) AS u_delay,
                           pg_temp.catalogue_u(g.id, seed, 23) AS u_source,
                           pg_temp.catalogue_u(g.id, seed, 24) AS u_status
                    FROM generate_series(1, rows) AS g(id)
                    OFFSET 0) u
                OFFSET 0) d
            OFFSET 0) p
        OFFSET 0) r;
    GET DIAGNOSTICS inserted = ROW_COUNT;

    PERFORM setval(pg_get_serial_sequence('catalogo_geometrias', 'id'), (SELECT max(id) FROM catalogo_geometrias));
    RETURN inserted;
END
$$;
