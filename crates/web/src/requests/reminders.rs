//! The pilot's reminder view: requests waiting to be taken in charge, by step of the chasing
//! ladder, the oldest first.

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::dates::paris_date;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{orgs, routing};

/// Waiting requests listed on the reminder view (the oldest first).
pub(super) const REMINDERS_SHOWN: usize = 200;

pub(super) async fn reminders_page(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let today = paris_date(chrono::Utc::now());
    let ladder = state.config().followup.reminder_days.clone();
    let all_orgs = orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    let live = state.catalogue();
    let mut items: Vec<views::ReminderView> = routing::waiting(state.db())
        .await?
        .into_iter()
        .map(|w| {
            let age = (today - paris_date(w.created_at)).num_days();
            views::ReminderView {
                match_id: w.match_id,
                company: w.company_name,
                subject: live.catalogue.taxonomies.need_label(&w.subject, l),
                partner: all_orgs
                    .iter()
                    .find(|o| o.id == w.organisation_id)
                    .map(|o| o.name(l).to_string())
                    .unwrap_or_default(),
                age,
                step: tremplin_domain::followup::ladder_step(&ladder, age),
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
        &views::Reminders {
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
