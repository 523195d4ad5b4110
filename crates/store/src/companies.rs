//! The shared company file: identity (SIREN, or provisional), establishments, export countries,
//! the partners holding the file. Writes are audited; updates check the version read by the
//! editor so that two advisers saving the same file never overwrite each other silently.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq)]
pub struct Company {
    pub id: Uuid,
    pub siren: Option<String>,
    pub name: String,
    pub naf: Option<String>,
    pub legal_form: Option<String>,
    pub registries: String,
    pub headcount_band: Option<String>,
    pub turnover_eur: Option<i64>,
    pub address: Option<String>,
    pub commune: Option<String>,
    pub departement: Option<String>,
    pub country: String,
    pub sharing_consent: bool,
    pub merged_into: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Company {
    /// What routing reads of the file (its territory, size, activity and registers; the age is
    /// not kept on files).
    pub fn routing_facts(&self) -> tremplin_domain::routing::CompanyFacts {
        use tremplin_domain::routing::CompanyFacts;
        CompanyFacts {
            departement: self.departement.clone(),
            commune: self.commune.clone(),
            headcount: self.headcount_band.as_deref().and_then(|b| {
                tremplin_domain::company::HEADCOUNT_BANDS
                    .iter()
                    .find(|x| x.0 == b)
                    .map(|x| x.1)
            }),
            age_years: None,
            naf: self
                .naf
                .as_deref()
                .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
                .and_then(|n| CompanyFacts::naf_of(&n)),
            registries: Some(&self.registries)
                .filter(|r| !r.is_empty())
                .map(|r| r.split(',').map(str::to_string).collect()),
        }
    }
}

const COLS: &str = "id, siren, name, naf, legal_form, registries, headcount_band, turnover_eur, \
     address, commune, departement, country, sharing_consent, merged_into, version, created_at, updated_at";

/// The editable fields of a company.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fields {
    pub siren: Option<String>,
    pub name: String,
    pub name_key: String,
    pub naf: Option<String>,
    pub legal_form: Option<String>,
    pub registries: String,
    pub headcount_band: Option<String>,
    pub turnover_eur: Option<i64>,
    pub address: Option<String>,
    pub commune: Option<String>,
    pub departement: Option<String>,
    pub country: String,
    pub sharing_consent: bool,
}

/// Inserts a company row from [`Fields`] on a transaction of either backend (creation and
/// import share it).
#[macro_export]
macro_rules! insert_company {
    ($conn:expr, $id:expr, $f:expr, $t:expr) => {{
        let f: &$crate::companies::Fields = $f;
        sqlx::query("INSERT INTO companies (id, siren, name, name_key, naf, legal_form, registries, headcount_band, turnover_eur, address, commune, departement, country, sharing_consent, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15)")
            .bind($id).bind(&f.siren).bind(&f.name).bind(&f.name_key).bind(&f.naf).bind(&f.legal_form).bind(&f.registries)
            .bind(&f.headcount_band).bind(f.turnover_eur).bind(&f.address).bind(&f.commune).bind(&f.departement)
            .bind(&f.country).bind(f.sharing_consent).bind($t)
            .execute(&mut *$conn).await
    }};
}

/// The outcome of a creation: a new file, or the file that already has this SIREN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    New(Uuid),
    Existing(Uuid),
}

pub async fn get(db: &Db, id: Uuid) -> Result<Company> {
    let sql = format!("SELECT {COLS} FROM companies WHERE id = $1");
    on_db!(db, p => sqlx::query_as::<_, Company>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

pub async fn by_siren(db: &Db, siren: &str) -> Result<Option<Company>> {
    let sql = format!("SELECT {COLS} FROM companies WHERE siren = $1");
    Ok(on_db!(db, p => sqlx::query_as::<_, Company>(&sql).bind(siren).fetch_optional(p).await)?)
}

/// Creates a company held by `holder`; if the SIREN is already known, nothing is created and
/// the existing file is returned (the caller opens it).
pub async fn create(db: &Db, actor: &Actor, holder: Option<Uuid>, f: &Fields) -> Result<Created> {
    if let Some(s) = &f.siren
        && let Some(c) = by_siren(db, s).await?
    {
        return Ok(Created::Existing(c.id));
    }
    let id = new_id();
    let t = now();
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        crate::insert_company!(tx, id, f, t)?;
        if let Some(org) = holder {
            sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3)")
                .bind(id).bind(org).bind(t).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "company", entity_id: id.to_string(), before: None,
            after: serde_json::to_value(f).ok() })?;
        tx.commit().await?;
        Ok(())
    }.await);
    match res {
        // Two advisers creating the same SIREN at once: the second opens the first's file.
        Err(e) if e.is_unique_violation() => match &f.siren {
            Some(s) => by_siren(db, s)
                .await?
                .map(|c| Created::Existing(c.id))
                .ok_or(e),
            None => Err(e),
        },
        Err(e) => Err(e),
        Ok(()) => Ok(Created::New(id)),
    }
}

