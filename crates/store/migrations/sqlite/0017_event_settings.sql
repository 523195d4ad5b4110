-- Event settings: break slots of the meeting session (nobody meets then) and the company's
-- offer summary beside its pitch. Keep in step with the other backend's 0017.
ALTER TABLE events ADD COLUMN meeting_breaks text NOT NULL DEFAULT '';
ALTER TABLE event_registrations ADD COLUMN offer_summary text NOT NULL DEFAULT '';
