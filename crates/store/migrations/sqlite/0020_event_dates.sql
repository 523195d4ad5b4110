-- Events over several days (a trade mission): the last day, and the day of each session
-- (default: the first day). Keep in step with ../postgres/0020_event_dates.sql.
ALTER TABLE events ADD COLUMN end_day TEXT;
ALTER TABLE events ADD COLUMN pitch_day TEXT;
ALTER TABLE events ADD COLUMN meeting_day TEXT;
