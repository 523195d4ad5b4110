//! The outbox page (every mail: queued, sent, failed with its error; retry) and the pilot's
//! reminder view (requests waiting to be taken in charge, by step of the chasing ladder).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::mail;
use uuid::Uuid;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct OutboxQ {
    #[serde(default, rename = "statut")]
    status: String,
}

pub(super) async fn outbox_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<OutboxQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewMail, Resource::Global)?;
    let status = ["queued", "sent", "failed"]
        .into_iter()
        .find(|s| *s == q.status);
    let rows = mail::list(state.db(), status, 200).await?;
    let counts = mail::counts(state.db()).await?;
    let lang = ctx.lang;
    let items = rows
        .into_iter()
        .map(|m| views::MailView {
            when: lang.datetime(m.created_at),
            sent: m.sent_at.map(|t| lang.datetime(t)).unwrap_or_default(),
            m,
        })
        .collect();
    Ok(render(
        &views::Outbox {
            transport: state.config().mail.describe(),
            counts,
            status: status.unwrap_or("").to_string(),
            items,
            ctx,
        },
        StatusCode::OK,
    ))
}

pub(super) async fn retry(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewMail, Resource::Global)?;
    mail::retry(state.db(), id).await?;
    tremplin_store::audit::record(
        state.db(),
        tremplin_store::audit::Entry {
            actor: &ctx.actor(),
            action: "retry",
            entity_type: "mail",
            entity_id: id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(Redirect::to("/admin/courriels").into_response())
}

/// Runs the scheduled follow-up work and a delivery round now, instead of waiting for the hour.
pub(super) async fn run_jobs(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewMail, Resource::Global)?;
    let report = crate::jobs::run(&state, chrono::Utc::now()).await?;
    crate::mail::delivery::deliver_due(state.db(), &state.config().mail).await?;
    tremplin_store::audit::record(
        state.db(),
        tremplin_store::audit::Entry {
            actor: &ctx.actor(),
            action: "run_jobs",
            entity_type: "jobs",
            entity_id: String::new(),
            before: None,
            after: Some(serde_json::json!({
                "escalated": report.escalated, "reminders": report.reminders,
                "digests": report.digests, "surveys": report.surveys, "access_requests": report.access_requests,
            })),
        },
    )
    .await?;
    Ok(Redirect::to("/admin/courriels").into_response())
}
