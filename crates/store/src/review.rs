//! The monthly review: decisions and action items (action items carry over from one review to
//! the next until done), and what the review reads from the data (funnel, stalled cases,
//! companies with no next step, catalogue changes).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Item {
    pub id: Uuid,
    /// The review ('YYYY-MM') where it was raised.
    pub month: String,
    /// 'decision' or 'action'.
    pub kind: String,
    pub body: String,
    pub owner_organisation_id: Option<Uuid>,
    pub owner_person: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// 'open' or 'done'.
    pub status: String,
    pub done_month: Option<String>,
    pub created_at: DateTime<Utc>,
}

const ITEM_COLS: &str = "id, month, kind, body, owner_organisation_id, owner_person, due_on, status, done_month, created_at";

/// The items of the review of `month`: those raised in it, and the action items raised before
/// that were still open at that review (open now, or done at this review or a later one).
pub async fn items(db: &Db, month: &str) -> Result<Vec<Item>> {
    let sql = format!(
        "SELECT {ITEM_COLS} FROM review_items \
         WHERE month = $1 OR (kind = 'action' AND month < $1 AND (done_month IS NULL OR done_month >= $1)) \
         ORDER BY month, created_at, id"
    );
    Ok(on_db!(db, p => sqlx::query_as::<_, Item>(&sql).bind(month).fetch_all(p).await)?)
}

pub async fn get_item(db: &Db, id: Uuid) -> Result<Item> {
    let sql = format!("SELECT {ITEM_COLS} FROM review_items WHERE id = $1");
    on_db!(db, p => sqlx::query_as::<_, Item>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

#[derive(Debug, Clone, Serialize)]
pub struct NewItem {
    pub month: String,
    pub kind: String,
    pub body: String,
    pub owner_organisation_id: Option<Uuid>,
    pub owner_person: Option<String>,
    pub due_on: Option<NaiveDate>,
}

pub async fn add_item(db: &Db, actor: &Actor, item: &NewItem) -> Result<Uuid> {
    let id = new_id();
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO review_items (id, month, kind, body, owner_organisation_id, owner_person, due_on, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
            .bind(id).bind(&item.month).bind(&item.kind).bind(&item.body).bind(item.owner_organisation_id)
            .bind(&item.owner_person).bind(item.due_on).bind(actor.id).bind(t)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "add_review_item", entity_type: "review_item", entity_id: id.to_string(),
            before: None, after: Some(serde_json::json!(item)) })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// Marks an action item done at the review of `month`, or open again (`month` = None).
pub async fn set_done(db: &Db, actor: &Actor, id: Uuid, month: Option<&str>) -> Result<()> {
    let before = get_item(db, id).await?;
    let t = now();
    let status = if month.is_some() { "done" } else { "open" };
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE review_items SET status = $1, done_month = $2, updated_at = $3 WHERE id = $4")
            .bind(status).bind(month).bind(t).bind(id).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "set_review_item_status", entity_type: "review_item", entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": before.status, "done_month": before.done_month})),
            after: Some(serde_json::json!({"status": status, "done_month": month})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// A match as the funnel sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MatchRow {
    pub organisation_id: Uuid,
    pub branch_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub taken_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "String")]
    pub status: tremplin_domain::followup::MatchStatus,
}

/// The matches (need × partner) created in [from, to).
pub async fn matches_created(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<MatchRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MatchRow>(
        "SELECT organisation_id, branch_id, created_at, taken_at, status FROM matches WHERE created_at >= $1 AND created_at < $2",
    ).bind(from).bind(to).fetch_all(p).await)?)
}

/// Referrals sent in [from, to): (receiving partner, status).
pub async fn referrals_created(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Uuid, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT to_organisation_id, status FROM referrals WHERE created_at >= $1 AND created_at < $2",
    ).bind(from).bind(to).fetch_all(p).await)?)
}

/// A case in the review's lists.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Case {
    pub company_id: Uuid,
    pub company_name: String,
    pub organisation_id: Uuid,
    pub subject: String,
    /// Taken in charge (stalled cases) or closed (no next step).
    pub at: DateTime<Utc>,
}

/// How many lists show at most (the total is given beside them).
pub const LIST_LIMIT: i64 = 200;

