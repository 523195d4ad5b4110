-- Inbox pages at volume: a partner's, a branch's or an adviser's matches, newest first. The
-- status is in the index so that a tab's page is read from the index alone and stops after
-- one page.
CREATE INDEX matches_org_created ON matches (organisation_id, created_at, id, status);
CREATE INDEX matches_adviser_created ON matches (adviser_id, created_at, id, status);
CREATE INDEX matches_branch_created ON matches (branch_id, created_at, id, status);
