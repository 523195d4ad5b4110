//! JSON API of the catalogue: the schemes, filtered, and one scheme.

use axum::Json;
use axum::extract::{Path, Query, State};
use tremplin_domain::policy::{Action, Resource};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::list::{SchemeFilter, filter_schemes, visible_scheme};
use super::present::{SchemeOut, scheme_out};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_schemes))
        .routes(routes!(get_scheme))
}

/// The catalogue, filtered. Anonymous callers see published and closed schemes; partner
/// accounts also see drafts and versions in review.
#[utoipa::path(get, path = "/api/v1/schemes", tag = "catalogue",
    params(SchemeFilter),
    responses((status = 200, body = [SchemeOut]), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn list_schemes(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<SchemeFilter>,
) -> Result<Json<Vec<SchemeOut>>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let live = state.catalogue();
    let list = filter_schemes(&ctx, &live, &f)?;
    Ok(Json(
        list.into_iter()
            .map(|s| scheme_out(ctx.lang, &live.catalogue, s))
            .collect(),
    ))
}

/// One scheme, with its criteria in words, sources and verification.
#[utoipa::path(get, path = "/api/v1/schemes/{id}", tag = "catalogue",
    params(("id" = String, Path, example = "bpifrance-assurance-prospection")),
    responses((status = 200, body = SchemeOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn get_scheme(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SchemeOut>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let live = state.catalogue();
    let s = visible_scheme(&ctx, &live.catalogue, &id)?;
    Ok(Json(scheme_out(ctx.lang, &live.catalogue, s)))
}
