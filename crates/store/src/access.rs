//! Access to a company's file that a partner may not open: it asks, the partners holding the
//! file accept (the asker becomes a holder) or decline, audited. A SIREN typed in a form, an
//! import line or a routed request that matches such a file files a request instead of granting
//! access by itself.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tremplin_domain::followup::{AccessSource, AccessStatus};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AccessRequest {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub organisation_id: Uuid,
    pub requested_by: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub source: AccessSource,
    pub message: String,
    #[sqlx(try_from = "String")]
    pub status: AccessStatus,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT a.id, a.company_id, c.name AS company_name, a.organisation_id, a.requested_by, a.source, \
     a.message, a.status, a.created_at, a.decided_at FROM company_access_requests a JOIN companies c ON c.id = a.company_id";

/// Whether `org` may already open the file: shared by the company, or held by `org`.
#[macro_export]
macro_rules! may_open_tx {
    ($tx:expr, $company:expr, $org:expr) => {{
        let row: Option<(bool, i64)> = sqlx::query_as(
            "SELECT c.sharing_consent, (SELECT COUNT(*) FROM company_holders h WHERE h.company_id = c.id AND h.organisation_id = $2) \
             FROM companies c WHERE c.id = $1",
        )
        .bind($company)
        .bind($org)
        .fetch_optional(&mut *$tx)
        .await?;
        row.is_some_and(|(shared, held)| shared || held > 0)
    }};
}

/// Files a pending request of `$org` for `$company` inside a transaction (nothing when one is
/// already pending), audited.
#[macro_export]
macro_rules! ask_access_tx {
    ($tx:expr, $actor:expr, $company:expr, $org:expr, $source:expr, $message:expr) => {{
        let source: tremplin_domain::followup::AccessSource = $source;
        let id = $crate::new_id();
        let added = sqlx::query(
            "INSERT INTO company_access_requests (id, company_id, organisation_id, requested_by, source, message, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind($company)
        .bind($org)
        .bind($actor.id)
        .bind(source.as_str())
        .bind($message)
        .bind($crate::now())
        .execute(&mut *$tx)
        .await?;
        if added.rows_affected() == 1 {
            $crate::audit_tx!($tx, $crate::audit::Entry { actor: $actor, action: "ask_access", entity_type: "company",
                entity_id: $company.to_string(), before: None,
                after: Some(serde_json::json!({"organisation_id": $org, "source": source, "request": id})) })?;
        }
    }};
}

/// Asks the holders of a file for access for `org` (idempotent while a request is pending).
/// Refused when `org` may already open the file.
pub async fn ask(
    db: &Db,
    actor: &Actor,
    company: Uuid,
    org: Uuid,
    source: AccessSource,
    message: &str,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let exists: Option<(Uuid,)> = sqlx::query_as("SELECT id FROM companies WHERE id = $1").bind(company).fetch_optional(&mut *tx).await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        if may_open_tx!(tx, company, org) {
            return Err(StoreError::Conflict("access_already"));
        }
        ask_access_tx!(tx, actor, company, org, source, message);
        tx.commit().await?;
    });
    Ok(())
}

pub async fn get(db: &Db, id: Uuid) -> Result<AccessRequest> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    on_db!(db, p => sqlx::query_as::<_, AccessRequest>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// The requests on one company's file, newest first.
pub async fn of_company(db: &Db, company: Uuid) -> Result<Vec<AccessRequest>> {
    let sql = format!("{SELECT} WHERE a.company_id = $1 ORDER BY a.created_at DESC, a.id");
    Ok(on_db!(db, p => sqlx::query_as::<_, AccessRequest>(&sql).bind(company).fetch_all(p).await)?)
}

/// Every pending request, oldest first.
pub async fn pending(db: &Db) -> Result<Vec<AccessRequest>> {
    let sql = format!("{SELECT} WHERE a.status = 'pending' ORDER BY a.created_at, a.id");
    Ok(on_db!(db, p => sqlx::query_as::<_, AccessRequest>(&sql).fetch_all(p).await)?)
}

/// The pending requests on files held by one of `holders`, oldest first.
pub async fn pending_for(db: &Db, holders: &[Uuid]) -> Result<Vec<AccessRequest>> {
    let mut out = Vec::new();
    for h in holders {
        let sql = format!(
            "{SELECT} WHERE a.status = 'pending' AND EXISTS (SELECT 1 FROM company_holders x WHERE x.company_id = a.company_id AND x.organisation_id = $1) \
             ORDER BY a.created_at, a.id"
        );
        let rows =
            on_db!(db, p => sqlx::query_as::<_, AccessRequest>(&sql).bind(h).fetch_all(p).await)?;
        for r in rows {
            if !out.iter().any(|o: &AccessRequest| o.id == r.id) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// A holder's answer: accepted, the asking partner becomes a holder; declined, nothing changes.
/// A request already answered is a conflict.
pub async fn decide(db: &Db, actor: &Actor, id: Uuid, accept: bool) -> Result<()> {
    let r = get(db, id).await?;
    let to = if accept {
        AccessStatus::Accepted
    } else {
        AccessStatus::Declined
    };
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let changed = sqlx::query("UPDATE company_access_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'")
            .bind(to.as_str()).bind(actor.id).bind(t).bind(id).execute(&mut *tx).await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict("access_request_decided"));
        }
        if accept {
            sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(r.company_id).bind(r.organisation_id).bind(t).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: if accept { "grant_access" } else { "refuse_access" }, entity_type: "company",
            entity_id: r.company_id.to_string(), before: Some(serde_json::json!({"request": id, "status": "pending"})),
            after: Some(serde_json::json!({"request": id, "status": to, "organisation_id": r.organisation_id})) })?;
        tx.commit().await?;
    });
    Ok(())
}
