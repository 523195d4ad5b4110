//! Requests routed to partners: each need of a request goes to the partners its rules select
//! ("why this partner" kept on each match); advisers see their partner's inbox by status, take
//! charge, close (a reason is required for "not for me") or reopen.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::routing;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;

pub(super) const TABS: [&str; 4] = ["waiting", "taking_charge", "closed", "all"];
/// Whose inbox: the partner's, the user's branch's, or the user's own ("my companies").
pub(super) const VIEWS: [&str; 3] = ["partenaire", "antenne", "moi"];
/// Age filters, in days since the request arrived.
pub(super) const AGES: [&str; 4] = ["3", "9", "21", "45"];

#[derive(Deserialize, Default)]
pub(super) struct InboxQ {
    #[serde(default)]
    format: String,
    #[serde(default)]
    onglet: String,
    #[serde(default)]
    sujet: String,
    #[serde(default)]
    departement: String,
    #[serde(default)]
    vue: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    page: String,
}

/// Matches per inbox page; exports take up to [`EXPORT_MAX`].
pub(super) const PAGE: i64 = 50;
pub(super) const EXPORT_MAX: i64 = 10_000;

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
    let view = match q.vue.as_str() {
        "antenne" if branch.is_some() => "antenne",
        "moi" => "moi",
        _ => "partenaire",
    };
    let scope = routing::InboxScope {
        orgs: ctx.org_ids(),
        branch: if view == "antenne" { branch } else { None },
        adviser: if view == "moi" {
            ctx.user.as_ref().map(|u| u.id)
        } else {
            None
        },
    };
    let now = chrono::Utc::now();
    let age = if AGES.contains(&q.age.as_str()) {
        q.age.clone()
    } else {
        String::new()
    };
    let filter = routing::InboxFilter {
        subject: Some(q.sujet.clone()).filter(|s| !s.is_empty()),
        departement: Some(q.departement.trim().to_string()).filter(|s| !s.is_empty()),
        older_than: age
            .parse::<i64>()
            .ok()
            .map(|d| now - chrono::Duration::days(d)),
    };
    let tab = if TABS.contains(&q.onglet.as_str()) {
        q.onglet.clone()
    } else if view == "moi" {
        "taking_charge".into()
    } else {
        "waiting".into()
    };
    let by_status = routing::inbox_counts(state.db(), &scope, &filter).await?;
    let counts = TABS.map(|t| {
        let statuses = routing::tab_statuses(t);
        let n: i64 = by_status
            .iter()
            .filter(|(s, _)| statuses.is_empty() || statuses.contains(&s.as_str()))
            .map(|(_, n)| n)
            .sum();
        (t.to_string(), n as usize)
    });
    let export = crate::http::export::Profile::parse(&q.format);
    let page = q.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let rows = if export.is_some() {
        routing::inbox(state.db(), &scope, &filter, &tab, EXPORT_MAX, 0).await?
    } else {
        routing::inbox(state.db(), &scope, &filter, &tab, PAGE, (page - 1) * PAGE).await?
    };
    let in_tab = counts
        .iter()
        .find(|(t, _)| *t == tab)
        .map(|(_, n)| *n as i64)
        .unwrap_or(0);
    let pages = ((in_tab + PAGE - 1) / PAGE).max(1);
    let live = state.catalogue();
    let l = ctx.lang.code();
    let subject_label = |s: &str| live.catalogue.taxonomies.need_label(s, l);
    if let Some(profile) = export {
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
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.company_name.clone(),
                    subject_label(&r.subject),
                    r.departement.clone().unwrap_or_default(),
                    ctx.tp("match-", &r.status),
                    r.created_at.format("%Y-%m-%d").to_string(),
                ]
            })
            .collect();
        return Ok(crate::http::export::table_response(
            profile, "demandes", &headers, &rows,
        ));
    }
    let items = rows
        .into_iter()
        .map(|r| views::InboxItem {
            id: r.match_id,
            company: r.company_name.clone(),
            subject: subject_label(&r.subject),
            departement: r.departement.clone().unwrap_or_default(),
            status: r.status.clone(),
            age_days: (now - r.created_at).num_days(),
        })
        .collect();
    let subjects = live
        .catalogue
        .taxonomies
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let views = VIEWS
        .iter()
        .filter(|v| **v != "antenne" || branch.is_some())
        .map(|v| v.to_string())
        .collect();
    let query = crate::http::forms::query([
        ("vue", view),
        ("sujet", q.sujet.as_str()),
        ("departement", q.departement.trim()),
        ("age", age.as_str()),
    ]);
    Ok(render(
        &views::Inbox {
            ctx,
            tab,
            counts,
            items,
            subjects,
            sujet: q.sujet,
            departement: q.departement,
            view: view.to_string(),
            views,
            age,
            ages: AGES.iter().map(|a| a.to_string()).collect(),
            query,
            page,
            pages,
        },
        StatusCode::OK,
    ))
}
