//! JSON API of the account: who is logged in.

use axum::Json;
use serde::Serialize;
use tremplin_domain::policy::{Action, Resource};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

#[derive(Serialize, ToSchema)]
pub struct MembershipOut {
    organisation_id: uuid::Uuid,
    organisation: String,
    branch: Option<String>,
    #[schema(example = "adviser")]
    role: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: uuid::Uuid,
    email: String,
    display_name: String,
    language: String,
    memberships: Vec<MembershipOut>,
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeOut), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn me(ctx: Ctx) -> Result<Json<MeOut>, AppError> {
    ctx.require(Action::ManageOwnAccount, Resource::Global)?;
    let u = ctx.user.as_ref().ok_or(AppError::LoginRequired)?;
    Ok(Json(MeOut {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        language: ctx.lang.code().into(),
        memberships: u
            .memberships
            .iter()
            .map(|m| MembershipOut {
                organisation_id: m.organisation_id,
                organisation: m.organisation_name_fr.clone(),
                branch: m.branch_name.clone(),
                role: m.role.clone(),
            })
            .collect(),
    }))
}
