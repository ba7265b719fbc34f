DROP VIEW IF EXISTS widgets_recent;
