//! JSON API of the requests routed to partners: the caller's matches, and moving one along its
//! lifecycle (the same service as the inbox pages).

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use tremplin_domain::followup::InboxTab;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::routing;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::matches::apply_status;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::json::Json;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_matches))
        .routes(routes!(set_match_status))
}

#[derive(Serialize, ToSchema)]
pub struct MatchOut {
    id: Uuid,
    need_id: Uuid,
    request_id: Uuid,
    /// Need id (orientation, trade_fair, …).
    subject: String,
    organisation_id: Uuid,
    branch_id: Option<Uuid>,
    /// Why this partner: subject, territory_commune, territory_departement, no_branch_here,
    /// size, age, naf, registry, no_rule.
    why: Vec<String>,
    /// waiting, taking_charge, done, done_no_help, unreachable, not_for_me
    status: String,
    reason: Option<String>,
    company_name: String,
    departement: Option<String>,
    lead: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

pub(super) fn match_out(r: routing::InboxRow) -> MatchOut {
    MatchOut {
        lead: r.lead_organisation_id == Some(r.organisation_id),
        id: r.match_id,
        need_id: r.need_id,
        request_id: r.request_id,
        subject: r.subject,
        organisation_id: r.organisation_id,
        branch_id: r.branch_id,
        why: r
            .why
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        status: r.status.to_string(),
        reason: r.reason,
        company_name: r.company_name,
        departement: r.departement,
        created_at: r.created_at,
    }
}

/// The requests routed to the caller's partners, newest first.
#[utoipa::path(get, path = "/api/v1/matches", tag = "follow-up",
    responses((status = 200, body = [MatchOut]), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn list_matches(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Json<Vec<MatchOut>>, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let scope = routing::InboxScope {
        orgs: ctx.org_ids(),
        ..Default::default()
    };
    Ok(Json(
        routing::inbox(
            state.db(),
            &scope,
            &Default::default(),
            InboxTab::All,
            500,
            0,
        )
        .await?
        .into_iter()
        .map(match_out)
        .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// taking_charge, done, done_no_help, unreachable, not_for_me (reason required), waiting (reopen)
    status: String,
    reason: Option<String>,
}

/// Move a match along its lifecycle.
#[utoipa::path(post, path = "/api/v1/matches/{id}/status", tag = "follow-up", params(("id" = Uuid, Path)), request_body = StatusIn,
    responses((status = 200, body = MatchOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn set_match_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Json(s): Json<StatusIn>,
) -> Result<Json<MatchOut>, AppError> {
    apply_status(
        &ctx,
        &state,
        id,
        &s.status,
        s.reason.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(match_out(routing::get_match(state.db(), id).await?)))
}
