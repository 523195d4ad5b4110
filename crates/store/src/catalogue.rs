//! Scheme versions and call-back requests. A scheme's content is its TOML text (the same
//! format as the shipped files), so the live catalogue exports back to files losslessly.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Version {
    pub scheme_id: String,
    pub version: i32,
    pub toml: String,
    pub state: String,
    pub created_by_label: String,
    pub created_at: DateTime<Utc>,
    pub decided_by_label: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub comment: Option<String>,
}

const VERSION_COLS: &str = "scheme_id, version, toml, state, created_by_label, created_at, \
     decided_by_label, decided_at, comment";

pub async fn count(db: &Db) -> Result<i64> {
    let (n,): (i64,) =
        on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM schemes").fetch_one(p).await)?;
    Ok(n)
}

/// Loads shipped files into an empty catalogue: each becomes version 1, published.
pub async fn seed(db: &Db, actor: &Actor, files: &[(String, String)]) -> Result<usize> {
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (id, toml) in files {
            sqlx::query("INSERT INTO schemes (id, published_version, created_at, updated_at) VALUES ($1, 1, $2, $2)")
                .bind(id).bind(t).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO scheme_versions (scheme_id, version, toml, state, created_by, created_by_label, created_at, decided_by, decided_by_label, decided_at) \
                         VALUES ($1, 1, $2, 'published', $3, $4, $5, $3, $4, $5)")
                .bind(id).bind(toml).bind(actor.id).bind(&actor.label).bind(t)
                .execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "seed", entity_type: "catalogue", entity_id: String::new(), before: None,
            after: Some(serde_json::json!({"schemes": files.len()})) })?;
        tx.commit().await?;
    });
    Ok(files.len())
}

/// A fingerprint of the published catalogue (latest change and number of schemes): another
/// app server's publish shows up as a different value.
pub async fn fingerprint(db: &Db) -> Result<String> {
    let (n, at): (i64, Option<DateTime<Utc>>) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*), MAX(updated_at) FROM schemes",
    )
    .fetch_one(p)
    .await)?;
    Ok(format!(
        "{n}:{}",
        at.map(|t| t.to_rfc3339()).unwrap_or_default()
    ))
}

/// The published TOML of every scheme, by id.
pub async fn published(db: &Db) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, String)>(
        "SELECT s.id, v.toml FROM schemes s JOIN scheme_versions v \
         ON v.scheme_id = s.id AND v.version = s.published_version ORDER BY s.id",
    )
    .fetch_all(p)
    .await)?)
}

pub async fn versions(db: &Db, scheme_id: &str) -> Result<Vec<Version>> {
    let sql = format!(
        "SELECT {VERSION_COLS} FROM scheme_versions WHERE scheme_id = $1 ORDER BY version DESC"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, Version>(&sql).bind(scheme_id).fetch_all(p).await)?)
}

/// Versions waiting for review, oldest first.
pub async fn in_review(db: &Db) -> Result<Vec<Version>> {
    let sql = format!(
        "SELECT {VERSION_COLS} FROM scheme_versions WHERE state = 'review' ORDER BY created_at"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, Version>(&sql).fetch_all(p).await)?)
}

/// Proposes a new version (state review). `base_version` is the version the editor started
/// from: if another version was created since, the edit is refused (no silent overwrite).
pub async fn propose(
    db: &Db,
    actor: &Actor,
    scheme_id: &str,
    base_version: Option<i32>,
    toml: &str,
    comment: Option<&str>,
) -> Result<i32> {
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let latest: Option<(Option<i32>,)> = sqlx::query_as("SELECT MAX(version) FROM scheme_versions WHERE scheme_id = $1")
            .bind(scheme_id).fetch_optional(&mut *tx).await?;
        let latest = latest.and_then(|r| r.0);
        if latest != base_version {
            return Err(StoreError::Conflict("version_conflict"));
        }
        if latest.is_none() {
            sqlx::query("INSERT INTO schemes (id, published_version, created_at, updated_at) VALUES ($1, NULL, $2, $2)")
                .bind(scheme_id).bind(t).execute(&mut *tx).await?;
        }
        let version = latest.unwrap_or(0) + 1;
        sqlx::query("INSERT INTO scheme_versions (scheme_id, version, toml, state, created_by, created_by_label, created_at, comment) \
                     VALUES ($1, $2, $3, 'review', $4, $5, $6, $7)")
            .bind(scheme_id).bind(version).bind(toml).bind(actor.id).bind(&actor.label).bind(t).bind(comment)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "propose", entity_type: "scheme", entity_id: scheme_id.to_string(), before: None,
            after: Some(serde_json::json!({"version": version, "comment": comment})) })?;
        tx.commit().await?;
        Ok(version)
    })
}

