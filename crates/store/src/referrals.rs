//! Referrals between partners: an adviser hands a company's need to another partner with a
//! message and a response deadline; the recipient accepts (a match is created and taken in
//! charge) or declines with a reason; pending referrals past their deadline are escalated to
//! the pilot by the daily job.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tremplin_domain::followup::ReferralStatus;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Referral {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub need_id: Uuid,
    pub subject: String,
    pub from_organisation_id: Uuid,
    pub from_user_id: Option<Uuid>,
    pub to_organisation_id: Uuid,
    pub message: String,
    pub due_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub status: ReferralStatus,
    pub reason: Option<String>,
    pub match_id: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT f.id, f.company_id, c.name AS company_name, f.need_id, n.subject, f.from_organisation_id, f.from_user_id, \
     f.to_organisation_id, f.message, f.due_on, f.status, f.reason, f.match_id, f.decided_at, f.escalated_at, f.created_at \
     FROM referrals f JOIN companies c ON c.id = f.company_id JOIN needs n ON n.id = f.need_id";

/// What the referring adviser chose: an existing need of the company, or a new subject.
#[derive(Debug, Clone)]
pub enum NeedRef<'a> {
    Existing(Uuid),
    New { subject: &'a str },
}

#[derive(Debug, Clone)]
pub struct NewReferral<'a> {
    pub company: Uuid,
    pub need: NeedRef<'a>,
    pub from_org: Uuid,
    pub to_org: Uuid,
    pub message: &'a str,
    pub due_on: NaiveDate,
}

/// Records a referral. A new subject becomes an adviser-entered request and need on the
/// company's file, in the same transaction.
pub async fn create(db: &Db, actor: &Actor, r: &NewReferral<'_>) -> Result<Uuid> {
    if r.from_org == r.to_org {
        return Err(StoreError::Conflict("referral_same_partner"));
    }
    let company = crate::companies::get(db, r.company).await?;
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let need_id = match &r.need {
            NeedRef::Existing(n) => {
                let found: Option<(Uuid,)> = sqlx::query_as(
                    "SELECT n.id FROM needs n JOIN requests q ON q.id = n.request_id WHERE n.id = $1 AND q.company_id = $2")
                    .bind(n).bind(r.company).fetch_optional(&mut *tx).await?;
                found.ok_or(StoreError::NotFound)?.0
            }
            NeedRef::New { subject } => {
                let request = new_id();
                sqlx::query("INSERT INTO requests (id, source, created_at, contact_name, contact_email, company_name, siren, departement, consent_share, consent_text, profile_json, results_json, catalogue_version, company_id) \
                             VALUES ($1, 'adviser', $2, '', '', $3, $4, $5, $6, '', '{}', '[]', '', $7)")
                    .bind(request).bind(t).bind(&company.name).bind(&company.siren).bind(&company.departement)
                    .bind(company.sharing_consent).bind(r.company)
                    .execute(&mut *tx).await?;
                let need = new_id();
                sqlx::query("INSERT INTO needs (id, request_id, subject, lead_organisation_id, status, created_at) VALUES ($1, $2, $3, NULL, 'open', $4)")
                    .bind(need).bind(request).bind(*subject).bind(t).execute(&mut *tx).await?;
                need
            }
        };
        let (dup,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM referrals WHERE need_id = $1 AND to_organisation_id = $2 AND status = 'pending'")
            .bind(need_id).bind(r.to_org).fetch_one(&mut *tx).await?;
        if dup > 0 {
            return Err(StoreError::Conflict("referral_exists"));
        }
        sqlx::query("INSERT INTO referrals (id, company_id, need_id, from_organisation_id, from_user_id, to_organisation_id, message, due_on, status, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)")
            .bind(id).bind(r.company).bind(need_id).bind(r.from_org).bind(actor.id).bind(r.to_org).bind(r.message).bind(r.due_on).bind(t)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "referral", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"company": r.company, "need": need_id, "from": r.from_org, "to": r.to_org, "due_on": r.due_on})) })?;
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn get(db: &Db, id: Uuid) -> Result<Referral> {
    let sql = format!("{SELECT} WHERE f.id = $1");
    on_db!(db, p => sqlx::query_as::<_, Referral>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Referrals received by (`to`) or sent by (`from`) these organisations, newest first.
pub async fn for_orgs(db: &Db, orgs: &[Uuid], received: bool, limit: i64) -> Result<Vec<Referral>> {
    let col = if received {
        "to_organisation_id"
    } else {
        "from_organisation_id"
    };
    let sql = format!("{SELECT} WHERE f.{col} = $1 ORDER BY f.created_at DESC, f.id LIMIT $2");
    let mut out = Vec::new();
    for o in orgs {
        out.extend(on_db!(db, p => sqlx::query_as::<_, Referral>(&sql).bind(o).bind(limit).fetch_all(p).await)?);
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    Ok(out)
}

pub async fn of_company(db: &Db, company: Uuid) -> Result<Vec<Referral>> {
    let sql = format!("{SELECT} WHERE f.company_id = $1 ORDER BY f.created_at DESC, f.id");
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(&sql).bind(company).fetch_all(p).await)?)
}

/// Pending referrals whose deadline has passed (the pilot's escalation list).
pub async fn overdue(db: &Db, today: NaiveDate) -> Result<Vec<Referral>> {
    let sql =
        format!("{SELECT} WHERE f.status = 'pending' AND f.due_on < $1 ORDER BY f.due_on, f.id");
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(&sql).bind(today).fetch_all(p).await)?)
}

