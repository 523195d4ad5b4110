//! CSV imports of a partner's existing files. The decoded upload waits here while the user maps
//! its columns and reads the dry run; the confirmed rows are then written in one transaction
//! (all or nothing), each creation audited.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tremplin_domain::followup::AccessSource;
use uuid::Uuid;

use crate::accompaniments::NewAccompaniment;
use crate::audit::{Actor, Entry};
use crate::companies::Fields;
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Import {
    pub id: Uuid,
    pub kind: String,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub filename: String,
    pub encoding: String,
    pub content: String,
    pub status: String,
    pub result_json: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub struct NewImport<'a> {
    pub kind: &'a str,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub filename: &'a str,
    pub encoding: &'a str,
    pub content: &'a str,
}

pub async fn create(db: &Db, i: &NewImport<'_>) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => sqlx::query("INSERT INTO imports (id, kind, organisation_id, user_id, filename, encoding, content, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)")
        .bind(id).bind(i.kind).bind(i.organisation_id).bind(i.user_id).bind(i.filename).bind(i.encoding).bind(i.content).bind(now())
        .execute(p).await.map(|_| ()))?;
    Ok(id)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Import> {
    on_db!(db, p => sqlx::query_as::<_, Import>(
        "SELECT id, kind, organisation_id, user_id, filename, encoding, content, status, result_json, created_at FROM imports WHERE id = $1",
    ).bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// What a committed import did.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Outcome {
    pub created: usize,
    /// Companies already in the shared file (same SIREN): the partner now holds them.
    pub existing: usize,
    pub skipped: usize,
}

/// Marks the import done (once: a second confirmation is a conflict), audits, commits.
macro_rules! finish {
    ($tx:ident, $import:expr, $outcome:expr, $actor:expr) => {
        let r = sqlx::query("UPDATE imports SET status = 'done', result_json = $1, content = '' WHERE id = $2 AND status = 'pending'")
            .bind(serde_json::to_string($outcome).unwrap_or_default()).bind($import).execute(&mut *$tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::Conflict("import_done"));
        }
        audit_tx!($tx, Entry { actor: $actor, action: "commit", entity_type: "import", entity_id: $import.to_string(), before: None,
            after: serde_json::to_value($outcome).ok() })?;
        $tx.commit().await?;
    };
}

/// Creates the companies, all in one transaction; the import is marked done in it too, so a
/// double submit imports once. A line whose SIREN already has a file makes the partner a holder
/// only of a file it may already open (shared by the company); for any other it asks the
/// holders for access (a SIREN in a file never grants access by itself).
pub async fn commit_companies(
    db: &Db,
    actor: &Actor,
    import: Uuid,
    org: Uuid,
    rows: &[Fields],
    skipped: usize,
) -> Result<Outcome> {
    let mut outcome = Outcome {
        skipped,
        ..Outcome::default()
    };
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for f in rows {
            let existing: Option<(Uuid,)> = match &f.siren {
                Some(s) => sqlx::query_as("SELECT id FROM companies WHERE siren = $1").bind(s).fetch_optional(&mut *tx).await?,
                None => None,
            };
            let id = match existing {
                Some((id,)) => {
                    outcome.existing += 1;
                    if !crate::may_open_tx!(tx, id, org) {
                        crate::ask_access_tx!(tx, actor, id, org, AccessSource::Import, "");
                        continue;
                    }
                    id
                }
                None => {
                    let id = new_id();
                    crate::insert_company!(tx, id, f, t)?;
                    audit_tx!(tx, Entry { actor, action: "import", entity_type: "company", entity_id: id.to_string(), before: None,
                        after: serde_json::to_value(f).ok() })?;
                    outcome.created += 1;
                    id
                }
            };
            sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(id).bind(org).bind(t).execute(&mut *tx).await?;
        }
        finish!(tx, import, &outcome, actor);
    });
    Ok(outcome)
}

/// Records the accompaniments (each on its company, found by SIREN beforehand), in one
/// transaction.
pub async fn commit_accompaniments(
    db: &Db,
    actor: &Actor,
    import: Uuid,
    rows: &[(Uuid, NewAccompaniment)],
    skipped: usize,
) -> Result<Outcome> {
    let outcome = Outcome {
        created: rows.len(),
        existing: 0,
        skipped,
    };
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (company, a) in rows {
            let id = new_id();
            sqlx::query("INSERT INTO accompaniments (id, company_id, organisation_id, scheme_id, title, advisers, status, start_date, end_date, budget_cents, loan_cents, guarantee_cents, outcome, need_id, version, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, 1, $14, $14)")
                .bind(id).bind(company).bind(a.organisation_id).bind(&a.scheme_id).bind(&a.title).bind(&a.advisers).bind(a.status.as_str())
                .bind(a.start_date).bind(a.end_date).bind(a.budget_cents).bind(a.loan_cents).bind(a.guarantee_cents).bind(&a.outcome).bind(t)
                .execute(&mut *tx).await?;
            sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(company).bind(a.organisation_id).bind(t).execute(&mut *tx).await?;
            audit_tx!(tx, Entry { actor, action: "import", entity_type: "accompaniment", entity_id: id.to_string(), before: None,
                after: serde_json::to_value(a).ok() })?;
        }
        finish!(tx, import, &outcome, actor);
    });
    Ok(outcome)
}

/// SIREN → company id for the given SIRENs (merged files resolve to the surviving one).
pub async fn companies_by_siren(db: &Db, sirens: &[String]) -> Result<Vec<(String, Uuid)>> {
    let mut out = Vec::with_capacity(sirens.len());
    for chunk in sirens.chunks(500) {
        let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT siren, id FROM companies WHERE siren IN ({})",
            ph.join(", ")
        );
        let rows: Vec<(String, Uuid)> = on_db!(db, p => {
            let mut q = sqlx::query_as(&sql);
            for s in chunk {
                q = q.bind(s);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// Of these files, the ones `org` may open (shared by the company, or held by `org`): an import
/// adds accompaniments only to those.
pub async fn open_to(db: &Db, org: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let ph: Vec<String> = (2..=chunk.len() + 1).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT c.id FROM companies c WHERE c.id IN ({}) AND (c.sharing_consent OR EXISTS \
             (SELECT 1 FROM company_holders h WHERE h.company_id = c.id AND h.organisation_id = $1))",
            ph.join(", ")
        );
        let rows: Vec<(Uuid,)> = on_db!(db, p => {
            let mut q = sqlx::query_as(&sql).bind(org);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows.into_iter().map(|r| r.0));
    }
    Ok(out)
}

/// Drops imports older than `before` (housekeeping).
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM imports WHERE created_at < $1").bind(before).execute(p).await.map(|r| r.rows_affected()))?,
    )
}
