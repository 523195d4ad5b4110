//! Routing rules, needs and matches. A request's needs are routed by the pure rules of
//! `tremplin_domain::routing`; each match keeps the rule and the reasons that selected it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tremplin_domain::routing::{Branch, Match, RegistryRule, Rule};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: Uuid,
    subject: String,
    organisation_id: Uuid,
    min_headcount: Option<i64>,
    max_headcount: Option<i64>,
    min_age: Option<i64>,
    max_age: Option<i64>,
    naf_include: String,
    naf_exclude: String,
    registry: String,
    active: bool,
}

fn split(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

pub async fn rules(db: &Db) -> Result<Vec<Rule>> {
    let rows = on_db!(db, p => sqlx::query_as::<_, RuleRow>(
        "SELECT id, subject, organisation_id, min_headcount, max_headcount, min_age, max_age, naf_include, naf_exclude, registry, active \
         FROM routing_rules ORDER BY position, id",
    )
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Rule {
            id: r.id,
            subject: r.subject,
            organisation: r.organisation_id,
            min_headcount: r.min_headcount,
            max_headcount: r.max_headcount,
            min_age: r.min_age,
            max_age: r.max_age,
            naf_include: split(&r.naf_include),
            naf_exclude: split(&r.naf_exclude),
            registry: RegistryRule::parse(&r.registry).unwrap_or(RegistryRule::Any),
            active: r.active,
        })
        .collect())
}

/// Branches with their coverage, in routing's terms.
pub async fn branches(db: &Db) -> Result<Vec<Branch>> {
    Ok(crate::orgs::branches(db)
        .await?
        .into_iter()
        .map(|b| Branch {
            id: b.branch.id,
            organisation: b.branch.organisation_id,
            coverage: b.coverage,
        })
        .collect())
}

/// The default rules (Team Hauts-de-France Export practice), loaded when there are none:
/// (subject, organisation slug, registry rule).
const DEFAULT_RULES: &[(&str, &str, RegistryRule)] = &[
    ("orientation", "cma-hdf", RegistryRule::RmOnly),
    ("orientation", "cci-hdf", RegistryRule::NotRmOnly),
    ("export_diagnostic", "cma-hdf", RegistryRule::RmOnly),
    ("export_diagnostic", "cci-hdf", RegistryRule::NotRmOnly),
    ("training", "cma-hdf", RegistryRule::RmOnly),
    ("training", "cci-hdf", RegistryRule::NotRmOnly),
    ("market_selection", "business-france", RegistryRule::Any),
    ("trade_fair", "business-france", RegistryRule::Any),
    ("buyer_meetings", "business-france", RegistryRule::Any),
    ("recruit_vie", "business-france", RegistryRule::Any),
    ("finance_prospection", "bpifrance", RegistryRule::Any),
    ("derisk_prospection", "bpifrance", RegistryRule::Any),
    ("finance_establishment", "bpifrance", RegistryRule::Any),
    ("secure_payment", "bpifrance", RegistryRule::Any),
    ("bonds_prefinancing", "bpifrance", RegistryRule::Any),
    ("fx_risk", "bpifrance", RegistryRule::Any),
    ("tariff_classification", "douanes", RegistryRule::Any),
    ("preferential_origin", "douanes", RegistryRule::Any),
    ("customs_status", "douanes", RegistryRule::Any),
    ("export_formalities", "cci-hdf", RegistryRule::NotRmOnly),
    ("export_formalities", "douanes", RegistryRule::Any),
    ("*", "cma-hdf", RegistryRule::RmOnly),
    ("*", "cci-hdf", RegistryRule::NotRmOnly),
];

pub async fn seed_default_rules(db: &Db) -> Result<usize> {
    let (n,): (i64,) =
        on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM routing_rules").fetch_one(p).await)?;
    if n > 0 {
        return Ok(0);
    }
    let orgs = crate::orgs::list(db).await?;
    let actor = Actor::system("routing-seed");
    let t = now();
    let mut count = 0;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (i, (subject, slug, registry)) in DEFAULT_RULES.iter().enumerate() {
            let Some(o) = orgs.iter().find(|o| o.slug == *slug) else { continue };
            sqlx::query("INSERT INTO routing_rules (id, position, subject, organisation_id, registry, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(i as i32 * 10).bind(*subject).bind(o.id).bind(registry.as_str()).bind(true).bind(t)
                .execute(&mut *tx).await?;
            count += 1;
        }
        audit_tx!(tx, Entry { actor: &actor, action: "seed", entity_type: "routing_rules", entity_id: String::new(), before: None,
            after: Some(serde_json::json!({"rules": count})) })?;
        tx.commit().await?;
    });
    Ok(count)
}

