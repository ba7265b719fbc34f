DROP FUNCTION IF EXISTS ensure_future_partitions(regclass, integer);
