//! Session rows for the web layer's session store. The web crate serialises the session data;
//! here it is an opaque JSON text plus the user id (so deactivating a user, or changing their
//! password, ends their sessions). Only a hash of the session id is stored: a copy of the
//! database (a backup left readable) gives no working session.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{Db, Result, now, on_db};

/// What is stored for a session id: its SHA-256, in hex (ids are 128-bit random values, so a
/// plain hash is enough).
fn key(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

/// The data and expiry of an unexpired session.
pub async fn load(db: &Db, id: &str) -> Result<Option<(String, DateTime<Utc>)>> {
    let row: Option<(String, DateTime<Utc>)> = on_db!(db, p => sqlx::query_as(
        "SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
    )
    .bind(key(id))
    .bind(now())
    .fetch_optional(p)
    .await)?;
    Ok(row)
}

/// Inserts or replaces a session row.
pub async fn save(
    db: &Db,
    id: &str,
    user_id: Option<Uuid>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at",
    )
    .bind(key(id))
    .bind(user_id)
    .bind(data)
    .bind(expires_at)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Inserts a new session row; false if the id is already taken.
pub async fn create(
    db: &Db,
    id: &str,
    user_id: Option<Uuid>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let r = on_db!(db, p => sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
    )
    .bind(key(id))
    .bind(user_id)
    .bind(data)
    .bind(expires_at)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn delete(db: &Db, id: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("DELETE FROM sessions WHERE id = $1").bind(key(id)).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_expired(db: &Db) -> Result<u64> {
    let r = on_db!(db, p => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now()).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r)
}
