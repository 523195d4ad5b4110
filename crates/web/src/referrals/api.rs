//! JSON API of referrals between partners, under the same policy and the same checks as the
//! pages (the same service functions).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::referrals;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::service::{self, ReferralInput};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::json::Json;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_referral))
        .routes(routes!(list_referrals))
        .routes(routes!(accept_referral))
        .routes(routes!(decline_referral))
}

#[derive(Serialize, ToSchema)]
pub struct ReferralOut {
    id: Uuid,
    company_id: Uuid,
    company_name: String,
    need_id: Uuid,
    subject: String,
    from_organisation_id: Uuid,
    to_organisation_id: Uuid,
    message: String,
    due_on: chrono::NaiveDate,
    /// pending, accepted, declined
    status: String,
    reason: Option<String>,
    /// The match created on acceptance.
    match_id: Option<Uuid>,
    escalated: bool,
}

impl From<referrals::Referral> for ReferralOut {
    fn from(r: referrals::Referral) -> Self {
        ReferralOut {
            id: r.id,
            company_id: r.company_id,
            company_name: r.company_name,
            need_id: r.need_id,
            subject: r.subject,
            from_organisation_id: r.from_organisation_id,
            to_organisation_id: r.to_organisation_id,
            message: r.message,
            due_on: r.due_on,
            status: r.status.to_string(),
            reason: r.reason,
            match_id: r.match_id,
            escalated: r.escalated_at.is_some(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralIn {
    /// One of the company's needs, or "new" with `subject`.
    need: String,
    #[serde(default)]
    subject: String,
    /// The recipient partner's id.
    to: Uuid,
    message: String,
    /// YYYY-MM-DD; default: 5 working days.
    #[serde(default)]
    due: String,
}

/// Refer a company's need to another partner.
#[utoipa::path(post, path = "/api/v1/companies/{id}/referrals", tag = "follow-up", params(("id" = Uuid, Path)), request_body = ReferralIn,
    responses((status = 201, body = ReferralOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn create_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Json(r): Json<ReferralIn>,
) -> Result<(StatusCode, Json<ReferralOut>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let input = ReferralInput {
        need: r.need,
        subject: r.subject,
        to: r.to.to_string(),
        message: r.message,
        due: r.due,
    };
    let rid = service::create_referral(&ctx, &state, id, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(referrals::get(state.db(), rid).await?.into()),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReferralQ {
    /// received (default) or sent
    #[serde(default)]
    direction: String,
}

/// Referrals received by (or sent by) the caller's partners, newest first.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "follow-up", params(ReferralQ),
    responses((status = 200, body = [ReferralOut]), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn list_referrals(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<ReferralQ>,
) -> Result<Json<Vec<ReferralOut>>, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let received = q.direction != "sent";
    Ok(Json(
        referrals::for_orgs(state.db(), &ctx.org_ids(), received, 500)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Accept a referral: it becomes a match taken in charge by the caller.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/accept", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReferralOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn accept_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<ReferralOut>, AppError> {
    service::accept_referral(&ctx, &state, id).await?;
    Ok(Json(referrals::get(state.db(), id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineIn {
    /// Required.
    reason: String,
}

/// Decline a referral with a reason.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/decline", tag = "follow-up", params(("id" = Uuid, Path)), request_body = DeclineIn,
    responses((status = 200, body = ReferralOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn decline_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Json(d): Json<DeclineIn>,
) -> Result<Json<ReferralOut>, AppError> {
    service::decline_referral(&ctx, &state, id, &d.reason).await?;
    Ok(Json(referrals::get(state.db(), id).await?.into()))
}
