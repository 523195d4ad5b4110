//! tower-sessions store over our own `sessions` table, so sessions live in the application
//! database (both backends, same migrations) instead of a second schema managed elsewhere.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tremplin_store::{Db, sessions};
use uuid::Uuid;

/// Session key holding the logged-in user's id.
pub const USER_KEY: &str = "user_id";

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    pub db: Db,
}

fn expiry(r: &Record) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(r.expiry_date.unix_timestamp(), 0).unwrap_or_else(Utc::now)
}

fn user_of(r: &Record) -> Option<Uuid> {
    r.data
        .get(USER_KEY)
        .and_then(|v| v.as_str())
        .and_then(|s| Uuid::parse_str(s).ok())
}

fn encode(r: &Record) -> Result<String> {
    serde_json::to_string(&r.data).map_err(|e| Error::Encode(e.to_string()))
}

fn backend(e: tremplin_store::StoreError) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = encode(record)?;
        // Ids are 128 random bits; retry on the (astronomically unlikely) collision.
        while !sessions::create(
            &self.db,
            &record.id.to_string(),
            user_of(record),
            &data,
            expiry(record),
        )
        .await
        .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        sessions::save(
            &self.db,
            &record.id.to_string(),
            user_of(record),
            &encode(record)?,
            expiry(record),
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires_at)) = sessions::load(&self.db, &id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sessions::delete(&self.db, &id.to_string())
            .await
            .map_err(backend)
    }
}