/// Saves the fields if the file is still at `version`; otherwise a `version_conflict`.
pub async fn update(db: &Db, actor: &Actor, id: Uuid, version: i32, f: &Fields) -> Result<()> {
    let before = get(db, id).await?;
    let t = now();
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE companies SET siren = $1, name = $2, name_key = $3, naf = $4, legal_form = $5, registries = $6, headcount_band = $7, \
                             turnover_eur = $8, address = $9, commune = $10, departement = $11, country = $12, sharing_consent = $13, \
                             version = version + 1, updated_at = $14 WHERE id = $15 AND version = $16")
            .bind(&f.siren).bind(&f.name).bind(&f.name_key).bind(&f.naf).bind(&f.legal_form).bind(&f.registries)
            .bind(&f.headcount_band).bind(f.turnover_eur).bind(&f.address).bind(&f.commune).bind(&f.departement)
            .bind(&f.country).bind(f.sharing_consent).bind(t).bind(id).bind(version)
            .execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::Conflict("version_conflict"));
        }
        audit_tx!(tx, Entry { actor, action: "update", entity_type: "company", entity_id: id.to_string(),
            before: serde_json::to_value(&before).ok(), after: serde_json::to_value(f).ok() })?;
        tx.commit().await?;
        Ok(())
    }.await);
    match res {
        Err(e) if e.is_unique_violation() => Err(StoreError::Conflict("siren_taken")),
        other => other,
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Hit {
    pub id: Uuid,
    pub siren: Option<String>,
    pub name: String,
    pub commune: Option<String>,
    pub departement: Option<String>,
    pub sharing_consent: bool,
}

/// Companies whose SIREN starts with the digits typed, or whose folded name contains the
/// folded words; merged files excluded; at most `limit`.
pub async fn search(db: &Db, query_key: &str, digits: &str, limit: i64) -> Result<Vec<Hit>> {
    if !digits.is_empty() {
        // A SIREN prefix is a range on the unique index: [digits, digits + 1).
        let upper = siren_prefix_end(digits);
        return Ok(on_db!(db, p => sqlx::query_as::<_, Hit>(
            "SELECT id, siren, name, commune, departement, sharing_consent FROM companies \
             WHERE siren >= $1 AND ($2 = '' OR siren < $2) AND merged_into IS NULL ORDER BY siren LIMIT $3",
        )
        .bind(digits)
        .bind(&upper)
        .bind(limit)
        .fetch_all(p)
        .await)?);
    }
    if query_key.is_empty() {
        return Ok(Vec::new());
    }
    let like = format!("%{query_key}%");
    Ok(on_db!(db, p => sqlx::query_as::<_, Hit>(
        "SELECT id, siren, name, commune, departement, sharing_consent FROM companies \
         WHERE merged_into IS NULL AND name_key LIKE $1 ORDER BY name_key, id LIMIT $2",
    )
    .bind(&like)
    .bind(limit)
    .fetch_all(p)
    .await)?)
}

/// The first digit string after every string starting with `digits` ("" when there is none):
/// "90012" → "90013", "2999" → "3".
fn siren_prefix_end(digits: &str) -> String {
    let mut b = digits.as_bytes().to_vec();
    while let Some(last) = b.pop() {
        if last < b'9' {
            b.push(last + 1);
            return String::from_utf8(b).unwrap_or_default();
        }
    }
    String::new()
}

/// Holders of several files at once: (company, organisation).
pub async fn holders_of(db: &Db, ids: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ph: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT company_id, organisation_id FROM company_holders WHERE company_id IN ({})",
        ph.join(", ")
    );
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (Uuid, Uuid)>(&sql);
        for id in ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?)
}

/// Files in a commune whose names are candidates for "is it the same company?".
pub async fn in_commune(db: &Db, commune: &str) -> Result<Vec<Hit>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Hit>(
        "SELECT id, siren, name, commune, departement, sharing_consent FROM companies \
         WHERE merged_into IS NULL AND commune = $1 ORDER BY name_key LIMIT 500",
    )
    .bind(commune)
    .fetch_all(p)
    .await)?)
}

