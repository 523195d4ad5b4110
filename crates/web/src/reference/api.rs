//! JSON API under `/api/v1`, described by OpenAPI at `/api/openapi.json` (utoipa, generated from
//! the handlers) with a vendored Swagger UI at `/api/docs/`. Errors are `application/problem+json`
//! with a stable `code` (rendered by the error middleware).

use axum::Json;
use axum::extract::Path;
use serde::Serialize;
use tremplin_domain::geo::{CommuneCode, CountryCode, Zone};
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(naf))
        .routes(routes!(country))
        .routes(routes!(commune))
        .routes(routes!(zones))
}

#[derive(Serialize, ToSchema)]
pub struct NafOut {
    #[schema(example = "62.01Z")]
    code: String,
    label_fr: Option<String>,
    section: Option<String>,
}

/// A NAF rév. 2 code (`62.01Z` or `6201Z`).
#[utoipa::path(get, path = "/api/v1/reference/naf/{code}", tag = "reference",
    params(("code" = String, Path, example = "62.01Z")),
    responses((status = 200, body = NafOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn naf(ctx: Ctx, Path(code): Path<String>) -> Result<Json<NafOut>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let c = NafCode::parse(&code).map_err(|_| AppError::NotFound)?;
    Ok(Json(NafOut {
        code: c.code().to_string(),
        label_fr: c.label_fr().map(str::to_string),
        section: c.section().map(|s| s.to_string()),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct CountryOut {
    #[schema(example = "ZA")]
    code: String,
    name_fr: String,
    name_en: String,
    /// Zone ids containing the country (M49 areas and named groupings).
    zones: Vec<String>,
}

/// A country by ISO 3166-1 alpha-2 code, with the zones it belongs to.
#[utoipa::path(get, path = "/api/v1/reference/countries/{code}", tag = "reference",
    params(("code" = String, Path, example = "ZA")),
    responses((status = 200, body = CountryOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn country(
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<CountryOut>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let c = CountryCode::parse(&code).map_err(|_| AppError::NotFound)?;
    Ok(Json(CountryOut {
        code: c.as_str().to_string(),
        name_fr: c.name_fr().to_string(),
        name_en: c.name_en().to_string(),
        zones: Zone::all()
            .iter()
            .filter(|z| z.contains(&c))
            .map(|z| z.id().to_string())
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct CommuneOut {
    #[schema(example = "59350")]
    code: String,
    name: String,
    departement: String,
    epci_siren: Option<String>,
    postcodes: Vec<String>,
}

/// A Hauts-de-France commune by INSEE code.
#[utoipa::path(get, path = "/api/v1/reference/communes/{code}", tag = "reference",
    params(("code" = String, Path, example = "59350")),
    responses((status = 200, body = CommuneOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn commune(
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<CommuneOut>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let c = CommuneCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let e = c.hdf_commune().ok_or(AppError::NotFound)?;
    Ok(Json(CommuneOut {
        code: e.code_insee.clone(),
        name: e.name.clone(),
        departement: e.departement.clone(),
        epci_siren: e.epci_siren.clone(),
        postcodes: e.postcodes.clone(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ZoneOut {
    #[schema(example = "maghreb")]
    id: String,
    name_fr: String,
    name_en: String,
    countries: Vec<String>,
}

/// Every zone: UN M49 regions and sub-regions, and named groupings (EU27, Maghreb, ASEAN…).
#[utoipa::path(get, path = "/api/v1/reference/zones", tag = "reference",
    responses((status = 200, body = [ZoneOut])))]
pub(super) async fn zones(ctx: Ctx) -> Result<Json<Vec<ZoneOut>>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    Ok(Json(
        Zone::all()
            .iter()
            .map(|z| ZoneOut {
                id: z.id().to_string(),
                name_fr: z.name_fr().to_string(),
                name_en: z.name_en().to_string(),
                countries: z.members().iter().map(|c| c.as_str().to_string()).collect(),
            })
            .collect(),
    ))
}
