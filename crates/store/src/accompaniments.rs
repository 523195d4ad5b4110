//! Accompaniments and interactions of a company. Partner-private notes are filtered here, in
//! the store, so no caller can forget the rule: a note with visibility "partner" is returned
//! only to people of the organisation that wrote it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tremplin_domain::followup::AccompanimentStatus;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Accompaniment {
    pub id: Uuid,
    pub company_id: Uuid,
    pub organisation_id: Uuid,
    pub scheme_id: Option<String>,
    pub title: String,
    pub advisers: String,
    #[sqlx(try_from = "String")]
    pub status: AccompanimentStatus,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub budget_cents: Option<i64>,
    pub loan_cents: Option<i64>,
    pub guarantee_cents: Option<i64>,
    pub outcome: Option<String>,
    pub need_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NewAccompaniment {
    pub organisation_id: Uuid,
    pub scheme_id: Option<String>,
    pub title: String,
    pub advisers: String,
    pub status: AccompanimentStatus,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub budget_cents: Option<i64>,
    pub loan_cents: Option<i64>,
    pub guarantee_cents: Option<i64>,
    pub outcome: Option<String>,
    /// The company's need this service answers, when there is one.
    pub need_id: Option<Uuid>,
}

pub async fn create(db: &Db, actor: &Actor, company: Uuid, a: &NewAccompaniment) -> Result<Uuid> {
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO accompaniments (id, company_id, organisation_id, scheme_id, title, advisers, status, start_date, end_date, budget_cents, loan_cents, guarantee_cents, outcome, need_id, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15, 1, $14, $14)")
            .bind(id).bind(company).bind(a.organisation_id).bind(&a.scheme_id).bind(&a.title).bind(&a.advisers).bind(a.status.as_str())
            .bind(a.start_date).bind(a.end_date).bind(a.budget_cents).bind(a.loan_cents).bind(a.guarantee_cents).bind(&a.outcome).bind(t).bind(a.need_id)
            .execute(&mut *tx).await?;
        sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(company).bind(a.organisation_id).bind(t).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "accompaniment", entity_id: id.to_string(), before: None,
            after: serde_json::to_value(a).ok() })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub async fn of_company(db: &Db, company: Uuid) -> Result<Vec<Accompaniment>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Accompaniment>(
        "SELECT id, company_id, organisation_id, scheme_id, title, advisers, status, start_date, end_date, budget_cents, loan_cents, guarantee_cents, outcome, need_id, version, created_at \
         FROM accompaniments WHERE company_id = $1 ORDER BY COALESCE(start_date, end_date), created_at",
    )
    .bind(company)
    .fetch_all(p)
    .await)?)
}

/// Changes the status (and outcome, end date) if still at `version`.
pub async fn set_status(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    version: i32,
    status: AccompanimentStatus,
    end_date: Option<NaiveDate>,
    outcome: Option<&str>,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE accompaniments SET status = $1, end_date = COALESCE($2, end_date), outcome = COALESCE($3, outcome), version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6")
            .bind(status.as_str()).bind(end_date).bind(outcome).bind(now()).bind(id).bind(version)
            .execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::Conflict("version_conflict"));
        }
        audit_tx!(tx, Entry { actor, action: "update_status", entity_type: "accompaniment", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"status": status, "end_date": end_date, "outcome": outcome})) })?;
        tx.commit().await?;
        Ok(())
    })
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Interaction {
    pub id: Uuid,
    pub company_id: Uuid,
    pub organisation_id: Uuid,
    pub author_id: Option<Uuid>,
    pub kind: String,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub visibility: String,
    pub created_at: DateTime<Utc>,
}

/// A note to record about a company.
#[derive(Debug, Clone)]
pub struct NewInteraction<'a> {
    pub organisation_id: Uuid,
    pub kind: &'a str,
    pub occurred_on: NaiveDate,
    pub note: &'a str,
    /// "team" (every partner who can see the file) or "partner" (the author's partner only).
    pub visibility: &'a str,
}

pub async fn add_interaction(
    db: &Db,
    actor: &Actor,
    company: Uuid,
    n: &NewInteraction<'_>,
) -> Result<Uuid> {
    let (org, kind, on, note, visibility) = (
        n.organisation_id,
        n.kind,
        n.occurred_on,
        n.note,
        n.visibility,
    );
    if !["meeting", "call", "email", "event"].contains(&kind)
        || !["team", "partner"].contains(&visibility)
    {
        return Err(StoreError::Conflict("value_unknown"));
    }
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO interactions (id, company_id, organisation_id, author_id, kind, occurred_on, note, visibility, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id).bind(company).bind(org).bind(actor.id).bind(kind).bind(on).bind(note).bind(visibility).bind(t)
            .execute(&mut *tx).await?;
        sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(company).bind(org).bind(t).execute(&mut *tx).await?;
        // The note's text stays out of the audit trail when it is private to a partner.
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "interaction", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"company": company, "kind": kind, "on": on, "visibility": visibility})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// The interactions a viewer may read: every "team" note, and the "partner" notes of the
/// viewer's own organisations.
pub async fn interactions_for(
    db: &Db,
    company: Uuid,
    viewer_orgs: &[Uuid],
) -> Result<Vec<Interaction>> {
    let all = on_db!(db, p => sqlx::query_as::<_, Interaction>(
        "SELECT id, company_id, organisation_id, author_id, kind, occurred_on, note, visibility, created_at \
         FROM interactions WHERE company_id = $1 ORDER BY occurred_on DESC, created_at DESC",
    )
    .bind(company)
    .fetch_all(p)
    .await)?;
    Ok(all
        .into_iter()
        .filter(|i| i.visibility == "team" || viewer_orgs.contains(&i.organisation_id))
        .collect())
}
