-- The reference geometry catalogue: the table the planning documents optimise (catalogo_geometrias)
-- and its layers. No secondary indexes here: generate.sql bulk-loads faster without them, and
-- indexes.sql adds them afterwards as the pre-partitioning production database has them.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE layers (
    id integer PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE catalogo_geometrias (
    id bigserial PRIMARY KEY,
    layer_id integer NOT NULL REFERENCES layers (id),
    kind text NOT NULL CHECK (kind IN ('point', 'line', 'polygon')),
    name text NOT NULL,
    attributes jsonb NOT NULL DEFAULT '{}',
    geom geometry(Geometry, 31983) NOT NULL, -- SIRGAS 2000 / UTM zone 23S, metres
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