/// A need of a request and the partners it goes to (the first one leads).
#[derive(Debug, Clone, Serialize)]
pub struct PlannedNeed {
    pub subject: String,
    pub matches: Vec<Match>,
}

/// Records a need and its matches (the first match's organisation leads).
pub async fn create_need(
    db: &Db,
    actor: &Actor,
    request_id: Uuid,
    subject: &str,
    matches: &[Match],
) -> Result<Uuid> {
    let need = PlannedNeed {
        subject: subject.to_string(),
        matches: matches.to_vec(),
    };
    Ok(
        create_needs(db, actor, request_id, std::slice::from_ref(&need))
            .await?
            .pop()
            .unwrap_or_default(),
    )
}

/// Records every need of a request with its matches, in one transaction: a request is routed
/// whole or not at all.
pub async fn create_needs(
    db: &Db,
    actor: &Actor,
    request_id: Uuid,
    needs: &[PlannedNeed],
) -> Result<Vec<Uuid>> {
    let t = now();
    let ids: Vec<Uuid> = needs.iter().map(|_| new_id()).collect();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (id, need) in ids.iter().zip(needs) {
            let lead = need.matches.first().map(|m| m.organisation);
            sqlx::query("INSERT INTO needs (id, request_id, subject, lead_organisation_id, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5)")
                .bind(id).bind(request_id).bind(&need.subject).bind(lead).bind(t).execute(&mut *tx).await?;
            for m in &need.matches {
                sqlx::query("INSERT INTO matches (id, need_id, organisation_id, branch_id, rule_id, why, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7)")
                    .bind(new_id()).bind(id).bind(m.organisation).bind(m.branch).bind(m.rule).bind(m.why.join(",")).bind(t)
                    .execute(&mut *tx).await?;
            }
            audit_tx!(tx, Entry { actor, action: "route", entity_type: "need", entity_id: id.to_string(), before: None,
                after: Some(serde_json::json!({"request": request_id, "subject": need.subject, "matches": need.matches})) })?;
        }
        tx.commit().await?;
    });
    Ok(ids)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct InboxRow {
    pub match_id: Uuid,
    pub need_id: Uuid,
    pub subject: String,
    pub organisation_id: Uuid,
    pub branch_id: Option<Uuid>,
    pub why: String,
    pub status: String,
    pub reason: Option<String>,
    pub adviser_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub company_name: String,
    pub contact_name: String,
    pub contact_email: String,
    pub departement: Option<String>,
    pub need_status: String,
    pub lead_organisation_id: Option<Uuid>,
    pub request_id: Uuid,
    pub taken_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

const INBOX_SELECT: &str = "SELECT m.id AS match_id, n.id AS need_id, n.subject, m.organisation_id, m.branch_id, m.why, m.status, m.reason, \
     m.adviser_id, m.created_at, r.company_name, r.contact_name, r.contact_email, r.departement, n.status AS need_status, \
     n.lead_organisation_id, r.id AS request_id, m.taken_at, m.closed_at \
     FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id";

/// Whose inbox: a partner's (or several), narrowed to a branch or to one adviser's matches.
#[derive(Debug, Clone, Default)]
pub struct InboxScope {
    pub orgs: Vec<Uuid>,
    pub branch: Option<Uuid>,
    pub adviser: Option<Uuid>,
}

/// Filters of the inbox page.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    pub subject: Option<String>,
    pub departement: Option<String>,
    /// Only matches received before this instant (age of the request).
    pub older_than: Option<DateTime<Utc>>,
}

enum Param {
    Uuid(Uuid),
    Text(String),
    Time(DateTime<Utc>),
    Int(i64),
}

