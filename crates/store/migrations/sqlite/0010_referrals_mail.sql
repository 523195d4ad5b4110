-- Referrals between partners, the accompaniment → need link, the chasing ladder's progress on
-- each match, the mail outbox and satisfaction surveys. Keep in step with ../postgres.

CREATE TABLE referrals (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id),
    need_id BLOB NOT NULL REFERENCES needs (id),
    from_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    from_user_id BLOB REFERENCES users (id),
    to_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    message text NOT NULL,
    due_on TEXT NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    reason text,
    match_id BLOB REFERENCES matches (id),
    decided_by BLOB REFERENCES users (id),
    decided_at TEXT,
    escalated_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX referrals_to_status ON referrals (to_organisation_id, status);
CREATE INDEX referrals_from ON referrals (from_organisation_id);
CREATE INDEX referrals_company ON referrals (company_id);
CREATE INDEX referrals_due ON referrals (status, due_on);

ALTER TABLE accompaniments ADD COLUMN need_id BLOB REFERENCES needs (id);
CREATE INDEX accompaniments_need ON accompaniments (need_id);

-- The last step of the chasing ladder already sent for a match still waiting (0 = none).
ALTER TABLE matches ADD COLUMN reminder_step INTEGER NOT NULL DEFAULT 0;
CREATE INDEX matches_adviser ON matches (adviser_id);
CREATE INDEX matches_status_created ON matches (status, created_at);
CREATE INDEX needs_status ON needs (status);

CREATE TABLE mails (
    id BLOB PRIMARY KEY,
    -- Makes each mail idempotent: a job run twice does not send twice.
    dedupe_key text NOT NULL UNIQUE,
    kind text NOT NULL,
    to_addr text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error text,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX mails_queue ON mails (status, next_attempt_at);

CREATE TABLE surveys (
    id BLOB PRIMARY KEY,
    -- SHA-256 of the link's token: the token itself is only in the mail.
    token_hash text NOT NULL UNIQUE,
    match_id BLOB NOT NULL UNIQUE REFERENCES matches (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    to_addr text NOT NULL,
    send_after TEXT NOT NULL,
    sent_at TEXT,
    answered_at TEXT,
    useful INTEGER,
    recommend INTEGER,
    comment text,
    created_at TEXT NOT NULL
);
CREATE INDEX surveys_pending ON surveys (sent_at, send_after);

-- The language the company wrote in: its mails are written in it.
ALTER TABLE requests ADD COLUMN locale text NOT NULL DEFAULT 'fr';
