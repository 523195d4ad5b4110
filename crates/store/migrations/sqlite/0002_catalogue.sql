-- Scheme catalogue with versions (edit → review → publish), and the call-back requests left
-- by companies after the public orientation. Keep in step with ../postgres/0002_catalogue.sql.

CREATE TABLE schemes (
    id text PRIMARY KEY,
    -- The version shown to the public (the last published one).
    published_version integer,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE scheme_versions (
    scheme_id text NOT NULL REFERENCES schemes (id),
    version integer NOT NULL,
    toml text NOT NULL,
    state text NOT NULL CHECK (state IN ('review', 'published', 'rejected', 'superseded')),
    created_by BLOB,
    created_by_label text NOT NULL,
    created_at TEXT NOT NULL,
    decided_by BLOB,
    decided_by_label text,
    decided_at TEXT,
    comment text,
    PRIMARY KEY (scheme_id, version)
);
CREATE INDEX scheme_versions_state ON scheme_versions (state);

-- A request for help. Source 'orientation': the public "Être rappelé" button, with the
-- profile and the results shown. The follow-up routes it to partners.
CREATE TABLE requests (
    id BLOB PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('orientation', 'adviser')),
    created_at TEXT NOT NULL,
    contact_name text NOT NULL,
    contact_email text NOT NULL,
    contact_phone text,
    company_name text NOT NULL,
    siren text,
    departement text,
    message text,
    consent_share INTEGER NOT NULL,
    consent_text text NOT NULL,
    profile_json text NOT NULL,
    results_json text NOT NULL,
    catalogue_version text NOT NULL,
    status text NOT NULL DEFAULT 'new'
);
CREATE INDEX requests_created_at ON requests (created_at);
