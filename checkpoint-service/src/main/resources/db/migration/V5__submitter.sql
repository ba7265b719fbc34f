-- Who submitted the rollout (migration-service takes it from their token): on environments under
-- four-eyes, that person may not sign off or accept the checkpoint. Null when it could not be known.
ALTER TABLE checkpoint ADD COLUMN submitted_by text;