/// Matches taken in charge before `before` with nothing recorded on the company since (no note,
/// no accompaniment change): the stalled cases, oldest first, and their number.
pub async fn stalled(db: &Db, before: DateTime<Utc>) -> Result<(Vec<Case>, i64)> {
    let day = before.date_naive();
    let cond = "FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id JOIN companies c ON c.id = r.company_id \
         WHERE m.status = 'taking_charge' AND m.taken_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.company_id = c.id AND i.occurred_on >= $2) \
         AND NOT EXISTS (SELECT 1 FROM accompaniments a WHERE a.company_id = c.id AND a.updated_at >= $1)";
    let list = format!(
        "SELECT c.id AS company_id, c.name AS company_name, m.organisation_id, n.subject, m.taken_at AS at {cond} ORDER BY m.taken_at, m.id LIMIT {LIST_LIMIT}"
    );
    let count = format!("SELECT COUNT(*) {cond}");
    Ok(on_db!(db, p => {
        let rows = sqlx::query_as::<_, Case>(&list).bind(before).bind(day).fetch_all(p).await?;
        let n: i64 = sqlx::query_scalar(&count).bind(before).bind(day).fetch_one(p).await?;
        (rows, n)
    }))
}

/// Companies whose match was closed in [from, to) and that have nothing under way now: no
/// request waiting or in hand, no accompaniment planned or in progress, no referral awaiting an
/// answer. Each company once (its latest closure), oldest first; and their number.
pub async fn no_next_step(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<Case>, i64)> {
    let sql = "SELECT c.id AS company_id, c.name AS company_name, m.organisation_id, n.subject, m.closed_at AS at \
         FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id JOIN companies c ON c.id = r.company_id \
         WHERE m.status IN ('done', 'done_no_help') AND m.closed_at >= $1 AND m.closed_at < $2 AND c.merged_into IS NULL \
         AND NOT EXISTS (SELECT 1 FROM requests r2 JOIN needs n2 ON n2.request_id = r2.id JOIN matches m2 ON m2.need_id = n2.id \
                         WHERE r2.company_id = c.id AND n2.status = 'open' AND m2.status IN ('waiting', 'taking_charge')) \
         AND NOT EXISTS (SELECT 1 FROM accompaniments a WHERE a.company_id = c.id AND a.status IN ('planned', 'in_progress')) \
         AND NOT EXISTS (SELECT 1 FROM referrals f WHERE f.company_id = c.id AND f.status = 'pending')";
    let rows: Vec<Case> =
        on_db!(db, p => sqlx::query_as::<_, Case>(sql).bind(from).bind(to).fetch_all(p).await)?;
    // One line per company: its latest closure.
    let mut latest: std::collections::HashMap<Uuid, Case> = std::collections::HashMap::new();
    for c in rows {
        match latest.get(&c.company_id) {
            Some(x) if x.at >= c.at => {}
            _ => {
                latest.insert(c.company_id, c);
            }
        }
    }
    let mut list: Vec<Case> = latest.into_values().collect();
    list.sort_by(|a, b| a.at.cmp(&b.at).then(a.company_id.cmp(&b.company_id)));
    let n = list.len() as i64;
    list.truncate(LIST_LIMIT as usize);
    Ok((list, n))
}

/// Requests still waiting on open needs, received before `before`: the oldest ones (at most
/// [`LIST_LIMIT`]) and their number.
pub async fn overdue_requests(
    db: &Db,
    before: DateTime<Utc>,
) -> Result<(Vec<crate::routing::Waiting>, i64)> {
    let cond = "FROM matches m JOIN needs n ON n.id = m.need_id JOIN requests r ON r.id = n.request_id \
         WHERE m.status = 'waiting' AND m.created_at < $1 AND n.status = 'open'";
    let list = format!(
        "SELECT m.id AS match_id, m.organisation_id, m.branch_id, m.created_at, m.reminder_step, r.company_name, n.subject {cond} ORDER BY m.created_at, m.id LIMIT {LIST_LIMIT}"
    );
    let count = format!("SELECT COUNT(*) {cond}");
    Ok(on_db!(db, p => {
        let rows = sqlx::query_as::<_, crate::routing::Waiting>(&list).bind(before).fetch_all(p).await?;
        let n: i64 = sqlx::query_scalar(&count).bind(before).fetch_one(p).await?;
        (rows, n)
    }))
}

/// A scheme version decided (published or refused) in the period.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CatalogueChange {
    pub scheme_id: String,
    pub version: i32,
    pub state: String,
    pub decided_by_label: Option<String>,
    pub decided_at: DateTime<Utc>,
    pub comment: Option<String>,
}

pub async fn catalogue_changes(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CatalogueChange>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CatalogueChange>(
        "SELECT scheme_id, version, state, decided_by_label, decided_at, comment FROM scheme_versions \
         WHERE decided_at >= $1 AND decided_at < $2 AND decided_at <> created_at ORDER BY decided_at, scheme_id",
    ).bind(from).bind(to).fetch_all(p).await)?)
}
