-- Accompaniments (a service delivered to a company, linked to a scheme when there is one) and
-- interactions (meetings, calls, e-mails, events) with notes visible to the Team or private to
-- the author's partner. Keep in step with ../postgres/0005_accompaniments.sql.

CREATE TABLE accompaniments (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    scheme_id text,
    title text NOT NULL,
    advisers text NOT NULL DEFAULT '',
    status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    start_date TEXT,
    end_date TEXT,
    budget_cents INTEGER,
    loan_cents INTEGER,
    guarantee_cents INTEGER,
    outcome text,
    version integer NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX accompaniments_company ON accompaniments (company_id);
CREATE INDEX accompaniments_status_end ON accompaniments (status, end_date);

CREATE TABLE interactions (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    author_id BLOB REFERENCES users (id),
    kind text NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'event')),
    occurred_on TEXT NOT NULL,
    note text NOT NULL,
    visibility text NOT NULL CHECK (visibility IN ('team', 'partner')),
    created_at TEXT NOT NULL
);
CREATE INDEX interactions_company ON interactions (company_id, occurred_on);
