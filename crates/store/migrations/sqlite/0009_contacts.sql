-- The people of a company, with their consent to share within the Team (date, scope, how it
-- was obtained) and its withdrawal; anonymised rows keep their id for the statistics.
-- Keep in step with ../postgres/0009_contacts.sql.

CREATE TABLE contacts (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    name text NOT NULL,
    role text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    phone text NOT NULL DEFAULT '',
    consent_share INTEGER NOT NULL DEFAULT 0,
    consent_at TEXT,
    consent_scope text NOT NULL DEFAULT '',
    consent_method text NOT NULL DEFAULT '',
    consent_withdrawn_at TEXT,
    anonymised_at TEXT,
    last_activity_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_activity ON contacts (last_activity_at);
