-- Accompaniments (a service delivered to a company, linked to a scheme when there is one) and
-- interactions (meetings, calls, e-mails, events) with notes visible to the Team or private to
-- the author's partner. Keep in step with ../sqlite/0005_accompaniments.sql.

CREATE TABLE accompaniments (
    id uuid PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    scheme_id text,
    title text NOT NULL,
    advisers text NOT NULL DEFAULT '',
    status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    start_date date,
    end_date date,
    budget_cents bigint,
    loan_cents bigint,
    guarantee_cents bigint,
    outcome text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX accompaniments_company ON accompaniments (company_id);
CREATE INDEX accompaniments_status_end ON accompaniments (status, end_date);

CREATE TABLE interactions (
    id uuid PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    author_id uuid REFERENCES users (id),
    kind text NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'event')),
    occurred_on date NOT NULL,
    note text NOT NULL,
    visibility text NOT NULL CHECK (visibility IN ('team', 'partner')),
    created_at timestamptz NOT NULL
);
CREATE INDEX interactions_company ON interactions (company_id, occurred_on);
