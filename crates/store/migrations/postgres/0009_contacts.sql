-- The people of a company, with their consent to share within the Team (date, scope, how it
-- was obtained) and its withdrawal; anonymised rows keep their id for the statistics.
-- Keep in step with ../sqlite/0009_contacts.sql.

CREATE TABLE contacts (
    id uuid PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    name text NOT NULL,
    role text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    phone text NOT NULL DEFAULT '',
    consent_share boolean NOT NULL DEFAULT FALSE,
    consent_at timestamptz,
    consent_scope text NOT NULL DEFAULT '',
    consent_method text NOT NULL DEFAULT '',
    consent_withdrawn_at timestamptz,
    anonymised_at timestamptz,
    last_activity_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_activity ON contacts (last_activity_at);
