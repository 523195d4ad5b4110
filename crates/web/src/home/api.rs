//! JSON API of the partner directory.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(organisations))
}

#[derive(Serialize, ToSchema)]
pub struct OrganisationOut {
    id: uuid::Uuid,
    #[schema(example = "cci-hdf")]
    slug: String,
    #[schema(example = "cci")]
    kind: String,
    name_fr: String,
    name_en: String,
}

/// The Team's partner organisations.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    responses((status = 200, body = [OrganisationOut])))]
pub(super) async fn organisations(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Json<Vec<OrganisationOut>>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    Ok(Json(
        orgs::list(state.db())
            .await?
            .into_iter()
            .map(|o| OrganisationOut {
                id: o.id,
                slug: o.slug,
                kind: o.kind,
                name_fr: o.name_fr,
                name_en: o.name_en,
            })
            .collect(),
    ))
}
