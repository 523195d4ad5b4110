-- One-to-one meetings of an event: the meeting session (start, slot length, slots, tables),
-- requests between companies and guests, and the scheduled meetings.
-- Keep in step with ../sqlite/0008_meetings.sql.

ALTER TABLE events ADD COLUMN meeting_start integer NOT NULL DEFAULT 840;
ALTER TABLE events ADD COLUMN meeting_minutes integer NOT NULL DEFAULT 20;
ALTER TABLE events ADD COLUMN meeting_slots integer NOT NULL DEFAULT 8;
ALTER TABLE events ADD COLUMN meeting_tables integer NOT NULL DEFAULT 10;

CREATE TABLE event_meeting_requests (
    id uuid PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    guest_id uuid NOT NULL REFERENCES event_guests (id) ON DELETE CASCADE,
    requested_by text NOT NULL CHECK (requested_by IN ('company', 'guest')),
    priority text NOT NULL CHECK (priority IN ('must', 'nice')),
    status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at timestamptz NOT NULL,
    UNIQUE (event_id, registration_id, guest_id, requested_by)
);

CREATE TABLE event_meetings (
    id uuid PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    guest_id uuid NOT NULL REFERENCES event_guests (id) ON DELETE CASCADE,
    slot integer NOT NULL,
    table_no integer NOT NULL,
    locked boolean NOT NULL DEFAULT FALSE
);
CREATE INDEX event_meetings_event ON event_meetings (event_id, slot);