/// The WHERE clause and its parameters for a scope and filters (numbered from `$1`).
fn inbox_where(scope: &InboxScope, f: &InboxFilter) -> (String, Vec<Param>) {
    let mut params = Vec::new();
    let mut clauses = Vec::new();
    let ph = |params: &mut Vec<Param>, p: Param| {
        params.push(p);
        format!("${}", params.len())
    };
    if scope.orgs.is_empty() {
        clauses.push("1 = 0".to_string());
    } else {
        let list: Vec<String> = scope
            .orgs
            .iter()
            .map(|o| ph(&mut params, Param::Uuid(*o)))
            .collect();
        clauses.push(format!("m.organisation_id IN ({})", list.join(", ")));
    }
    if let Some(b) = scope.branch {
        clauses.push(format!("m.branch_id = {}", ph(&mut params, Param::Uuid(b))));
    }
    if let Some(a) = scope.adviser {
        clauses.push(format!(
            "m.adviser_id = {}",
            ph(&mut params, Param::Uuid(a))
        ));
    }
    if let Some(s) = &f.subject {
        clauses.push(format!(
            "n.subject = {}",
            ph(&mut params, Param::Text(s.clone()))
        ));
    }
    if let Some(d) = &f.departement {
        clauses.push(format!(
            "r.departement = {}",
            ph(&mut params, Param::Text(d.clone()))
        ));
    }
    if let Some(t) = f.older_than {
        clauses.push(format!(
            "m.created_at < {}",
            ph(&mut params, Param::Time(t))
        ));
    }
    (clauses.join(" AND "), params)
}

macro_rules! bind_all {
    ($q:expr, $params:expr) => {{
        let mut q = $q;
        for p in $params {
            q = match p {
                Param::Uuid(u) => q.bind(*u),
                Param::Text(t) => q.bind(t.clone()),
                Param::Time(t) => q.bind(*t),
                Param::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

/// The statuses an inbox tab shows.
pub fn tab_statuses(tab: &str) -> &'static [&'static str] {
    match tab {
        "waiting" => &["waiting"],
        "taking_charge" => &["taking_charge"],
        "closed" => &CLOSED,
        _ => &[],
    }
}

/// The joins the filters need (none when only the match's own columns are filtered).
fn inbox_from(f: &InboxFilter) -> &'static str {
    if f.subject.is_some() || f.departement.is_some() {
        "matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id"
    } else {
        "matches m"
    }
}

/// Match counts per status within a scope and filters.
pub async fn inbox_counts(
    db: &Db,
    scope: &InboxScope,
    f: &InboxFilter,
) -> Result<Vec<(String, i64)>> {
    let (w, params) = inbox_where(scope, f);
    let sql = format!(
        "SELECT m.status, COUNT(*) FROM {} WHERE {w} GROUP BY m.status",
        inbox_from(f)
    );
    Ok(
        on_db!(db, p => bind_all!(sqlx::query_as::<_, (String, i64)>(&sql), &params).fetch_all(p).await)?,
    )
}

/// One page of a tab's matches (all statuses for an unknown tab), newest first. The page's
/// ids are chosen on the matches alone, then joined, so a large inbox costs one index scan.
pub async fn inbox(
    db: &Db,
    scope: &InboxScope,
    f: &InboxFilter,
    tab: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<InboxRow>> {
    let (mut w, mut params) = inbox_where(scope, f);
    let statuses = tab_statuses(tab);
    if !statuses.is_empty() {
        let list: Vec<String> = statuses
            .iter()
            .map(|s| {
                params.push(Param::Text(s.to_string()));
                format!("${}", params.len())
            })
            .collect();
        w.push_str(&format!(" AND m.status IN ({})", list.join(", ")));
    }
    params.push(Param::Int(limit));
    let l = params.len();
    params.push(Param::Int(offset));
    let o = params.len();
    let sql = format!(
        "{INBOX_SELECT} WHERE m.id IN (SELECT m.id FROM {} WHERE {w} ORDER BY m.created_at DESC, m.id DESC LIMIT ${l} OFFSET ${o}) \
         ORDER BY m.created_at DESC, m.id DESC",
        inbox_from(f)
    );
    Ok(on_db!(db, p => bind_all!(sqlx::query_as::<_, InboxRow>(&sql), &params).fetch_all(p).await)?)
}

/// Every match on the needs of a company's requests, newest need first.
pub async fn matches_of_company(db: &Db, company: Uuid) -> Result<Vec<InboxRow>> {
    let sql = format!(
        "{INBOX_SELECT} WHERE r.company_id = $1 ORDER BY n.created_at DESC, n.id, m.created_at, m.id"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, InboxRow>(&sql).bind(company).fetch_all(p).await)?)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NeedRow {
    pub id: Uuid,
    pub subject: String,
    pub status: String,
    pub lead_organisation_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// The needs of a company's requests, newest first.
pub async fn needs_of_company(db: &Db, company: Uuid) -> Result<Vec<NeedRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, NeedRow>(
        "SELECT n.id, n.subject, n.status, n.lead_organisation_id, n.created_at FROM needs n JOIN requests r ON r.id = n.request_id \
         WHERE r.company_id = $1 ORDER BY n.created_at DESC, n.id",
    ).bind(company).fetch_all(p).await)?)
}

/// A match still waiting on an open need, with how far the chasing ladder went.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Waiting {
    pub match_id: Uuid,
    pub organisation_id: Uuid,
    pub branch_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub reminder_step: i32,
    pub company_name: String,
    pub subject: String,
}

/// Matches not taken in charge on open needs (the lead closing a need stops the chasing).
pub async fn waiting(db: &Db) -> Result<Vec<Waiting>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Waiting>(
        "SELECT m.id AS match_id, m.organisation_id, m.branch_id, m.created_at, m.reminder_step, r.company_name, n.subject \
         FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id \
         WHERE m.status = 'waiting' AND n.status = 'open' ORDER BY m.created_at, m.id",
    ).fetch_all(p).await)?)
}

