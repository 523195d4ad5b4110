-- Scheme catalogue with versions (edit → review → publish), and the call-back requests left
-- by companies after the public orientation. Keep in step with ../sqlite/0002_catalogue.sql.

CREATE TABLE schemes (
    id text PRIMARY KEY,
    -- The version shown to the public (the last published one).
    published_version integer,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE scheme_versions (
    scheme_id text NOT NULL REFERENCES schemes (id),
    version integer NOT NULL,
    toml text NOT NULL,
    state text NOT NULL CHECK (state IN ('review', 'published', 'rejected', 'superseded')),
    created_by uuid,
    created_by_label text NOT NULL,
    created_at timestamptz NOT NULL,
    decided_by uuid,
    decided_by_label text,
    decided_at timestamptz,
    comment text,
    PRIMARY KEY (scheme_id, version)
);
CREATE INDEX scheme_versions_state ON scheme_versions (state);

-- A request for help. Source 'orientation': the public "Être rappelé" button, with the
-- profile and the results shown. The follow-up routes it to partners.
CREATE TABLE requests (
    id uuid PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('orientation', 'adviser')),
    created_at timestamptz NOT NULL,
    contact_name text NOT NULL,
    contact_email text NOT NULL,
    contact_phone text,
    company_name text NOT NULL,
    siren text,
    departement text,
    message text,
    consent_share boolean NOT NULL,
    consent_text text NOT NULL,
    profile_json text NOT NULL,
    results_json text NOT NULL,
    catalogue_version text NOT NULL,
    status text NOT NULL DEFAULT 'new'
);
CREATE INDEX requests_created_at ON requests (created_at);
