-- Companies: one shared file across partners, identified by SIREN (or provisional for projects
-- not yet registered and foreign companies), with establishments, export countries and the
-- partners holding the file. Keep in step with ../postgres/0003_companies.sql.

CREATE TABLE companies (
    id BLOB PRIMARY KEY,
    siren text UNIQUE,
    name text NOT NULL,
    -- Folded name (lower case, no accents, no legal form) for search and duplicate hints.
    name_key text NOT NULL,
    naf text,
    legal_form text,
    registries text NOT NULL DEFAULT '',
    headcount_band text,
    turnover_eur INTEGER,
    address text,
    commune text,
    departement text,
    country text NOT NULL DEFAULT 'FR',
    sharing_consent INTEGER NOT NULL DEFAULT 0,
    merged_into BLOB REFERENCES companies (id),
    version integer NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX companies_name_key ON companies (name_key);
CREATE INDEX companies_commune ON companies (commune);

-- Partners that hold a company's file (they created it or work with it).
CREATE TABLE company_holders (
    company_id BLOB NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    since TEXT NOT NULL,
    PRIMARY KEY (company_id, organisation_id)
);

CREATE TABLE establishments (
    siret text PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name text,
    address text,
    commune text,
    created_at TEXT NOT NULL
);
CREATE INDEX establishments_company ON establishments (company_id);

-- Export countries: the current status; each change is in the audit trail (history).
CREATE TABLE company_countries (
    company_id BLOB NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    country text NOT NULL,
    status text NOT NULL CHECK (status IN ('exporting', 'target', 'not_interested')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (company_id, country)
);
