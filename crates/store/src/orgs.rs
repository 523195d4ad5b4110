//! Partner organisations and their branches (antennes), with the territory each branch covers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tremplin_domain::policy::OrgKind;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Organisation {
    pub id: Uuid,
    pub slug: String,
    pub kind: String,
    pub name_fr: String,
    pub name_en: String,
    pub created_at: DateTime<Utc>,
    /// The organisation that pilots the Team (see migration 0021).
    pub pilot: bool,
}

impl Organisation {
    pub fn kind(&self) -> Option<OrgKind> {
        OrgKind::parse(&self.kind)
    }
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.name_en
        } else {
            &self.name_fr
        }
    }
}

/// A partner's name in a language ("fr" or "en"), from a list already read; "" if unknown.
pub fn name_in(list: &[Organisation], id: Uuid, lang: &str) -> String {
    list.iter()
        .find(|o| o.id == id)
        .map(|o| o.name(lang).to_string())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Branch {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchWithCoverage {
    pub branch: Branch,
    /// (département, commune) pairs; commune is empty for a whole département.
    pub coverage: Vec<(String, String)>,
}

pub async fn list(db: &Db) -> Result<Vec<Organisation>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Organisation>(
        "SELECT id, slug, kind, name_fr, name_en, created_at, pilot FROM organisations ORDER BY name_fr",
    )
    .fetch_all(p)
    .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Organisation> {
    on_db!(db, p => sqlx::query_as::<_, Organisation>(
        "SELECT id, slug, kind, name_fr, name_en, created_at, pilot FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(p)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// The organisation that pilots the Team, if one is marked so.
pub async fn pilot(db: &Db) -> Result<Option<Organisation>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Organisation>(
        "SELECT id, slug, kind, name_fr, name_en, created_at, pilot FROM organisations WHERE pilot ORDER BY created_at LIMIT 1",
    )
    .fetch_optional(p)
    .await)?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Organisation>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Organisation>(
        "SELECT id, slug, kind, name_fr, name_en, created_at, pilot FROM organisations WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(p)
    .await)?)
}

pub struct NewOrganisation<'a> {
    pub slug: &'a str,
    pub kind: OrgKind,
    pub name_fr: &'a str,
    pub name_en: &'a str,
    pub pilot: bool,
}

/// Creates the organisation if no organisation has this slug; returns its id either way.
pub async fn ensure(db: &Db, actor: &Actor, o: &NewOrganisation<'_>) -> Result<Uuid> {
    if let Some(existing) = by_slug(db, o.slug).await? {
        return Ok(existing.id);
    }
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO organisations (id, slug, kind, name_fr, name_en, created_at, pilot) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id).bind(o.slug).bind(o.kind.as_str()).bind(o.name_fr).bind(o.name_en).bind(now()).bind(o.pilot)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry {
            actor, action: "create", entity_type: "organisation", entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({"slug": o.slug, "kind": o.kind.as_str(), "name_fr": o.name_fr, "name_en": o.name_en, "pilot": o.pilot})),
        })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub struct NewBranch<'a> {
    pub organisation_id: Uuid,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub departements: &'a [&'a str],
}

pub async fn create_branch(db: &Db, actor: &Actor, b: &NewBranch<'_>) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO branches (id, organisation_id, name, email, phone, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id).bind(b.organisation_id).bind(b.name).bind(b.email).bind(b.phone).bind(now())
            .execute(&mut *tx).await?;
        for d in b.departements {
            sqlx::query("INSERT INTO branch_coverage (branch_id, departement, commune) VALUES ($1, $2, '')")
                .bind(id).bind(*d).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry {
            actor, action: "create", entity_type: "branch", entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({"organisation_id": b.organisation_id, "name": b.name, "departements": b.departements})),
        })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub async fn branches(db: &Db) -> Result<Vec<BranchWithCoverage>> {
    let branches = on_db!(db, p => sqlx::query_as::<_, Branch>(
        "SELECT id, organisation_id, name, email, phone FROM branches ORDER BY name",
    )
    .fetch_all(p)
    .await)?;
    let cov: Vec<(Uuid, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT branch_id, departement, commune FROM branch_coverage ORDER BY departement, commune",
    )
    .fetch_all(p)
    .await)?;
    Ok(branches
        .into_iter()
        .map(|b| {
            let coverage = cov
                .iter()
                .filter(|(id, _, _)| *id == b.id)
                .map(|(_, d, c)| (d.clone(), c.clone()))
                .collect();
            BranchWithCoverage {
                branch: b,
                coverage,
            }
        })
        .collect())
}
