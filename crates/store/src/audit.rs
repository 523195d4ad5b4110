//! The audit trail: every mutation anywhere in Tremplin writes one row here, in the same
//! transaction as the change itself (see [`audit_tx!`]), with who, when, what, before and after.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Result, on_db};

/// Who performed a change. `id` is None for the system (start-up seeding, scheduled jobs) and for
/// anonymous public actions; `label` is what the audit page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: Option<Uuid>,
    pub label: String,
}

impl Actor {
    pub fn system(label: &str) -> Self {
        Actor {
            id: None,
            label: format!("system:{label}"),
        }
    }

    pub fn user(id: Uuid, label: &str) -> Self {
        Actor {
            id: Some(id),
            label: label.to_string(),
        }
    }
}

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor: &'a Actor,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Writes an [`Entry`] on a transaction (or connection) of either backend.
#[macro_export]
macro_rules! audit_tx {
    ($conn:expr, $entry:expr) => {{
        let e: &$crate::audit::Entry = &$entry;
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, actor_label, action, entity_type, entity_id, before_json, after_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind($crate::new_id())
        .bind($crate::now())
        .bind(e.actor.id)
        .bind(&e.actor.label)
        .bind(e.action)
        .bind(e.entity_type)
        .bind(&e.entity_id)
        .bind(e.before.as_ref().map(|v| v.to_string()))
        .bind(e.after.as_ref().map(|v| v.to_string()))
        .execute(&mut *$conn)
        .await
    }};
}

/// Writes one entry on its own (for changes that are a single statement elsewhere).
pub async fn record(db: &Db, entry: Entry<'_>) -> Result<()> {
    on_db!(db, p => {
        let mut conn = p.acquire().await?;
        audit_tx!(conn, entry)?;
    });
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Row {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// Filters for the audit page. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first, at most `limit` rows, starting strictly before `before` (keyset pagination).
pub async fn list(
    db: &Db,
    f: &Filter,
    before: Option<DateTime<Utc>>,
    limit: i64,
) -> Result<Vec<Row>> {
    let actor_like = f.actor.as_ref().map(|a| format!("%{}%", a.to_lowercase()));
    let rows = on_db!(db, p => sqlx::query_as::<_, Row>(
        "SELECT id, at, actor_id, actor_label, action, entity_type, entity_id, before_json, after_json \
         FROM audit_log \
         WHERE ($1 IS NULL OR lower(actor_label) LIKE $1) \
           AND ($2 IS NULL OR action = $2) \
           AND ($3 IS NULL OR entity_type = $3) \
           AND ($4 IS NULL OR entity_id = $4) \
           AND ($5 IS NULL OR at >= $5) \
           AND ($6 IS NULL OR at < $6) \
           AND ($7 IS NULL OR at < $7) \
         ORDER BY at DESC, id DESC LIMIT $8",
    )
    .bind(&actor_like)
    .bind(&f.action)
    .bind(&f.entity_type)
    .bind(&f.entity_id)
    .bind(f.from)
    .bind(f.to)
    .bind(before)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    Ok(rows)
}

/// Distinct actions and entity types, for the filter drop-downs.
pub async fn facets(db: &Db) -> Result<(Vec<String>, Vec<String>)> {
    let actions: Vec<(String,)> = on_db!(db, p => sqlx::query_as("SELECT DISTINCT action FROM audit_log ORDER BY action").fetch_all(p).await)?;
    let types: Vec<(String,)> = on_db!(db, p => sqlx::query_as("SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type").fetch_all(p).await)?;
    Ok((
        actions.into_iter().map(|r| r.0).collect(),
        types.into_iter().map(|r| r.0).collect(),
    ))
}
