-- A benchmark may end with a load test of the same queries: N clients for T seconds on the weighted mix.
ALTER TABLE benchmark ADD COLUMN load_test jsonb;
