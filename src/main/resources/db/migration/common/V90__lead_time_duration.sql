-- Each completed funding stage's duration in whole milliseconds (rounded down), so that a funder's median and p90
-- lead times are read at their ranks through an index instead of reading every stage the funder ever completed
-- (the capacity check and the pre-label's orientation, src/docs/performance.md, session 8).
ALTER TABLE funding_lead_time ADD COLUMN duration_ms BIGINT;
UPDATE funding_lead_time SET duration_ms = CAST(FLOOR(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) AS BIGINT)
    WHERE ended_at IS NOT NULL;
CREATE INDEX funding_lead_time_duration ON funding_lead_time (funder_id, stage, duration_ms, subject_id);
