//! The outbox page (every mail: queued, sent, failed with its error; retry) and the pilot's
//! reminder view (requests waiting to be taken in charge, by step of the chasing ladder).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tremplin_domain::dates::paris_date;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{mail, orgs, routing};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::tpl::{self, render};

/// Waiting requests listed on the reminder view (the oldest first).
const REMINDERS_SHOWN: usize = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/courriels", get(outbox_page))
        .route("/admin/courriels/{id}/renvoyer", post(retry))
        .route("/admin/courriels/taches", post(run_jobs))
        .route("/pilotage/relances", get(reminders_page))
}

#[derive(Deserialize, Default)]
struct OutboxQ {
    #[serde(default)]
    statut: String,
}

async fn outbox_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<OutboxQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewMail, Resource::Global)?;
    let status = ["queued", "sent", "failed"]
        .into_iter()
        .find(|s| *s == q.statut);
    let rows = mail::list(state.db(), status, 200).await?;
    let counts = mail::counts(state.db()).await?;
    let lang = ctx.lang;
    let items = rows
        .into_iter()
        .map(|m| tpl::MailView {
            when: lang.datetime(m.created_at),
            sent: m.sent_at.map(|t| lang.datetime(t)).unwrap_or_default(),
            m,
        })
        .collect();
    Ok(render(
        &tpl::Outbox {
            transport: state.config().mail.describe(),
            counts,
            status: status.unwrap_or("").to_string(),
            items,
            ctx,
        },
        StatusCode::OK,
    ))
}

async fn retry(
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
async fn run_jobs(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    ctx.require(Action::ViewMail, Resource::Global)?;
    let report = crate::jobs::run(&state, chrono::Utc::now()).await?;
    crate::mailer::deliver_due(state.db(), &state.config().mail).await?;
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
                "digests": report.digests, "surveys": report.surveys,
            })),
        },
    )
    .await?;
    Ok(Redirect::to("/admin/courriels").into_response())
}

async fn reminders_page(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let today = paris_date(chrono::Utc::now());
    let ladder = state.config().followup.reminder_days.clone();
    let all_orgs = orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    let live = state.catalogue();
    let mut items: Vec<tpl::ReminderView> = routing::waiting(state.db())
        .await?
        .into_iter()
        .map(|w| {
            let age = (today - paris_date(w.created_at)).num_days();
            tpl::ReminderView {
                match_id: w.match_id,
                company: w.company_name,
                subject: live
                    .catalogue
                    .taxonomies
                    .need(&w.subject)
                    .map(|n| n.label(l).to_string())
                    .unwrap_or(w.subject),
                partner: all_orgs
                    .iter()
                    .find(|o| o.id == w.organisation_id)
                    .map(|o| o.name(l).to_string())
                    .unwrap_or_default(),
                age,
                step: crate::jobs::ladder_step(&ladder, age),
                sent: w.reminder_step,
            }
        })
        .collect();
    items.sort_by_key(|v| std::cmp::Reverse(v.age));
    // At volume thousands may wait: the page shows the oldest, and says how many there are.
    let waiting = items.len();
    items.truncate(REMINDERS_SHOWN);
    let overdue = tremplin_store::referrals::overdue(state.db(), today)
        .await?
        .len();
    Ok(render(
        &tpl::Reminders {
            ctx,
            ladder: ladder
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(" / "),
            items,
            waiting,
            overdue,
        },
        StatusCode::OK,
    ))
}
