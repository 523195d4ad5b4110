-- The pilot organisation of the Team (the Region in Hauts-de-France): it receives the needs no
-- routing rule covers, sets the targets, and is not counted as a delivering partner. Data, not
-- a slug written in the code. Keep in step with ../sqlite/0021_pilot_organisation.sql.
ALTER TABLE organisations ADD COLUMN pilot boolean NOT NULL DEFAULT false;
UPDATE organisations SET pilot = true WHERE kind = 'region';
