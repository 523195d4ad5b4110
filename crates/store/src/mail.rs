//! The mail outbox. Every mail Tremplin sends is first a row here, written in the same
//! transaction as the change that causes it ([`mail_tx!`]); a sender task delivers due rows over
//! SMTP or into the outbox folder, and retries failures with a growing delay. A `dedupe_key`
//! makes each mail idempotent, so a job run twice never sends twice.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Result, now, on_db};

/// One mail to queue.
#[derive(Debug, Clone)]
pub struct Mail<'a> {
    /// Unique per logical mail, e.g. `match-taken:<id>`.
    pub key: String,
    /// `request_received`, `taken_in_charge`, `need_closed`, `survey`, `reminder`, `digest`, …
    pub kind: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Queues a [`Mail`] on a transaction of either backend; a mail with the same key is skipped.
#[macro_export]
macro_rules! mail_tx {
    ($conn:expr, $mail:expr) => {{
        let m: &$crate::mail::Mail = &$mail;
        let t = $crate::now();
        sqlx::query(
            "INSERT INTO mails (id, dedupe_key, kind, to_addr, subject, body, status, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $7) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind($crate::new_id())
        .bind(&m.key)
        .bind(m.kind)
        .bind(m.to)
        .bind(m.subject)
        .bind(m.body)
        .bind(t)
        .execute(&mut *$conn)
        .await
    }};
}

/// Queues one mail on its own. Returns false when a mail with this key already exists.
pub async fn enqueue(db: &Db, mail: &Mail<'_>) -> Result<bool> {
    let r = on_db!(db, p => {
        let mut conn = p.acquire().await?;
        mail_tx!(conn, mail)?.rows_affected()
    });
    Ok(r == 1)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MailRow {
    pub id: Uuid,
    pub dedupe_key: String,
    pub kind: String,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT id, dedupe_key, kind, to_addr, subject, body, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM mails";

/// Queued mails whose next attempt is due.
pub async fn due(db: &Db, at: DateTime<Utc>, limit: i64) -> Result<Vec<MailRow>> {
    let sql = format!(
        "{SELECT} WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, MailRow>(&sql).bind(at).bind(limit).fetch_all(p).await)?)
}

/// The newest mails, optionally of one status, for the admin page.
pub async fn list(db: &Db, status: Option<&str>, limit: i64) -> Result<Vec<MailRow>> {
    let sql = format!(
        "{SELECT} WHERE ($1 = '' OR status = $1) ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, MailRow>(&sql).bind(status.unwrap_or("")).bind(limit).fetch_all(p).await)?,
    )
}

/// Mails to one address (tests and the person's data export).
pub async fn to_address(db: &Db, to: &str) -> Result<Vec<MailRow>> {
    let sql = format!("{SELECT} WHERE to_addr = $1 ORDER BY created_at, id");
    Ok(on_db!(db, p => sqlx::query_as::<_, MailRow>(&sql).bind(to).fetch_all(p).await)?)
}

pub async fn mark_sent(db: &Db, id: Uuid) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE mails SET status = 'sent', attempts = attempts + 1, sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(now()).bind(id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// After this many failed attempts a mail is marked failed (visible on the admin page).
pub const MAX_ATTEMPTS: i32 = 12;

/// The delay before attempt `n + 1` after `n` failures: 1, 2, 4 … minutes, at most 6 hours.
pub fn backoff(failures: i32) -> Duration {
    let minutes = 1i64 << failures.clamp(0, 9);
    Duration::minutes(minutes.min(360))
}

/// Records a failed attempt: retried later, or failed for good after [`MAX_ATTEMPTS`].
pub async fn mark_failed(db: &Db, m: &MailRow, error: &str) -> Result<()> {
    let attempts = m.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        "failed"
    } else {
        "queued"
    };
    let next = now() + backoff(attempts);
    on_db!(db, p => sqlx::query("UPDATE mails SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $5")
        .bind(status).bind(attempts).bind(next).bind(error).bind(m.id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Puts a failed mail back in the queue (admin action).
pub async fn retry(db: &Db, id: Uuid) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE mails SET status = 'queued', attempts = 0, next_attempt_at = $1 WHERE id = $2 AND status <> 'sent'")
        .bind(now()).bind(id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Counts per status, for the admin page.
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, (String, i64)>("SELECT status, COUNT(*) FROM mails GROUP BY status ORDER BY status")
        .fetch_all(p).await)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_caps_at_six_hours() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(1), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(32));
        assert_eq!(backoff(9), Duration::minutes(360));
        assert_eq!(backoff(40), Duration::minutes(360));
        assert_eq!(backoff(-3), Duration::minutes(1));
    }
}
