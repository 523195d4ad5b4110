//! The audit trail, filtered and paged (newest first).

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::i18n::Lang;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::dates;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::audit;

#[derive(Deserialize, Default)]
pub(super) struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(rename = "avant")]
    before: Option<String>,
}

pub(super) fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub(super) fn parse_day(
    s: &Option<String>,
    form: &mut FormState,
    field: &str,
) -> Option<NaiveDate> {
    form.date(field, s.as_deref().unwrap_or_default())
}

pub(super) const AUDIT_PAGE: i64 = 100;

pub(super) async fn audit_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewAudit, Resource::Global)?;
    let mut form = FormState::new(ctx.lang);
    let filter = audit_filter(&q, &mut form);
    let before = non_empty(&q.before)
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    let rows = audit::list(state.db(), &filter, before, AUDIT_PAGE).await?;
    let (actions, types) = audit::facets(state.db()).await?;
    let next_page = (rows.len() as i64 == AUDIT_PAGE).then(|| {
        let last = rows.last().map(|r| r.at.to_rfc3339()).unwrap_or_default();
        let mut url = url_with(&q, "avant", &last);
        url.insert_str(0, "/admin/journal?");
        url
    });
    let lang = ctx.lang;
    let rows = rows.into_iter().map(|r| audit_view(lang, r)).collect();
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &views::AdminAudit {
            ctx,
            q: query_view(&q),
            form,
            actions,
            types,
            rows,
            next_page,
        },
        status,
    ))
}

/// The store's filter from the query (the days, Paris time, checked on the form).
fn audit_filter(q: &AuditQuery, form: &mut FormState) -> audit::Filter {
    let from = parse_day(&q.from, form, "from").map(dates::paris_midnight_utc);
    let to = parse_day(&q.to, form, "to")
        .and_then(|d| d.succ_opt())
        .map(dates::paris_midnight_utc);
    audit::Filter {
        actor: non_empty(&q.actor),
        action: non_empty(&q.action),
        entity_type: non_empty(&q.entity_type),
        entity_id: non_empty(&q.entity_id),
        from,
        to,
    }
}

/// One entry of the trail as shown.
fn audit_view(lang: Lang, r: audit::Row) -> views::AuditView {
    views::AuditView {
        when: lang.datetime(r.at),
        actor: r.actor_label,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        before: r.before_json.unwrap_or_default(),
        after: r.after_json.unwrap_or_default(),
    }
}

/// The filters as typed, to fill the form again.
fn query_view(q: &AuditQuery) -> views::AuditQueryView {
    views::AuditQueryView {
        actor: q.actor.clone().unwrap_or_default(),
        action: q.action.clone().unwrap_or_default(),
        entity_type: q.entity_type.clone().unwrap_or_default(),
        entity_id: q.entity_id.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
    }
}

/// The current filters as a query string, with one parameter replaced.
pub(super) fn url_with(q: &AuditQuery, key: &str, value: &str) -> String {
    let pairs = [
        ("actor", &q.actor),
        ("action", &q.action),
        ("entity_type", &q.entity_type),
        ("entity_id", &q.entity_id),
        ("from", &q.from),
        ("to", &q.to),
    ];
    let kept: Vec<(&str, String)> = pairs
        .iter()
        .filter_map(|(k, v)| non_empty(v).map(|v| (*k, v)))
        .collect();
    crate::http::forms::query(
        kept.iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain([(key, value)]),
    )
}