/// Organisations holding a company's file.
pub async fn holders(db: &Db, id: Uuid) -> Result<Vec<Uuid>> {
    let rows: Vec<(Uuid,)> = on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id FROM company_holders WHERE company_id = $1",
    )
    .bind(id)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The request's linked company, SIREN, name, département and sharing consent.
type RequestIdentity = (Option<Uuid>, Option<String>, String, Option<String>, bool);

/// What opening a request's company file gave the partner handling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The file to open (found, or created).
    File(Uuid),
    /// A file exists that the partner may not open: its holders were asked for access.
    AccessAsked(Uuid),
}

/// The company file of a request, for the partner `holder` handling it, in one transaction: the
/// file the request is linked to; else the file with the request's SIREN; else a new file
/// (provisional without a SIREN), which the partner holds. A SIREN typed by an anonymous visitor
/// never opens a file by itself: when the partner may not open the file found (not shared, not
/// held), its holders are asked for access instead and the request stays unlinked.
pub async fn open_from_request(
    db: &Db,
    actor: &Actor,
    request: Uuid,
    holder: Uuid,
) -> Result<Opened> {
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let row: Option<RequestIdentity> = sqlx::query_as(
            "SELECT company_id, siren, company_name, departement, consent_share FROM requests WHERE id = $1")
            .bind(request).fetch_optional(&mut *tx).await?;
        let (linked, siren, name, departement, consent) = row.ok_or(StoreError::NotFound)?;
        let existing: Option<(Uuid,)> = match (linked, &siren) {
            (Some(c), _) => Some((c,)),
            (None, Some(s)) => sqlx::query_as("SELECT id FROM companies WHERE siren = $1").bind(s).fetch_optional(&mut *tx).await?,
            (None, None) => None,
        };
        let id = match existing {
            Some((id,)) if !crate::may_open_tx!(tx, id, holder) => {
                crate::ask_access_tx!(tx, actor, id, holder, tremplin_domain::followup::AccessSource::Request, "");
                tx.commit().await?;
                return Ok(Opened::AccessAsked(id));
            }
            Some((id,)) => id,
            None => {
                let id = new_id();
                let f = Fields {
                    siren: siren.clone(),
                    name_key: tremplin_domain::company::name_key(&name),
                    name,
                    departement,
                    country: "FR".into(),
                    sharing_consent: consent,
                    ..Default::default()
                };
                crate::insert_company!(tx, id, &f, t)?;
                audit_tx!(tx, Entry { actor, action: "create", entity_type: "company", entity_id: id.to_string(), before: None,
                    after: serde_json::to_value(&f).ok() })?;
                id
            }
        };
        let held = sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(id).bind(holder).bind(t).execute(&mut *tx).await?;
        if held.rows_affected() == 1 {
            audit_tx!(tx, Entry { actor, action: "add_holder", entity_type: "company", entity_id: id.to_string(), before: None,
                after: Some(serde_json::json!({"organisation_id": holder})) })?;
        }
        if linked.is_none() {
            sqlx::query("UPDATE requests SET company_id = $1 WHERE id = $2").bind(id).bind(request).execute(&mut *tx).await?;
            audit_tx!(tx, Entry { actor, action: "link_company", entity_type: "request", entity_id: request.to_string(), before: None,
                after: Some(serde_json::json!({"company": id})) })?;
        }
        tx.commit().await?;
        Ok(Opened::File(id))
    })
}

/// Adds a partner to the holders (idempotent).
pub async fn add_holder(db: &Db, actor: &Actor, id: Uuid, org: Uuid) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(id).bind(org).bind(now()).execute(&mut *tx).await?;
        if r.rows_affected() == 1 {
            audit_tx!(tx, Entry { actor, action: "add_holder", entity_type: "company", entity_id: id.to_string(), before: None,
                after: Some(serde_json::json!({"organisation_id": org})) })?;
        }
        tx.commit().await?;
    });
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CountryRow {
    pub country: String,
    pub status: String,
    pub updated_at: DateTime<Utc>,
}

pub async fn countries(db: &Db, id: Uuid) -> Result<Vec<CountryRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CountryRow>(
        "SELECT country, status, updated_at FROM company_countries WHERE company_id = $1 ORDER BY country",
    )
    .bind(id)
    .fetch_all(p)
    .await)?)
}