/// Marks overdue pending referrals as escalated (once each) and returns those newly escalated.
pub async fn escalate_overdue(db: &Db, today: NaiveDate) -> Result<Vec<Referral>> {
    let fresh: Vec<Referral> = overdue(db, today)
        .await?
        .into_iter()
        .filter(|r| r.escalated_at.is_none())
        .collect();
    if fresh.is_empty() {
        return Ok(fresh);
    }
    let actor = Actor::system("referral-escalation");
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for r in &fresh {
            sqlx::query("UPDATE referrals SET escalated_at = $1 WHERE id = $2 AND escalated_at IS NULL")
                .bind(t).bind(r.id).execute(&mut *tx).await?;
            audit_tx!(tx, Entry { actor: &actor, action: "escalate", entity_type: "referral", entity_id: r.id.to_string(), before: None,
                after: Some(serde_json::json!({"due_on": r.due_on})) })?;
        }
        tx.commit().await?;
    });
    Ok(fresh)
}

/// The recipient accepts: a match for its partner, taken in charge by the actor, on the need.
/// The need gets the recipient as lead when it had none. Returns the match.
pub async fn accept(db: &Db, actor: &Actor, id: Uuid) -> Result<Uuid> {
    let r = get(db, id).await?;
    if r.status != ReferralStatus::Pending {
        return Err(StoreError::Conflict("referral_decided"));
    }
    let match_id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO matches (id, need_id, organisation_id, why, status, adviser_id, created_at, taken_at) VALUES ($1, $2, $3, 'referral', 'taking_charge', $4, $5, $5)")
            .bind(match_id).bind(r.need_id).bind(r.to_organisation_id).bind(actor.id).bind(t)
            .execute(&mut *tx).await?;
        // The match first: the referral points to it.
        let changed = sqlx::query("UPDATE referrals SET status = 'accepted', match_id = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'")
            .bind(match_id).bind(actor.id).bind(t).bind(id).execute(&mut *tx).await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict("referral_decided"));
        }
        sqlx::query("UPDATE needs SET lead_organisation_id = COALESCE(lead_organisation_id, $1), status = 'open', closed_at = NULL WHERE id = $2")
            .bind(r.to_organisation_id).bind(r.need_id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(r.company_id).bind(r.to_organisation_id).bind(t).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "accept", entity_type: "referral", entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": "pending"})), after: Some(serde_json::json!({"status": "accepted", "match": match_id})) })?;
        tx.commit().await?;
        Ok(match_id)
    })
}

/// The recipient declines; a reason is required.
pub async fn decline(db: &Db, actor: &Actor, id: Uuid, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Conflict("reason_required"));
    }
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let changed = sqlx::query("UPDATE referrals SET status = 'declined', reason = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'")
            .bind(reason).bind(actor.id).bind(now()).bind(id).execute(&mut *tx).await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict("referral_decided"));
        }
        audit_tx!(tx, Entry { actor, action: "decline", entity_type: "referral", entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": "pending"})), after: Some(serde_json::json!({"status": "declined", "reason": reason})) })?;
        tx.commit().await?;
        Ok(())
    })
}
