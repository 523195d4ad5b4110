-- A partner asks the holders of a company's file for access (a SIREN typed in a form, an
-- import or a request that matches a file it may not open no longer grants it by itself).
CREATE TABLE company_access_requests (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    requested_by BLOB REFERENCES users (id),
    source text NOT NULL CHECK (source IN ('search', 'create', 'import', 'request')),
    message text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_by BLOB REFERENCES users (id),
    decided_at TEXT,
    created_at TEXT NOT NULL
);
-- One pending request per partner and file.
CREATE UNIQUE INDEX company_access_requests_pending ON company_access_requests (company_id, organisation_id) WHERE status = 'pending';
