CREATE INDEX IF NOT EXISTS widgets_name_idx ON widgets (name);
