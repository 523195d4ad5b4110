-- Requests received in a period (funnel, monthly review, response times) read by date through
-- a covering index instead of the whole matches table. Keep in step with ../sqlite.
CREATE INDEX matches_created_at ON matches (created_at) INCLUDE (organisation_id, branch_id, taken_at, status);
CREATE INDEX matches_status_taken ON matches (status, taken_at);
