-- Meeting slots a registered company is away (0-based, comma-separated), as for guests.
-- Keep in step with the other backend's 0019.
ALTER TABLE event_registrations ADD COLUMN unavailable text NOT NULL DEFAULT '';
