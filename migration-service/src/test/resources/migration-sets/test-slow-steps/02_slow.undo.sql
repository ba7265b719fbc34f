-- the slow step changes nothing; there is nothing to undo
SELECT 1;
