-- Browsers an account logged in from (a random cookie, stored hashed): repeated wrong passwords
-- typed elsewhere never lock the account's owner out of a device they already used.
CREATE TABLE user_devices (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL
);
CREATE INDEX user_devices_user ON user_devices (user_id);
