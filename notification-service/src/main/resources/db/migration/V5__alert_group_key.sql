-- The open group of a key is looked up with the status as a bound parameter: a generic plan cannot use
-- the partial unique index for that, and scanned every group ever made (bench/notification-latency
-- fell from p50 25 ms to 2 s). A plain index on the key serves the lookup whatever the status.
CREATE INDEX alert_group_key ON alert_group (group_key);
