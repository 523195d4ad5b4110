-- Events with foreign guests: round tables, guests, company registrations (with a business
-- card), seats. Keep in step with ../postgres/0007_events.sql.

CREATE TABLE events (
    id BLOB PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('ambassadors', 'inbound_buyers', 'trade_mission', 'workshop')),
    day TEXT NOT NULL,
    venue text NOT NULL DEFAULT '',
    pitch_start integer NOT NULL DEFAULT 540,
    pitch_minutes integer NOT NULL DEFAULT 5,
    pitch_buffer integer NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE event_tables (
    id BLOB PRIMARY KEY,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    label text NOT NULL,
    capacity integer NOT NULL
);

CREATE TABLE event_guests (
    id BLOB PRIMARY KEY,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('ambassador', 'buyer', 'investor')),
    country text NOT NULL,
    organisation text NOT NULL DEFAULT '',
    table_id BLOB REFERENCES event_tables (id)
);

CREATE TABLE event_registrations (
    id BLOB PRIMARY KEY,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    company_name text NOT NULL,
    targets text NOT NULL DEFAULT '',
    pitch_summary text NOT NULL DEFAULT '',
    card_name text NOT NULL,
    card_role text NOT NULL DEFAULT '',
    card_email text NOT NULL DEFAULT '',
    card_phone text NOT NULL DEFAULT '',
    card_website text NOT NULL DEFAULT '',
    table_id BLOB REFERENCES event_tables (id),
    seat_fixed INTEGER NOT NULL DEFAULT 0,
    seat_reason text NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
