//! The evidence the count of companies accompanied is made of (see `tremplin_domain::kpi` for
//! the rule), and the yearly targets.

use chrono::{DateTime, NaiveDate, Utc};
use tremplin_domain::dates::{paris_date, paris_midnight_utc};
use tremplin_domain::kpi::{Evidence, EvidenceKind};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, audit_tx, now, on_db};

/// Completed accompaniments and needs closed "done" between two Paris dates (inclusive), each on
/// the surviving file of a merge. Requests never linked to a company file are not counted.
/// With `detail`, each piece also says its scheme, need subject and branch (for breakdowns); the
/// dashboard does without, which keeps its read light.
pub async fn evidence(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    detail: bool,
) -> Result<Vec<Evidence>> {
    type Acc = (
        Uuid,
        Uuid,
        NaiveDate,
        Option<String>,
        Option<String>,
        Option<Uuid>,
    );
    let accs: Vec<Acc> = if detail {
        on_db!(db, p => sqlx::query_as(
            "SELECT COALESCE(c.merged_into, a.company_id), a.organisation_id, COALESCE(a.end_date, a.start_date), a.scheme_id, n.subject, m.branch_id \
             FROM accompaniments a JOIN companies c ON c.id = a.company_id \
             LEFT JOIN needs n ON n.id = a.need_id \
             LEFT JOIN matches m ON m.need_id = a.need_id AND m.organisation_id = a.organisation_id \
             WHERE a.status = 'completed' AND COALESCE(a.end_date, a.start_date) >= $1 AND COALESCE(a.end_date, a.start_date) <= $2",
        ).bind(from).bind(to).fetch_all(p).await)?
    } else {
        let rows: Vec<(Uuid, Uuid, NaiveDate)> = on_db!(db, p => sqlx::query_as(
            "SELECT COALESCE(c.merged_into, a.company_id), a.organisation_id, COALESCE(a.end_date, a.start_date) \
             FROM accompaniments a JOIN companies c ON c.id = a.company_id \
             WHERE a.status = 'completed' AND COALESCE(a.end_date, a.start_date) >= $1 AND COALESCE(a.end_date, a.start_date) <= $2",
        ).bind(from).bind(to).fetch_all(p).await)?;
        rows.into_iter()
            .map(|(c, o, d)| (c, o, d, None, None, None))
            .collect()
    };
    let start = paris_midnight_utc(from);
    let end = paris_midnight_utc(to.succ_opt().unwrap_or(to));
    type Need = (Uuid, Uuid, DateTime<Utc>, Option<String>, Option<Uuid>);
    let needs: Vec<Need> = on_db!(db, p => sqlx::query_as(
        "SELECT COALESCE(c.merged_into, r.company_id), m.organisation_id, m.closed_at, n.subject, m.branch_id \
         FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id JOIN companies c ON c.id = r.company_id \
         WHERE m.status = 'done' AND m.closed_at >= $1 AND m.closed_at < $2",
    ).bind(start).bind(end).fetch_all(p).await)?;
    let mut out: Vec<Evidence> = Vec::with_capacity(accs.len() + needs.len());
    out.extend(
        accs.into_iter()
            .map(|(company, partner, on, scheme, subject, branch)| Evidence {
                company,
                partner,
                on,
                kind: EvidenceKind::Accompaniment,
                scheme,
                subject,
                branch,
            }),
    );
    out.extend(
        needs
            .into_iter()
            .map(|(company, partner, at, subject, branch)| Evidence {
                company,
                partner,
                on: paris_date(at),
                kind: EvidenceKind::NeedDone,
                scheme: None,
                subject: if detail { subject } else { None },
                branch: if detail { branch } else { None },
            }),
    );
    Ok(out)
}

/// The version of the data the count is made of (accompaniments, matches, merges, request links,
/// targets), bumped by triggers in the writing transaction: figures computed after reading
/// version v are at least as new as v.
pub async fn version(db: &Db) -> Result<i64> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT version FROM kpi_state WHERE id = 1").fetch_one(p).await)?,
    )
}

/// The targets of a year: (scope, value), scope "team" or an organisation id.
pub async fn targets(db: &Db, year: i32) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(String, i32)> = on_db!(db, p => sqlx::query_as("SELECT scope, value FROM targets WHERE year = $1 ORDER BY scope")
        .bind(year).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(s, v)| (s, i64::from(v))).collect())
}

/// Every year with a Team target: (year, value).
pub async fn team_targets(db: &Db) -> Result<Vec<(i32, i64)>> {
    let rows: Vec<(i32, i32)> = on_db!(db, p => sqlx::query_as("SELECT year, value FROM targets WHERE scope = 'team' ORDER BY year")
        .fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(y, v)| (y, i64::from(v))).collect())
}

