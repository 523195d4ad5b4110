//! Referrals between partners (pages). From a company file an adviser refers a need to another
//! partner with a message and a deadline (default: 5 working days, French public holidays
//! excluded); the recipient accepts (a match taken in charge) or declines with a reason; the
//! daily job escalates overdue ones to the pilot, who sees them here too.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::dates::paris_date;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::referrals::{self};
use uuid::Uuid;

use super::service::{self, ReferralInput};
use super::views;
use crate::http::access;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::export;
use crate::http::render::render;
use crate::state::AppState;

pub(super) async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(company): Path<Uuid>,
    Form(f): Form<ReferralInput>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let id = service::create_referral(&ctx, &state, company, &f).await?;
    Ok(Redirect::to(&format!("/orientations/{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct ListQ {
    #[serde(default, rename = "onglet")]
    tab: String,
    #[serde(default)]
    format: String,
}

pub(super) async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<ListQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let pilot = ctx.can(Action::ManageRouting);
    let tab = match q.tab.as_str() {
        "envoyees" => "envoyees",
        "en-retard" if pilot => "en-retard",
        _ => "recues",
    };
    let today = paris_date(chrono::Utc::now());
    let rows = match tab {
        "envoyees" => referrals::for_orgs(state.db(), &ctx.org_ids(), false, 500).await?,
        "en-retard" => referrals::overdue(state.db(), today).await?,
        _ => referrals::for_orgs(state.db(), &ctx.org_ids(), true, 500).await?,
    };
    let items = service::referral_views(&ctx, &state, rows, today).await?;
    if let Some(profile) = export::Profile::parse(&q.format) {
        return Ok(export_list(&ctx, profile, &items));
    }
    Ok(render(
        &views::ReferralList {
            ctx,
            tab: tab.to_string(),
            pilot,
            items,
        },
        StatusCode::OK,
    ))
}

/// The referrals of a tab as a table download.
fn export_list(ctx: &Ctx, profile: export::Profile, items: &[views::ReferralView]) -> Response {
    let headers: Vec<String> = [
        "company-name",
        "filter-need",
        "referrals-from",
        "referrals-to",
        "referrals-due",
        "filter-status",
        "referrals-reason",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let table: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.r.company_name.clone(),
                i.subject.clone(),
                i.from.clone(),
                i.to.clone(),
                i.due.clone(),
                ctx.tp("referral-", i.r.status),
                i.r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    export::table_response(profile, "orientations", &headers, &table)
}

pub(super) async fn show_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let r = access::referral(&ctx, &state, id).await?;
    let recipient = ctx
        .require(
            Action::HandleMatch,
            Resource::Organisation(r.to_organisation_id),
        )
        .is_ok();
    let today = paris_date(chrono::Utc::now());
    let item = service::referral_views(&ctx, &state, vec![r], today)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(render(
        &views::ReferralPage {
            ctx,
            item,
            recipient,
        },
        StatusCode::OK,
    ))
}

pub(super) async fn accept(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let m = service::accept_referral(&ctx, &state, id).await?;
    Ok(Redirect::to(&format!("/demandes/{m}")).into_response())
}

#[derive(Deserialize)]
pub(super) struct DeclineForm {
    #[serde(default)]
    reason: String,
}

pub(super) async fn decline(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<DeclineForm>,
) -> Result<Response, AppError> {
    service::decline_referral(&ctx, &state, id, &f.reason).await?;
    Ok(Redirect::to(&format!("/orientations/{id}")).into_response())
}
