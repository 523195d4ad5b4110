-- A partner asks the holders of a company's file for access (a SIREN typed in a form, an
-- import or a request that matches a file it may not open no longer grants it by itself).
CREATE TABLE company_access_requests (
    id uuid PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    requested_by uuid REFERENCES users (id),
    source text NOT NULL CHECK (source IN ('search', 'create', 'import', 'request')),
    message text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_by uuid REFERENCES users (id),
    decided_at timestamptz,
    created_at timestamptz NOT NULL
);
-- One pending request per partner and file.
CREATE UNIQUE INDEX company_access_requests_pending ON company_access_requests (company_id, organisation_id) WHERE status = 'pending';