/// Publishes a version in review; the previous published one becomes superseded.
pub async fn publish(db: &Db, actor: &Actor, scheme_id: &str, version: i32) -> Result<()> {
    decide(db, actor, scheme_id, version, true, None).await
}

pub async fn reject(
    db: &Db,
    actor: &Actor,
    scheme_id: &str,
    version: i32,
    reason: &str,
) -> Result<()> {
    decide(db, actor, scheme_id, version, false, Some(reason)).await
}

async fn decide(
    db: &Db,
    actor: &Actor,
    scheme_id: &str,
    version: i32,
    accept: bool,
    reason: Option<&str>,
) -> Result<()> {
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let state = if accept { "published" } else { "rejected" };
        let r = sqlx::query("UPDATE scheme_versions SET state = $1, decided_by = $2, decided_by_label = $3, decided_at = $4, comment = COALESCE($5, comment) \
                             WHERE scheme_id = $6 AND version = $7 AND state = 'review'")
            .bind(state).bind(actor.id).bind(&actor.label).bind(t).bind(reason).bind(scheme_id).bind(version)
            .execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::Conflict("version_not_in_review"));
        }
        let before: Option<(Option<i32>,)> = sqlx::query_as("SELECT published_version FROM schemes WHERE id = $1")
            .bind(scheme_id).fetch_optional(&mut *tx).await?;
        let before = before.and_then(|r| r.0);
        if accept {
            sqlx::query("UPDATE scheme_versions SET state = 'superseded' WHERE scheme_id = $1 AND state = 'published' AND version <> $2")
                .bind(scheme_id).bind(version).execute(&mut *tx).await?;
            sqlx::query("UPDATE schemes SET published_version = $1, updated_at = $2 WHERE id = $3")
                .bind(version).bind(t).bind(scheme_id).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: if accept { "publish" } else { "reject" }, entity_type: "scheme",
            entity_id: scheme_id.to_string(),
            before: Some(serde_json::json!({"published_version": before})),
            after: Some(serde_json::json!({"version": version, "state": state, "reason": reason})) })?;
        tx.commit().await?;
        Ok(())
    })
}

/// A call-back request from the public orientation.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub contact_phone: Option<&'a str>,
    pub company_name: &'a str,
    pub siren: Option<&'a str>,
    pub departement: Option<&'a str>,
    pub message: Option<&'a str>,
    pub consent_share: bool,
    pub consent_text: &'a str,
    pub profile_json: &'a str,
    pub results_json: &'a str,
    pub catalogue_version: &'a str,
    /// `fr` or `en`: the language of the company's mails.
    pub locale: &'a str,
    /// The acknowledgement mail (subject, body), queued with the request.
    pub received: Option<(String, String)>,
}

