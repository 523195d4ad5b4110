-- Requests received in a period (funnel, monthly review, response times) read by date through
-- a covering index instead of the whole matches table. Keep in step with ../postgres.
CREATE INDEX matches_created_at ON matches (created_at, organisation_id, branch_id, taken_at, status);
CREATE INDEX matches_status_taken ON matches (status, taken_at);
