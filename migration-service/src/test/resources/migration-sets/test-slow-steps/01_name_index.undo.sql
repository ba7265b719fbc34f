DROP INDEX IF EXISTS widgets_name_idx;
