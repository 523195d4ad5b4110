-- Inbox pages at volume: a partner's or an adviser's matches by status, newest first.
CREATE INDEX matches_org_status_created ON matches (organisation_id, status, created_at);
CREATE INDEX matches_adviser_status_created ON matches (adviser_id, status, created_at);
CREATE INDEX matches_branch_status_created ON matches (branch_id, status, created_at);
