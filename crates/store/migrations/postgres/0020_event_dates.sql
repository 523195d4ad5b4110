-- Events over several days (a trade mission): the last day, and the day of each session
-- (default: the first day). Keep in step with ../sqlite/0020_event_dates.sql.
ALTER TABLE events ADD COLUMN end_day date;
ALTER TABLE events ADD COLUMN pitch_day date;
ALTER TABLE events ADD COLUMN meeting_day date;