/// Records that step `step` of the ladder was sent for a match, with its mails, atomically.
pub async fn record_reminder(
    db: &Db,
    match_id: Uuid,
    step: i32,
    mails: &[crate::mail::Mail<'_>],
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE matches SET reminder_step = $1 WHERE id = $2 AND reminder_step < $1")
            .bind(step).bind(match_id).execute(&mut *tx).await?;
        for m in mails {
            crate::mail_tx!(tx, m)?;
        }
        tx.commit().await?;
    });
    Ok(())
}

pub async fn get_match(db: &Db, id: Uuid) -> Result<InboxRow> {
    let sql = format!("{INBOX_SELECT} WHERE m.id = $1");
    on_db!(db, p => sqlx::query_as::<_, InboxRow>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Every match of a need (the other partners involved).
pub async fn need_matches(db: &Db, need: Uuid) -> Result<Vec<InboxRow>> {
    let sql = format!("{INBOX_SELECT} WHERE n.id = $1 ORDER BY m.created_at, m.id");
    Ok(on_db!(db, p => sqlx::query_as::<_, InboxRow>(&sql).bind(need).fetch_all(p).await)?)
}

/// The mails a status change may send to the company (skipped when `None`).
#[derive(Debug, Clone, Default)]
pub struct StatusMails<'a> {
    pub taken: Option<crate::mail::Mail<'a>>,
    pub closed: Option<crate::mail::Mail<'a>>,
}

pub const CLOSED: [&str; 4] = ["done", "done_no_help", "unreachable", "not_for_me"];

/// Moves a match along its lifecycle: waiting → taking_charge → done / done_no_help /
/// unreachable / not_for_me (reason required), or back to waiting (reopen). The need's status
/// follows: closed when its lead partner closes its match, open otherwise. The company's
/// mails (taken in charge, need closed) are queued in the same transaction.
pub async fn set_status(
    db: &Db,
    actor: &Actor,
    match_id: Uuid,
    status: &str,
    reason: Option<&str>,
    mails: &StatusMails<'_>,
) -> Result<()> {
    let before = get_match(db, match_id).await?;
    if status == "not_for_me" && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(StoreError::Conflict("reason_required"));
    }
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        match status {
            "taking_charge" => {
                sqlx::query("UPDATE matches SET status = 'taking_charge', adviser_id = $1, taken_at = COALESCE(taken_at, $2), closed_at = NULL WHERE id = $3")
                    .bind(actor.id).bind(t).bind(match_id).execute(&mut *tx).await?;
            }
            "waiting" => {
                sqlx::query("UPDATE matches SET status = 'waiting', closed_at = NULL, reason = NULL WHERE id = $1")
                    .bind(match_id).execute(&mut *tx).await?;
            }
            s if CLOSED.contains(&s) => {
                sqlx::query("UPDATE matches SET status = $1, reason = $2, closed_at = $3, adviser_id = COALESCE(adviser_id, $4), taken_at = COALESCE(taken_at, $3) WHERE id = $5")
                    .bind(s).bind(reason).bind(t).bind(actor.id).bind(match_id).execute(&mut *tx).await?;
            }
            _ => return Err(StoreError::Conflict("status_unknown")),
        }
        let lead_closed = CLOSED.contains(&status) && before.lead_organisation_id == Some(before.organisation_id);
        let need_status = if lead_closed { "closed" } else { "open" };
        if status == "taking_charge" && before.status == "waiting"
            && let Some(m) = &mails.taken
        {
            crate::mail_tx!(tx, m)?;
        }
        if lead_closed && before.need_status != "closed"
            && let Some(m) = &mails.closed
        {
            crate::mail_tx!(tx, m)?;
        }
        sqlx::query("UPDATE needs SET status = $1, closed_at = $2 WHERE id = $3")
            .bind(need_status).bind(if lead_closed { Some(t) } else { None }).bind(before.need_id)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "match_status", entity_type: "match", entity_id: match_id.to_string(),
            before: Some(serde_json::json!({"status": before.status})),
            after: Some(serde_json::json!({"status": status, "reason": reason, "need_status": need_status})) })?;
        tx.commit().await?;
        Ok(())
    })
}

