-- Foundation: partner organisations, branches, users and memberships, sessions, audit log.
-- Keep in step with ../sqlite/0001_foundation.sql (same version numbers, same tables).

CREATE TABLE organisations (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    kind text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE branches (
    id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    name text NOT NULL,
    email text,
    phone text,
    created_at timestamptz NOT NULL,
    UNIQUE (organisation_id, name)
);

-- A branch covers whole départements (commune = '') or single communes.
CREATE TABLE branch_coverage (
    branch_id uuid NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    departement text NOT NULL,
    commune text NOT NULL DEFAULT '',
    PRIMARY KEY (branch_id, departement, commune)
);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE,
    display_name text NOT NULL,
    password_hash text,
    active boolean NOT NULL DEFAULT TRUE,
    locale text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE memberships (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    branch_id uuid REFERENCES branches (id),
    role text NOT NULL CHECK (role IN ('adviser', 'manager', 'pilot', 'admin')),
    PRIMARY KEY (user_id, organisation_id)
);

-- One-time links: invitations (set a password) and the first-admin setup link.
-- Only a SHA-256 of the token is stored.
CREATE TABLE user_tokens (
    token_hash text PRIMARY KEY,
    purpose text NOT NULL CHECK (purpose IN ('invite', 'setup')),
    user_id uuid REFERENCES users (id) ON DELETE CASCADE,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id uuid,
    data text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- No foreign key on actor_id: the trail must outlive the accounts it mentions.
CREATE TABLE audit_log (
    id uuid PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_id uuid,
    actor_label text NOT NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id text NOT NULL,
    before_json text,
    after_json text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

CREATE TABLE login_failures (
    id uuid PRIMARY KEY,
    account text NOT NULL,
    ip text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
