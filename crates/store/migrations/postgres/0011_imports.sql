-- CSV imports waiting for their mapping and confirmation (the decoded file is kept here between
-- the dry run and the commit; purged after a day). Keep in step with ../sqlite.
CREATE TABLE imports (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('companies', 'accompaniments')),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    user_id uuid NOT NULL REFERENCES users (id),
    filename text NOT NULL,
    encoding text NOT NULL,
    content text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    result_json text,
    created_at timestamptz NOT NULL
);
CREATE INDEX imports_created ON imports (created_at);
