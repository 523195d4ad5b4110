//! Contacts (people) of a company and their personal data (GDPR): consent to share within the
//! Team and its withdrawal, export of everything about a person, anonymisation that keeps the
//! row (and so the statistics) but removes what identifies the person, and the retention job.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Contact {
    pub id: Uuid,
    pub company_id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub consent_share: bool,
    pub consent_at: Option<DateTime<Utc>>,
    pub consent_scope: String,
    pub consent_method: String,
    pub consent_withdrawn_at: Option<DateTime<Utc>>,
    pub anonymised_at: Option<DateTime<Utc>>,
    pub last_activity_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

const COLS: &str = "id, company_id, organisation_id, name, role, email, phone, consent_share, consent_at, consent_scope, \
     consent_method, consent_withdrawn_at, anonymised_at, last_activity_at, created_at";

#[derive(Debug, Clone, Default)]
pub struct NewContact {
    pub organisation_id: Uuid,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub consent_share: bool,
    pub consent_scope: String,
    pub consent_method: String,
}

pub async fn add(db: &Db, actor: &Actor, company: Uuid, c: &NewContact) -> Result<Uuid> {
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO contacts (id, company_id, organisation_id, name, role, email, phone, consent_share, consent_at, consent_scope, consent_method, last_activity_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)")
            .bind(id).bind(company).bind(c.organisation_id).bind(&c.name).bind(&c.role).bind(&c.email).bind(&c.phone)
            .bind(c.consent_share).bind(if c.consent_share { Some(t) } else { None }).bind(&c.consent_scope).bind(&c.consent_method).bind(t)
            .execute(&mut *tx).await?;
        // Personal data stays out of the audit trail: ids and consent facts only.
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "contact", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"company": company, "consent_share": c.consent_share, "scope": c.consent_scope, "method": c.consent_method})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub async fn of_company(db: &Db, company: Uuid) -> Result<Vec<Contact>> {
    let sql = format!(
        "SELECT {COLS} FROM contacts WHERE company_id = $1 ORDER BY anonymised_at IS NOT NULL, name, id"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, Contact>(&sql).bind(company).fetch_all(p).await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Contact> {
    let sql = format!("SELECT {COLS} FROM contacts WHERE id = $1");
    on_db!(db, p => sqlx::query_as::<_, Contact>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

pub async fn withdraw_consent(db: &Db, actor: &Actor, id: Uuid) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE contacts SET consent_share = $1, consent_withdrawn_at = $2 WHERE id = $3")
            .bind(false).bind(now()).bind(id).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "withdraw_consent", entity_type: "contact", entity_id: id.to_string(), before: None, after: None })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Everything stored about a person: the contact row and the audit entries about it.
pub async fn export(db: &Db, id: Uuid) -> Result<serde_json::Value> {
    let c = get(db, id).await?;
    let trail = crate::audit::list(
        db,
        &crate::audit::Filter {
            entity_type: Some("contact".into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        },
        None,
        1000,
    )
    .await?;
    Ok(serde_json::json!({
        "contact": c,
        "history": trail.iter().map(|r| serde_json::json!({"at": r.at, "action": r.action, "by": r.actor_label})).collect::<Vec<_>>(),
    }))
}

/// Removes what identifies the person, keeps the row (statistics count it).
pub async fn anonymise(db: &Db, actor: &Actor, id: Uuid) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE contacts SET name = $1, role = '', email = '', phone = '', consent_share = $2, anonymised_at = $3 WHERE id = $4 AND anonymised_at IS NULL")
            .bind("—").bind(false).bind(now()).bind(id).execute(&mut *tx).await?;
        if r.rows_affected() == 1 {
            audit_tx!(tx, Entry { actor, action: "anonymise", entity_type: "contact", entity_id: id.to_string(), before: None, after: None })?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// The retention job: anonymises contacts with no activity for `years`; returns how many.
pub async fn anonymise_inactive(db: &Db, years: i64) -> Result<u64> {
    let cutoff = now() - Duration::days(365 * years);
    let ids: Vec<(Uuid,)> = on_db!(db, p => sqlx::query_as(
        "SELECT id FROM contacts WHERE anonymised_at IS NULL AND last_activity_at < $1",
    ).bind(cutoff).fetch_all(p).await)?;
    let actor = Actor::system("retention");
    for (id,) in &ids {
        anonymise(db, &actor, *id).await?;
    }
    Ok(ids.len() as u64)
}

/// Test and import support: sets a contact's last activity.
pub async fn set_last_activity(db: &Db, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE contacts SET last_activity_at = $1 WHERE id = $2").bind(at).bind(id).execute(p).await.map(|_| ()))?;
    Ok(())
}
