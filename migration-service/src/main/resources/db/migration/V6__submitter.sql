-- The principal whose token submitted the rollout (null for rollouts submitted before tokens were required).
ALTER TABLE rollout ADD COLUMN submitted_by text;
