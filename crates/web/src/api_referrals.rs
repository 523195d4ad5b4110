//! JSON API of the rest of the follow-up: a company's needs, contacts and accompaniments, and
//! referrals between partners, under the same policy and the same checks as the pages.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{accompaniments, companies, contacts, referrals, routing};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::api::Problem;
use crate::companies::AccompanimentForm;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::referrals::ReferralInput;

pub fn routes(r: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    r.routes(routes!(company_needs))
        .routes(routes!(company_contacts))
        .routes(routes!(company_accompaniments, create_accompaniment))
        .routes(routes!(create_referral))
        .routes(routes!(list_referrals))
        .routes(routes!(accept_referral))
        .routes(routes!(decline_referral))
}

/// The file, if the caller may see it.
async fn visible_company(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
) -> Result<companies::Company, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    if !crate::companies::can_on_company(ctx, state, &c, Action::ViewCompany).await? {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

fn body<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::Malformed(e.to_string()))
}

#[derive(Serialize, ToSchema)]
pub struct NeedOut {
    id: Uuid,
    /// Need id of the taxonomy (orientation, trade_fair, …).
    subject: String,
    /// open or closed (closed when its lead partner closed its match).
    status: String,
    lead_organisation_id: Option<Uuid>,
    created_at: chrono::DateTime<chrono::Utc>,
    /// The partners it was routed or referred to: (organisation, match status).
    matches: Vec<NeedMatchOut>,
}

#[derive(Serialize, ToSchema)]
pub struct NeedMatchOut {
    id: Uuid,
    organisation_id: Uuid,
    status: String,
}

/// A company's requests as needs, each with the partners handling it.
#[utoipa::path(get, path = "/api/v1/companies/{id}/needs", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = [NeedOut]), (status = 403, body = Problem, content_type = "application/problem+json")))]
async fn company_needs(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<NeedOut>>, AppError> {
    visible_company(&ctx, &state, id).await?;
    let matches = routing::matches_of_company(state.db(), id).await?;
    Ok(Json(
        routing::needs_of_company(state.db(), id)
            .await?
            .into_iter()
            .map(|n| NeedOut {
                matches: matches
                    .iter()
                    .filter(|m| m.need_id == n.id)
                    .map(|m| NeedMatchOut {
                        id: m.match_id,
                        organisation_id: m.organisation_id,
                        status: m.status.clone(),
                    })
                    .collect(),
                id: n.id,
                subject: n.subject,
                status: n.status,
                lead_organisation_id: n.lead_organisation_id,
                created_at: n.created_at,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ContactOut {
    id: Uuid,
    organisation_id: Uuid,
    name: String,
    role: String,
    email: String,
    phone: String,
    /// Agreed to be shown to every partner of the Team.
    consent_share: bool,
    anonymised: bool,
}

/// The people of a company the caller may see: shared with consent, or recorded by the
/// caller's partner.
#[utoipa::path(get, path = "/api/v1/companies/{id}/contacts", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = [ContactOut]), (status = 403, body = Problem, content_type = "application/problem+json")))]
async fn company_contacts(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ContactOut>>, AppError> {
    visible_company(&ctx, &state, id).await?;
    let mine = ctx.org_ids();
    Ok(Json(
        contacts::of_company(state.db(), id)
            .await?
            .into_iter()
            .filter(|c| c.consent_share || mine.contains(&c.organisation_id))
            .map(|c| ContactOut {
                id: c.id,
                organisation_id: c.organisation_id,
                anonymised: c.anonymised_at.is_some(),
                name: c.name,
                role: c.role,
                email: c.email,
                phone: c.phone,
                consent_share: c.consent_share,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct AccompanimentOut {
    id: Uuid,
    organisation_id: Uuid,
    scheme_id: Option<String>,
    need_id: Option<Uuid>,
    title: String,
    /// planned, in_progress, completed, cancelled
    status: String,
    start_date: Option<chrono::NaiveDate>,
    end_date: Option<chrono::NaiveDate>,
    budget_cents: Option<i64>,
    loan_cents: Option<i64>,
    guarantee_cents: Option<i64>,
    outcome: Option<String>,
}

/// A company's accompaniments.
#[utoipa::path(get, path = "/api/v1/companies/{id}/accompaniments", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = [AccompanimentOut]), (status = 403, body = Problem, content_type = "application/problem+json")))]
async fn company_accompaniments(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<AccompanimentOut>>, AppError> {
    visible_company(&ctx, &state, id).await?;
    Ok(Json(
        accompaniments::of_company(state.db(), id)
            .await?
            .into_iter()
            .map(|a| AccompanimentOut {
                id: a.id,
                organisation_id: a.organisation_id,
                scheme_id: a.scheme_id,
                need_id: a.need_id,
                title: a.title,
                status: a.status,
                start_date: a.start_date,
                end_date: a.end_date,
                budget_cents: a.budget_cents,
                loan_cents: a.loan_cents,
                guarantee_cents: a.guarantee_cents,
                outcome: a.outcome,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: Uuid,
}

/// Record an accompaniment delivered by the caller's partner. Fields as in the form: `title`
/// (required), `scheme` (catalogue id), `status`, `start`/`end` (YYYY-MM-DD), `budget`, `loan`,
/// `guarantee` (euros, e.g. "1 500,00"), `need` (one of the company's needs).
#[utoipa::path(post, path = "/api/v1/companies/{id}/accompaniments", tag = "follow-up", params(("id" = Uuid, Path)),
    request_body = AccompanimentForm,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_accompaniment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    bytes: axum::body::Bytes,
) -> Result<(StatusCode, Json<Created>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let f: AccompanimentForm = body(&bytes)?;
    let id = crate::companies::record_accompaniment(&ctx, &state, id, f).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
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
            status: r.status,
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
async fn create_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    bytes: axum::body::Bytes,
) -> Result<(StatusCode, Json<ReferralOut>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let r: ReferralIn = body(&bytes)?;
    let input = ReferralInput {
        need: r.need,
        subject: r.subject,
        to: r.to.to_string(),
        message: r.message,
        due: r.due,
    };
    let rid = crate::referrals::create_referral(&ctx, &state, id, &input).await?;
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
async fn list_referrals(
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
async fn accept_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<ReferralOut>, AppError> {
    crate::referrals::accept_referral(&ctx, &state, id).await?;
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
async fn decline_referral(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    bytes: axum::body::Bytes,
) -> Result<Json<ReferralOut>, AppError> {
    let d: DeclineIn = body(&bytes)?;
    crate::referrals::decline_referral(&ctx, &state, id, &d.reason).await?;
    Ok(Json(referrals::get(state.db(), id).await?.into()))
}
