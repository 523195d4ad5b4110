-- Routing rules edited by the pilot, and the needs and matches (need × partner) created from
-- requests. Keep in step with ../postgres/0004_routing.sql.

CREATE TABLE routing_rules (
    id BLOB PRIMARY KEY,
    position integer NOT NULL,
    subject text NOT NULL,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    min_headcount INTEGER,
    max_headcount INTEGER,
    min_age INTEGER,
    max_age INTEGER,
    naf_include text NOT NULL DEFAULT '',
    naf_exclude text NOT NULL DEFAULT '',
    registry text NOT NULL DEFAULT 'any',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position);

CREATE TABLE needs (
    id BLOB PRIMARY KEY,
    request_id BLOB NOT NULL REFERENCES requests (id),
    subject text NOT NULL,
    lead_organisation_id BLOB REFERENCES organisations (id),
    status text NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX needs_request ON needs (request_id);

CREATE TABLE matches (
    id BLOB PRIMARY KEY,
    need_id BLOB NOT NULL REFERENCES needs (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    branch_id BLOB REFERENCES branches (id),
    rule_id BLOB,
    why text NOT NULL,
    status text NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'taking_charge', 'done', 'done_no_help', 'unreachable', 'not_for_me')),
    reason text,
    adviser_id BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    taken_at TEXT,
    closed_at TEXT
);
CREATE INDEX matches_org_status ON matches (organisation_id, status);
CREATE INDEX matches_need ON matches (need_id);
