//! Satisfaction surveys: about ten days after a partner closes its match as done, the company
//! gets a link (a random token; only its SHA-256 is stored) to two questions and a comment,
//! with no account. Answers are shown to the partner concerned.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::mail::Mail;
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A closed match whose company should now get the survey.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Due {
    pub match_id: Uuid,
    pub organisation_id: Uuid,
    pub contact_email: String,
    pub company_name: String,
    pub subject: String,
    /// The language the company wrote in.
    pub locale: String,
}

/// Matches closed "done" or "done without help" before `closed_before`, whose request has an
/// e-mail address, and that have no survey yet.
pub async fn due(db: &Db, closed_before: DateTime<Utc>) -> Result<Vec<Due>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Due>(
        "SELECT m.id AS match_id, m.organisation_id, r.contact_email, r.company_name, n.subject, r.locale \
         FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id \
         WHERE m.status IN ('done', 'done_no_help') AND m.closed_at < $1 AND r.contact_email <> '' \
         AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.match_id = m.id) ORDER BY m.closed_at, m.id",
    ).bind(closed_before).fetch_all(p).await)?)
}

/// Records the survey and queues its mail in one transaction.
pub async fn create(db: &Db, d: &Due, token: &str, mail: &Mail<'_>) -> Result<Uuid> {
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO surveys (id, token_hash, match_id, organisation_id, to_addr, send_after, sent_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)")
            .bind(id).bind(token_hash(token)).bind(d.match_id).bind(d.organisation_id).bind(&d.contact_email).bind(t)
            .execute(&mut *tx).await?;
        crate::mail_tx!(tx, mail)?;
        tx.commit().await?;
    });
    Ok(id)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Survey {
    pub id: Uuid,
    pub match_id: Uuid,
    pub organisation_id: Uuid,
    pub company_name: String,
    pub subject: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub useful: Option<i32>,
    pub recommend: Option<i32>,
    pub comment: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.match_id, s.organisation_id, r.company_name, n.subject, s.answered_at, s.useful, s.recommend, s.comment \
     FROM surveys s JOIN matches m ON m.id = s.match_id JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id";

pub async fn by_token(db: &Db, token: &str) -> Result<Survey> {
    let sql = format!("{SELECT} WHERE s.token_hash = $1");
    on_db!(db, p => sqlx::query_as::<_, Survey>(&sql).bind(token_hash(token)).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Stores the answers (once: a second answer is a conflict).
pub async fn answer(
    db: &Db,
    token: &str,
    useful: i32,
    recommend: i32,
    comment: Option<&str>,
) -> Result<()> {
    let s = by_token(db, token).await?;
    let actor = Actor {
        id: None,
        label: "public:survey".into(),
    };
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE surveys SET answered_at = $1, useful = $2, recommend = $3, comment = $4 WHERE id = $5 AND answered_at IS NULL")
            .bind(now()).bind(useful).bind(recommend).bind(comment).bind(s.id).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::Conflict("survey_answered"));
        }
        audit_tx!(tx, Entry { actor: &actor, action: "answer", entity_type: "survey", entity_id: s.id.to_string(), before: None,
            after: Some(serde_json::json!({"useful": useful, "recommend": recommend})) })?;
        tx.commit().await?;
        Ok(())
    })
}

/// The survey of one match, if any (shown on the match page).
pub async fn of_match(db: &Db, match_id: Uuid) -> Result<Option<Survey>> {
    let sql = format!("{SELECT} WHERE s.match_id = $1");
    Ok(on_db!(db, p => sqlx::query_as::<_, Survey>(&sql).bind(match_id).fetch_optional(p).await)?)
}
