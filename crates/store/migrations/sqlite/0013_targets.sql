-- Yearly targets of companies accompanied: for the Team (scope 'team') and per partner (scope =
-- the organisation's id as text). Edited by the pilot.
CREATE TABLE targets (
    year integer NOT NULL,
    scope text NOT NULL,
    value integer NOT NULL CHECK (value > 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, scope)
);
