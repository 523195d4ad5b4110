-- Routing rules edited by the pilot, and the needs and matches (need × partner) created from
-- requests. Keep in step with ../sqlite/0004_routing.sql.

CREATE TABLE routing_rules (
    id uuid PRIMARY KEY,
    position integer NOT NULL,
    subject text NOT NULL,
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    min_headcount bigint,
    max_headcount bigint,
    min_age bigint,
    max_age bigint,
    naf_include text NOT NULL DEFAULT '',
    naf_exclude text NOT NULL DEFAULT '',
    registry text NOT NULL DEFAULT 'any',
    active boolean NOT NULL DEFAULT TRUE,
    created_at timestamptz NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position);

CREATE TABLE needs (
    id uuid PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES requests (id),
    subject text NOT NULL,
    lead_organisation_id uuid REFERENCES organisations (id),
    status text NOT NULL DEFAULT 'open',
    created_at timestamptz NOT NULL,
    closed_at timestamptz
);
CREATE INDEX needs_request ON needs (request_id);

CREATE TABLE matches (
    id uuid PRIMARY KEY,
    need_id uuid NOT NULL REFERENCES needs (id),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    branch_id uuid REFERENCES branches (id),
    rule_id uuid,
    why text NOT NULL,
    status text NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'taking_charge', 'done', 'done_no_help', 'unreachable', 'not_for_me')),
    reason text,
    adviser_id uuid REFERENCES users (id),
    created_at timestamptz NOT NULL,
    taken_at timestamptz,
    closed_at timestamptz
);
CREATE INDEX matches_org_status ON matches (organisation_id, status);
CREATE INDEX matches_need ON matches (need_id);
