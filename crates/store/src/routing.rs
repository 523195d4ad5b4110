//! Routing rules, needs and matches. A request's needs are routed by the pure rules of
//! `tremplin_domain::routing`; each match keeps the rule and the reasons that selected it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::QueryBuilder;
use tremplin_domain::followup::{InboxTab, MatchStatus, NeedStatus, move_match};
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
    #[sqlx(try_from = "String")]
    pub status: MatchStatus,
    pub reason: Option<String>,
    pub adviser_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub company_name: String,
    pub contact_name: String,
    pub contact_email: String,
    pub departement: Option<String>,
    #[sqlx(try_from = "String")]
    pub need_status: NeedStatus,
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

/// Appends the conditions of a scope and filters (after `WHERE`).
fn push_where<'a, DB: sqlx::Database>(
    qb: &mut QueryBuilder<'a, DB>,
    scope: &InboxScope,
    f: &InboxFilter,
) where
    Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    DateTime<Utc>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if scope.orgs.is_empty() {
        qb.push("1 = 0");
    } else {
        qb.push("m.organisation_id IN (");
        let mut list = qb.separated(", ");
        for o in &scope.orgs {
            list.push_bind(*o);
        }
        qb.push(")");
    }
    if let Some(b) = scope.branch {
        qb.push(" AND m.branch_id = ").push_bind(b);
    }
    if let Some(a) = scope.adviser {
        qb.push(" AND m.adviser_id = ").push_bind(a);
    }
    if let Some(s) = &f.subject {
        qb.push(" AND n.subject = ").push_bind(s.clone());
    }
    if let Some(d) = &f.departement {
        qb.push(" AND r.departement = ").push_bind(d.clone());
    }
    if let Some(t) = f.older_than {
        qb.push(" AND m.created_at < ").push_bind(t);
    }
}

/// Appends `AND m.status IN (…)` for a tab (nothing for every status).
fn push_tab<'a, DB: sqlx::Database>(qb: &mut QueryBuilder<'a, DB>, tab: InboxTab)
where
    &'static str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if tab.statuses().is_empty() {
        return;
    }
    qb.push(" AND m.status IN (");
    let mut list = qb.separated(", ");
    for st in tab.statuses() {
        list.push_bind(st.as_str());
    }
    qb.push(")");
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
) -> Result<Vec<(MatchStatus, i64)>> {
    let head = format!("SELECT m.status, COUNT(*) FROM {} WHERE ", inbox_from(f));
    let rows: Vec<(String, i64)> = on_db!(db, p => {
        let mut qb = QueryBuilder::new(head);
        push_where(&mut qb, scope, f);
        qb.push(" GROUP BY m.status");
        qb.build_query_as().fetch_all(p).await
    })?;
    rows.into_iter()
        .map(|(s, n)| Ok((MatchStatus::try_from(s).map_err(StoreError::Corrupt)?, n)))
        .collect()
}

/// One page of a tab's matches, newest first. The page's ids are chosen on the matches alone,
/// then joined, so a large inbox costs one index scan.
pub async fn inbox(
    db: &Db,
    scope: &InboxScope,
    f: &InboxFilter,
    tab: InboxTab,
    limit: i64,
    offset: i64,
) -> Result<Vec<InboxRow>> {
    let head = format!(
        "{INBOX_SELECT} WHERE m.id IN (SELECT m.id FROM {} WHERE ",
        inbox_from(f)
    );
    Ok(on_db!(db, p => {
        let mut qb = QueryBuilder::new(head);
        push_where(&mut qb, scope, f);
        push_tab(&mut qb, tab);
        qb.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ").push_bind(limit);
        qb.push(" OFFSET ").push_bind(offset);
        qb.push(") ORDER BY m.created_at DESC, m.id DESC");
        qb.build_query_as::<InboxRow>().fetch_all(p).await
    })?)
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
    #[sqlx(try_from = "String")]
    pub status: NeedStatus,
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

/// Moves a match along its lifecycle (`tremplin_domain::followup::move_match`). The match's
/// status is read inside the transaction (on PostgreSQL with the rows locked), so two advisers
/// taking charge at once cannot both send the company its mail. The need's status follows:
/// closed when its lead partner closes its match, open otherwise. The company's mails (taken in
/// charge, need closed) are queued in the same transaction.
pub async fn set_status(
    db: &Db,
    actor: &Actor,
    match_id: Uuid,
    to: MatchStatus,
    reason: Option<&str>,
    mails: &StatusMails<'_>,
) -> Result<()> {
    const CURRENT: &str = "SELECT m.status, m.need_id, m.organisation_id, n.lead_organisation_id, n.status \
         FROM matches m JOIN needs n ON n.id = m.need_id WHERE m.id = $1";
    let sql = match db.backend() {
        crate::Backend::Postgres => format!("{CURRENT} FOR UPDATE OF m, n"),
        crate::Backend::Sqlite => CURRENT.to_string(),
    };
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let (from, need_id, org, lead, need): (String, Uuid, Uuid, Option<Uuid>, String) =
            sqlx::query_as(&sql).bind(match_id).fetch_optional(&mut *tx).await?.ok_or(StoreError::NotFound)?;
        let from = MatchStatus::try_from(from).map_err(StoreError::Corrupt)?;
        let need = NeedStatus::try_from(need).map_err(StoreError::Corrupt)?;
        let step = move_match(from, to, reason, lead == Some(org), need)
            .map_err(|e| StoreError::Conflict(e.code()))?;
        match to {
            MatchStatus::TakingCharge => {
                sqlx::query("UPDATE matches SET status = $1, adviser_id = $2, taken_at = COALESCE(taken_at, $3), closed_at = NULL WHERE id = $4")
                    .bind(to.as_str()).bind(actor.id).bind(t).bind(match_id).execute(&mut *tx).await?;
            }
            MatchStatus::Waiting => {
                sqlx::query("UPDATE matches SET status = $1, closed_at = NULL, reason = NULL WHERE id = $2")
                    .bind(to.as_str()).bind(match_id).execute(&mut *tx).await?;
            }
            _ => {
                sqlx::query("UPDATE matches SET status = $1, reason = $2, closed_at = $3, adviser_id = COALESCE(adviser_id, $4), taken_at = COALESCE(taken_at, $3) WHERE id = $5")
                    .bind(to.as_str()).bind(reason).bind(t).bind(actor.id).bind(match_id).execute(&mut *tx).await?;
            }
        }
        if step.mail_taken && let Some(m) = &mails.taken {
            crate::mail_tx!(tx, m)?;
        }
        if step.mail_closed && let Some(m) = &mails.closed {
            crate::mail_tx!(tx, m)?;
        }
        let closed_at = (step.need == NeedStatus::Closed).then_some(t);
        sqlx::query("UPDATE needs SET status = $1, closed_at = $2 WHERE id = $3")
            .bind(step.need.as_str()).bind(closed_at).bind(need_id)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "match_status", entity_type: "match", entity_id: match_id.to_string(),
            before: Some(serde_json::json!({"status": from})),
            after: Some(serde_json::json!({"status": to, "reason": reason, "need_status": step.need})) })?;
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