pub async fn create_request(db: &Db, r: &NewRequest<'_>) -> Result<Uuid> {
    let id = new_id();
    let actor = Actor {
        id: None,
        label: "public:orientation".into(),
    };
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO requests (id, source, created_at, contact_name, contact_email, contact_phone, company_name, siren, departement, message, consent_share, consent_text, profile_json, results_json, catalogue_version, locale) \
                     VALUES ($1, 'orientation', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
            .bind(id).bind(now()).bind(r.contact_name).bind(r.contact_email).bind(r.contact_phone).bind(r.company_name)
            .bind(r.siren).bind(r.departement).bind(r.message).bind(r.consent_share).bind(r.consent_text)
            .bind(r.profile_json).bind(r.results_json).bind(r.catalogue_version).bind(r.locale)
            .execute(&mut *tx).await?;
        if let Some((subject, body)) = &r.received {
            crate::mail_tx!(tx, crate::mail::Mail { key: format!("request-received:{id}"), kind: "request_received",
                to: r.contact_email, subject, body })?;
        }
        // Personal data stays out of the audit trail: the row id is enough to find it.
        audit_tx!(tx, Entry { actor: &actor, action: "create", entity_type: "request", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"source": "orientation", "departement": r.departement, "consent_share": r.consent_share})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RequestRow {
    pub id: Uuid,
    pub company_id: Option<Uuid>,
    pub siren: Option<String>,
    pub source: String,
    pub created_at: DateTime<Utc>,
    pub contact_name: String,
    pub contact_email: String,
    pub company_name: String,
    pub departement: Option<String>,
    pub consent_share: bool,
    pub profile_json: String,
    pub results_json: String,
    pub status: String,
    pub locale: String,
}

pub async fn get_request(db: &Db, id: Uuid) -> Result<RequestRow> {
    on_db!(db, p => sqlx::query_as::<_, RequestRow>(
        "SELECT id, company_id, siren, source, created_at, contact_name, contact_email, company_name, departement, consent_share, profile_json, results_json, status, locale FROM requests WHERE id = $1",
    ).bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// Attaches a request to a company file (audited).
pub async fn link_request(db: &Db, actor: &Actor, request: Uuid, company: Uuid) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE requests SET company_id = $1 WHERE id = $2").bind(company).bind(request).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "link_company", entity_type: "request", entity_id: request.to_string(), before: None,
            after: Some(serde_json::json!({"company": company})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// The requests of a company, newest first: (id, created_at, subjects of its needs).
pub async fn requests_of_company(
    db: &Db,
    company: Uuid,
) -> Result<Vec<(Uuid, DateTime<Utc>, Vec<String>)>> {
    let rows: Vec<(Uuid, DateTime<Utc>, Option<String>)> = on_db!(db, p => sqlx::query_as(
        "SELECT r.id, r.created_at, n.subject FROM requests r LEFT JOIN needs n ON n.request_id = r.id \
         WHERE r.company_id = $1 ORDER BY r.created_at DESC, r.id, n.created_at",
    )
    .bind(company)
    .fetch_all(p)
    .await)?;
    let mut out: Vec<(Uuid, DateTime<Utc>, Vec<String>)> = Vec::new();
    for (id, at, subject) in rows {
        match out.last_mut() {
            Some(last) if last.0 == id => last.2.extend(subject),
            _ => out.push((id, at, subject.into_iter().collect())),
        }
    }
    Ok(out)
}

/// A request entered by an adviser on a company's file (routed like a public one).
pub struct AdviserRequest<'a> {
    pub company: &'a crate::companies::Company,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub message: Option<&'a str>,
    pub locale: &'a str,
}

pub async fn create_adviser_request(
    db: &Db,
    actor: &Actor,
    r: &AdviserRequest<'_>,
) -> Result<Uuid> {
    let id = new_id();
    let c = r.company;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO requests (id, source, created_at, contact_name, contact_email, company_name, siren, departement, message, consent_share, consent_text, profile_json, results_json, catalogue_version, company_id, locale) \
                     VALUES ($1, 'adviser', $2, $3, $4, $5, $6, $7, $8, $9, '', '{}', '[]', '', $10, $11)")
            .bind(id).bind(now()).bind(r.contact_name).bind(r.contact_email).bind(&c.name).bind(&c.siren).bind(&c.departement)
            .bind(r.message).bind(c.sharing_consent).bind(c.id).bind(r.locale)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "request", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"source": "adviser", "company": c.id})) })?;
        tx.commit().await?;
    });
    Ok(id)
}
