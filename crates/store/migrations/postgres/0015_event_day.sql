-- Events, second part: what guests offer the scheduler (sectors, languages, slots they are not
-- available), the company file a registration belongs to, check-in, request expiry, and each
-- meeting's attendance and outcome. Keep in step with ../sqlite/0015_event_day.sql.

-- NAF sections of interest ("C,J"), ISO 639-1 languages ("fr,en"), meeting slots the guest is
-- away ("3,4").
ALTER TABLE event_guests ADD COLUMN sectors text NOT NULL DEFAULT '';
ALTER TABLE event_guests ADD COLUMN languages text NOT NULL DEFAULT '';
ALTER TABLE event_guests ADD COLUMN unavailable text NOT NULL DEFAULT '';
ALTER TABLE event_guests ADD COLUMN checked_in_at timestamptz;

ALTER TABLE event_registrations ADD COLUMN company_id uuid REFERENCES companies (id);
ALTER TABLE event_registrations ADD COLUMN naf text;
ALTER TABLE event_registrations ADD COLUMN checked_in_at timestamptz;

-- A pending request past this day can no longer be accepted (shown as expired).
ALTER TABLE event_meeting_requests ADD COLUMN expires_on date;

ALTER TABLE event_meetings ADD COLUMN attendance text NOT NULL DEFAULT 'scheduled'
    CHECK (attendance IN ('scheduled', 'held', 'no_show', 'cancelled'));
ALTER TABLE event_meetings ADD COLUMN outcome text
    CHECK (outcome IN ('cooperation', 'informative', 'no_interest'));
ALTER TABLE event_meetings ADD COLUMN outcome_note text;
