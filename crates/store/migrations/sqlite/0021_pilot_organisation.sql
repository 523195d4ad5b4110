-- The pilot organisation of the Team (the Region in Hauts-de-France): it receives the needs no
-- routing rule covers, sets the targets, and is not counted as a delivering partner. Data, not
-- a slug written in the code. Keep in step with ../postgres/0021_pilot_organisation.sql.
ALTER TABLE organisations ADD COLUMN pilot INTEGER NOT NULL DEFAULT 0;
UPDATE organisations SET pilot = 1 WHERE kind = 'region';
