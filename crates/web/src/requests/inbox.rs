//! The partners' inbox (`/demandes`): the partner's, the branch's or the adviser's own matches
//! by tab (waiting, taking charge, closed, all), filtered by need, département and age, paged,
//! and exported to CSV/Excel/XLSX.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tremplin_domain::catalogue::Taxonomies;
use tremplin_domain::followup::{InboxTab, MatchStatus};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::routing::{self, InboxFilter, InboxRow, InboxScope};
use uuid::Uuid;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::export;
use crate::http::render::render;
use crate::state::AppState;

/// Whose inbox, as the URL says it (`vue=`): the partner's, the user's branch's, or the user's
/// own matches ("my companies").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Partner,
    Branch,
    Mine,
}

impl View {
    const ALL: [View; 3] = [View::Partner, View::Branch, View::Mine];

    fn url(self) -> &'static str {
        match self {
            View::Partner => "partenaire",
            View::Branch => "antenne",
            View::Mine => "moi",
        }
    }
}

/// Age filters, in days since the request arrived.
const AGES: [&str; 4] = ["3", "9", "21", "45"];

#[derive(Deserialize, Default)]
pub(super) struct InboxQ {
    #[serde(default)]
    format: String,
    #[serde(default, rename = "onglet")]
    tab: String,
    #[serde(default, rename = "sujet")]
    subject: String,
    #[serde(default)]
    departement: String,
    #[serde(default, rename = "vue")]
    view: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    page: String,
}

/// Matches per inbox page; exports take up to [`EXPORT_MAX`].
const PAGE: i64 = 50;
const EXPORT_MAX: i64 = 10_000;

/// The inbox a query asks for, parsed: unknown values fall back to the defaults.
struct Asked {
    view: View,
    tab: InboxTab,
    age: &'static str,
    scope: InboxScope,
    filter: InboxFilter,
}

fn asked(ctx: &Ctx, q: &InboxQ, branch: Option<Uuid>, now: DateTime<Utc>) -> Asked {
    let view = match q.view.as_str() {
        "antenne" if branch.is_some() => View::Branch,
        "moi" => View::Mine,
        _ => View::Partner,
    };
    let tab = InboxTab::parse(&q.tab).unwrap_or(if view == View::Mine {
        InboxTab::TakingCharge
    } else {
        InboxTab::Waiting
    });
    let age = AGES.iter().copied().find(|a| *a == q.age).unwrap_or("");
    Asked {
        scope: InboxScope {
            orgs: ctx.org_ids(),
            branch: branch.filter(|_| view == View::Branch),
            adviser: ctx
                .user
                .as_ref()
                .map(|u| u.id)
                .filter(|_| view == View::Mine),
        },
        filter: InboxFilter {
            subject: Some(q.subject.clone()).filter(|s| !s.is_empty()),
            departement: Some(q.departement.trim().to_string()).filter(|s| !s.is_empty()),
            older_than: age
                .parse::<i64>()
                .ok()
                .map(|d| now - chrono::Duration::days(d)),
        },
        view,
        tab,
        age,
    }
}

pub(super) async fn inbox_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<InboxQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let branch = ctx
        .user
        .as_ref()
        .and_then(|u| u.principal.memberships.iter().find_map(|m| m.branch_id));
    let now = Utc::now();
    let a = asked(&ctx, &q, branch, now);
    let by_status = routing::inbox_counts(state.db(), &a.scope, &a.filter).await?;
    if let Some(profile) = export::Profile::parse(&q.format) {
        let rows = routing::inbox(state.db(), &a.scope, &a.filter, a.tab, EXPORT_MAX, 0).await?;
        return Ok(export_rows(&ctx, &state, profile, &rows));
    }
    let page = q.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let rows = routing::inbox(
        state.db(),
        &a.scope,
        &a.filter,
        a.tab,
        PAGE,
        (page - 1) * PAGE,
    )
    .await?;
    let pages = ((tab_count(&by_status, a.tab) as i64 + PAGE - 1) / PAGE).max(1);
    let live = state.catalogue();
    let tax = &live.catalogue.taxonomies;
    let l = ctx.lang.code();
    let items = inbox_items(tax, l, rows, now);
    let query = crate::http::forms::query([
        ("vue", a.view.url()),
        ("sujet", q.subject.as_str()),
        ("departement", q.departement.trim()),
        ("age", a.age),
    ]);
    Ok(render(
        &views::Inbox {
            tab: a.tab.as_str().to_string(),
            counts: tab_counts(&by_status),
            items,
            subjects: subjects_of(tax, l),
            subject: q.subject,
            departement: q.departement,
            view: a.view.url().to_string(),
            views: views_offered(branch.is_some()),
            age: a.age.to_string(),
            ages: AGES.iter().map(|a| a.to_string()).collect(),
            query,
            page,
            pages,
            ctx,
        },
        StatusCode::OK,
    ))
}

/// The number of matches a tab shows, from the counts by status.
fn tab_count(by_status: &[(MatchStatus, i64)], t: InboxTab) -> usize {
    let n: i64 = by_status
        .iter()
        .filter(|(s, _)| t.shows(*s))
        .map(|(_, n)| n)
        .sum();
    n as usize
}

/// Each tab with its number of matches.
fn tab_counts(by_status: &[(MatchStatus, i64)]) -> [(String, usize); 4] {
    [
        InboxTab::Waiting,
        InboxTab::TakingCharge,
        InboxTab::Closed,
        InboxTab::All,
    ]
    .map(|t| (t.as_str().to_string(), tab_count(by_status, t)))
}

/// The needs to filter by, as (id, label).
fn subjects_of(tax: &Taxonomies, l: &str) -> Vec<(String, String)> {
    tax.needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect()
}

/// The inboxes offered (the branch's only to a user in a branch), as their URL words.
fn views_offered(in_branch: bool) -> Vec<String> {
    View::ALL
        .iter()
        .filter(|v| **v != View::Branch || in_branch)
        .map(|v| v.url().to_string())
        .collect()
}

/// The inbox's lines: company, need, département, status and age in days.
fn inbox_items(
    tax: &Taxonomies,
    l: &str,
    rows: Vec<InboxRow>,
    now: DateTime<Utc>,
) -> Vec<views::InboxItem> {
    rows.into_iter()
        .map(|r| views::InboxItem {
            id: r.match_id,
            subject: tax.need_label(&r.subject, l),
            departement: r.departement.clone().unwrap_or_default(),
            status: r.status,
            age_days: (now - r.created_at).num_days(),
            company: r.company_name,
        })
        .collect()
}

/// The matches of a tab as a table download.
fn export_rows(
    ctx: &Ctx,
    state: &AppState,
    profile: export::Profile,
    rows: &[InboxRow],
) -> Response {
    let live = state.catalogue();
    let l = ctx.lang.code();
    let headers: Vec<String> = [
        "company-name",
        "filter-need",
        "q-departement",
        "filter-status",
        "inbox-received",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.company_name.clone(),
                live.catalogue.taxonomies.need_label(&r.subject, l),
                r.departement.clone().unwrap_or_default(),
                ctx.tp("match-", r.status),
                r.created_at.format("%Y-%m-%d").to_string(),
            ]
        })
        .collect();
    export::table_response(profile, "demandes", &headers, &table)
}
