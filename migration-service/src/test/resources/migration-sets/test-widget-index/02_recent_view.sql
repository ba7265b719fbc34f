CREATE OR REPLACE VIEW widgets_recent AS SELECT * FROM widgets WHERE id > 10;
