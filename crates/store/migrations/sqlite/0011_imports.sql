-- CSV imports waiting for their mapping and confirmation (the decoded file is kept here between
-- the dry run and the commit; purged after a day). Keep in step with ../postgres.
CREATE TABLE imports (
    id BLOB PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('companies', 'accompaniments')),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    filename text NOT NULL,
    encoding text NOT NULL,
    content text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    result_json text,
    created_at TEXT NOT NULL
);
CREATE INDEX imports_created ON imports (created_at);