/// A rule as the pilot edits it (position orders the rules; lower first).
#[derive(Debug, Clone, Serialize)]
pub struct RuleInput {
    pub position: i32,
    pub rule: Rule,
}

/// The rules with their position, for the editing page.
pub async fn rules_with_position(db: &Db) -> Result<Vec<(i32, Rule)>> {
    let positions: Vec<(Uuid, i32)> = on_db!(db, p => sqlx::query_as("SELECT id, position FROM routing_rules")
        .fetch_all(p).await)?;
    Ok(rules(db)
        .await?
        .into_iter()
        .map(|r| {
            let pos = positions
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, p)| *p)
                .unwrap_or(0);
            (pos, r)
        })
        .collect())
}

/// Adds a rule; new rules are drafts (inactive) until the pilot publishes them.
pub async fn create_rule(db: &Db, actor: &Actor, input: &RuleInput) -> Result<Uuid> {
    let id = new_id();
    let r = &input.rule;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO routing_rules (id, position, subject, organisation_id, min_headcount, max_headcount, min_age, max_age, naf_include, naf_exclude, registry, active, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
            .bind(id).bind(input.position).bind(&r.subject).bind(r.organisation).bind(r.min_headcount).bind(r.max_headcount)
            .bind(r.min_age).bind(r.max_age).bind(r.naf_include.join(",")).bind(r.naf_exclude.join(",")).bind(r.registry.as_str())
            .bind(false).bind(now())
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "routing_rule", entity_id: id.to_string(), before: None,
            after: serde_json::to_value(input).ok() })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// Changes a rule's conditions (its active flag is left as it is).
pub async fn update_rule(db: &Db, actor: &Actor, id: Uuid, input: &RuleInput) -> Result<()> {
    let before = rules(db)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(StoreError::NotFound)?;
    let r = &input.rule;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE routing_rules SET position = $1, subject = $2, organisation_id = $3, min_headcount = $4, max_headcount = $5, min_age = $6, max_age = $7, \
                     naf_include = $8, naf_exclude = $9, registry = $10 WHERE id = $11")
            .bind(input.position).bind(&r.subject).bind(r.organisation).bind(r.min_headcount).bind(r.max_headcount)
            .bind(r.min_age).bind(r.max_age).bind(r.naf_include.join(",")).bind(r.naf_exclude.join(",")).bind(r.registry.as_str()).bind(id)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "update", entity_type: "routing_rule", entity_id: id.to_string(),
            before: serde_json::to_value(&before).ok(), after: serde_json::to_value(input).ok() })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Publishes (active) or withdraws a rule.
pub async fn set_rule_active(db: &Db, actor: &Actor, id: Uuid, active: bool) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE routing_rules SET active = $1 WHERE id = $2").bind(active).bind(id).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        audit_tx!(tx, Entry { actor, action: if active { "publish" } else { "withdraw" }, entity_type: "routing_rule", entity_id: id.to_string(),
            before: None, after: Some(serde_json::json!({"active": active})) })?;
        tx.commit().await?;
        Ok(())
    })
}
