-- Session ids are now stored hashed (SHA-256): rows holding an id in clear are dropped, their
-- users log in again.
DELETE FROM sessions;