/// Sets a country's status; the previous one goes to the audit trail (the history).
pub async fn set_country(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    country: &str,
    status: &str,
) -> Result<()> {
    let before = countries(db, id)
        .await?
        .into_iter()
        .find(|c| c.country == country);
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO company_countries (company_id, country, status, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (company_id, country) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at")
            .bind(id).bind(country).bind(status).bind(now()).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "set_country", entity_type: "company", entity_id: id.to_string(),
            before: before.map(|b| serde_json::json!({"country": b.country, "status": b.status})),
            after: Some(serde_json::json!({"country": country, "status": status})) })?;
        tx.commit().await?;
    });
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Establishment {
    pub siret: String,
    pub name: Option<String>,
    pub address: Option<String>,
    pub commune: Option<String>,
}

pub async fn establishments(db: &Db, id: Uuid) -> Result<Vec<Establishment>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Establishment>(
        "SELECT siret, name, address, commune FROM establishments WHERE company_id = $1 ORDER BY siret",
    )
    .bind(id)
    .fetch_all(p)
    .await)?)
}

/// Records an establishment (SIRET) of a company; a SIRET already known elsewhere is a conflict.
pub async fn add_establishment(db: &Db, actor: &Actor, id: Uuid, e: &Establishment) -> Result<()> {
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO establishments (siret, company_id, name, address, commune, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&e.siret).bind(id).bind(&e.name).bind(&e.address).bind(&e.commune).bind(now())
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "add_establishment", entity_type: "company", entity_id: id.to_string(), before: None,
            after: serde_json::to_value(e).ok() })?;
        tx.commit().await?;
        Ok(())
    }.await);
    match res {
        Err(e) if e.is_unique_violation() => Err(StoreError::Conflict("siret_taken")),
        other => other,
    }
}

/// Merges `from` into `into`: establishments, countries, holders, accompaniments, notes,
/// requests, contacts and referrals move over, `from` is
/// marked merged (kept for the record), all in one transaction, audited.
pub async fn merge(db: &Db, actor: &Actor, from: Uuid, into: Uuid) -> Result<()> {
    if from == into {
        return Err(StoreError::Conflict("merge_same"));
    }
    let a = get(db, from).await?;
    let b = get(db, into).await?;
    if a.merged_into.is_some() || b.merged_into.is_some() {
        return Err(StoreError::Conflict("already_merged"));
    }
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE establishments SET company_id = $1 WHERE company_id = $2").bind(into).bind(from).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO company_countries (company_id, country, status, updated_at) SELECT $1, country, status, updated_at FROM company_countries WHERE company_id = $2 ON CONFLICT DO NOTHING")
            .bind(into).bind(from).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM company_countries WHERE company_id = $1").bind(from).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO company_holders (company_id, organisation_id, since) SELECT $1, organisation_id, since FROM company_holders WHERE company_id = $2 ON CONFLICT DO NOTHING")
            .bind(into).bind(from).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM company_holders WHERE company_id = $1").bind(from).execute(&mut *tx).await?;
        // Everything else that belongs to the file follows it.
        for table in ["accompaniments", "interactions", "requests", "contacts", "referrals"] {
            sqlx::query(&format!("UPDATE {table} SET company_id = $1 WHERE company_id = $2"))
                .bind(into).bind(from).execute(&mut *tx).await?;
        }
        // The SIREN moves to the surviving file when it has none.
        let siren = a.siren.clone();
        sqlx::query("UPDATE companies SET merged_into = $1, siren = NULL, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(into).bind(now()).bind(from).execute(&mut *tx).await?;
        if b.siren.is_none() && siren.is_some() {
            sqlx::query("UPDATE companies SET siren = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(&siren).bind(now()).bind(into).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE companies SET sharing_consent = $1 WHERE id = $2")
            .bind(a.sharing_consent || b.sharing_consent).bind(into).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "merge", entity_type: "company", entity_id: into.to_string(),
            before: serde_json::to_value(&a).ok(), after: Some(serde_json::json!({"merged": from, "into": into})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Company files (merged ones excluded).
pub async fn count(db: &Db) -> Result<i64> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM companies WHERE merged_into IS NULL").fetch_one(p).await)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn siren_prefixes_become_ranges() {
        assert_eq!(super::siren_prefix_end("90012"), "90013");
        assert_eq!(super::siren_prefix_end("2999"), "3");
        assert_eq!(super::siren_prefix_end("999"), "");
    }
}
