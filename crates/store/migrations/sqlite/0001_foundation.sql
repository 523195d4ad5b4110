-- Foundation: partner organisations, branches, users and memberships, sessions, audit log.
-- Keep in step with ../postgres/0001_foundation.sql (same version numbers, same tables).

CREATE TABLE organisations (
    id BLOB PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE branches (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    email text,
    phone text,
    created_at TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

-- A branch covers whole départements (commune = '') or single communes.
CREATE TABLE branch_coverage (
    branch_id BLOB NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    departement TEXT NOT NULL,
    commune TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (branch_id, departement, commune)
);

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash text,
    active INTEGER NOT NULL DEFAULT 1,
    locale text,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    branch_id BLOB REFERENCES branches (id),
    role TEXT NOT NULL CHECK (role IN ('adviser', 'manager', 'pilot', 'admin')),
    PRIMARY KEY (user_id, organisation_id)
);

-- One-time links: invitations (set a password) and the first-admin setup link.
-- Only a SHA-256 of the token is stored.
CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'setup')),
    user_id BLOB REFERENCES users (id) ON DELETE CASCADE,
    created_by BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id BLOB,
    data TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- No foreign key on actor_id: the trail must outlive the accounts it mentions.
CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id BLOB,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json text,
    after_json text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

CREATE TABLE login_failures (
    id BLOB PRIMARY KEY,
    account TEXT NOT NULL,
    ip TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