/// Sets (or, with `None`, removes) the targets of a year in one transaction, audited.
pub async fn set_targets(
    db: &Db,
    actor: &Actor,
    year: i32,
    values: &[(String, Option<i64>)],
) -> Result<()> {
    let before = targets(db, year).await?;
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (scope, value) in values {
            sqlx::query("DELETE FROM targets WHERE year = $1 AND scope = $2").bind(year).bind(scope).execute(&mut *tx).await?;
            if let Some(v) = value {
                sqlx::query("INSERT INTO targets (year, scope, value, updated_at) VALUES ($1, $2, $3, $4)")
                    .bind(year).bind(scope).bind(*v as i32).bind(t).execute(&mut *tx).await?;
            }
        }
        audit_tx!(tx, Entry { actor, action: "set_targets", entity_type: "targets", entity_id: year.to_string(),
            before: Some(serde_json::json!(before)), after: Some(serde_json::json!(values)) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// For each match received between two Paris dates: hours until it was taken in charge, or
/// `None` if it never was (response-time statistics).
pub async fn take_charge_hours(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Option<f64>>> {
    let start = paris_midnight_utc(from);
    let end = paris_midnight_utc(to.succ_opt().unwrap_or(to));
    let rows: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = on_db!(db, p => sqlx::query_as(
        "SELECT created_at, taken_at FROM matches WHERE created_at >= $1 AND created_at < $2",
    ).bind(start).bind(end).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(c, t)| t.map(|t| (t - c).num_minutes() as f64 / 60.0))
        .collect())
}

/// What a breakdown needs to know of a company.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompanyFacts {
    pub id: Uuid,
    pub name: String,
    pub siren: Option<String>,
    pub departement: Option<String>,
    pub commune: Option<String>,
    pub naf: Option<String>,
    pub headcount_band: Option<String>,
}

/// The facts of these companies (chunks of 500 ids).
pub async fn company_facts(db: &Db, ids: &[Uuid]) -> Result<Vec<CompanyFacts>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, name, siren, departement, commune, naf, headcount_band FROM companies WHERE id IN ({})",
            ph.join(", ")
        );
        let rows: Vec<CompanyFacts> = on_db!(db, p => {
            let mut q = sqlx::query_as::<_, CompanyFacts>(&sql);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// What the export breakdowns need of these companies: the countries they export to or target
/// (their file, and the countries named in their requests), and the export experience they
/// declared in their latest orientation request, if any.
#[derive(Debug, Clone, Default)]
pub struct ExportFacts {
    pub exporting: Vec<String>,
    pub targets: Vec<String>,
    /// `never`, `not_last_12m`, `last_12m` or `no_offer` (the orientation form's values).
    pub experience: Option<String>,
}

type CountryRow = (Uuid, String, String);
type RequestRow = (Uuid, DateTime<Utc>, String);

pub async fn export_facts(
    db: &Db,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, ExportFacts>> {
    let mut out: std::collections::HashMap<Uuid, ExportFacts> = std::collections::HashMap::new();
    let mut latest: std::collections::HashMap<Uuid, DateTime<Utc>> =
        std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let ph = ph.join(", ");
        let countries_sql = format!(
            "SELECT company_id, country, status FROM company_countries WHERE status IN ('exporting', 'target') AND company_id IN ({ph})"
        );
        let requests_sql = format!(
            "SELECT company_id, created_at, profile_json FROM requests WHERE company_id IN ({ph})"
        );
        let (countries, requests): (Vec<CountryRow>, Vec<RequestRow>) = on_db!(db, p => {
            let mut q = sqlx::query_as(&countries_sql);
            for id in chunk {
                q = q.bind(id);
            }
            let c = q.fetch_all(p).await?;
            let mut q = sqlx::query_as(&requests_sql);
            for id in chunk {
                q = q.bind(id);
            }
            (c, q.fetch_all(p).await?)
        });
        for (id, country, status) in countries {
            let f = out.entry(id).or_default();
            if status == "exporting" {
                f.exporting.push(country);
            } else {
                f.targets.push(country);
            }
        }
        for (id, at, profile) in requests {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&profile) else {
                continue;
            };
            let f = out.entry(id).or_default();
            // Countries named in any request count as targets.
            for c in v
                .get("target_countries")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_str())
            {
                if !f.targets.iter().chain(f.exporting.iter()).any(|x| x == c) {
                    f.targets.push(c.to_string());
                }
            }
            if let Some(e) = v.get("export_experience").and_then(|e| e.as_str())
                && latest.get(&id).is_none_or(|l| *l < at)
            {
                latest.insert(id, at);
                f.experience = Some(e.to_string());
            }
        }
    }
    Ok(out)
}

/// Département and NAF code of every surviving company file (public breakdowns of the count).
pub async fn company_places(
    db: &Db,
) -> Result<std::collections::HashMap<Uuid, (Option<String>, Option<String>)>> {
    let rows: Vec<(Uuid, Option<String>, Option<String>)> = on_db!(db, p => sqlx::query_as(
        "SELECT id, departement, naf FROM companies WHERE merged_into IS NULL",
    ).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(id, d, n)| (id, (d, n))).collect())
}
