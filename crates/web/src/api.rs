//! JSON API under `/api/v1`, described by OpenAPI at `/api/openapi.json` (utoipa, generated from
//! the handlers) with a vendored Swagger UI at `/api/docs/`. Errors are `application/problem+json`
//! with a stable `code` (rendered by the error middleware).

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use tremplin_domain::geo::{CommuneCode, CountryCode, Zone};
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orientation::{ResultOut, result_out};
use crate::schemes::{SchemeFilter, SchemeOut, filter_schemes, scheme_out};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        description = "API of Tremplin, the shared platform of a regional Team Export. \
            Errors are `application/problem+json` objects with a stable `code` (also the \
            translation id) and, for invalid input, `errors` per field. Authentication: the \
            session cookie of a logged-in user (same-origin requests).",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(Problem))
)]
struct ApiDoc;

/// An error, as `application/problem+json` (RFC 9457).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[schema(example = "urn:tremplin:error:not_found")]
    r#type: String,
    #[schema(example = "Page introuvable")]
    title: String,
    /// What went wrong and how to fix it, in the request's language.
    #[schema(example = "La page demandée n'existe pas ou a été déplacée.")]
    detail: String,
    #[schema(example = 404)]
    status: u16,
    /// Stable error code; also the translation id `error-<code>`.
    #[schema(example = "not_found")]
    code: String,
    /// Field errors: field name → {code, message}.
    errors: serde_json::Value,
}

pub fn router() -> axum::Router<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me))
        .routes(routes!(organisations))
        .routes(routes!(naf))
        .routes(routes!(country))
        .routes(routes!(commune))
        .routes(routes!(zones))
        .routes(routes!(list_schemes))
        .routes(routes!(get_scheme))
        .routes(routes!(orientation));
    let (router, api) =
        crate::api_referrals::routes(crate::api_followup::routes(router)).split_for_parts();
    router
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", api))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
}

async fn api_not_found() -> AppError {
    AppError::NotFound
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
async fn me(ctx: Ctx) -> Result<Json<MeOut>, AppError> {
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
async fn organisations(
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
async fn naf(ctx: Ctx, Path(code): Path<String>) -> Result<Json<NafOut>, AppError> {
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
async fn country(ctx: Ctx, Path(code): Path<String>) -> Result<Json<CountryOut>, AppError> {
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
async fn commune(ctx: Ctx, Path(code): Path<String>) -> Result<Json<CommuneOut>, AppError> {
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
async fn zones(ctx: Ctx) -> Result<Json<Vec<ZoneOut>>, AppError> {
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

/// The catalogue, filtered. Anonymous callers see published and closed schemes; partner
/// accounts also see drafts and versions in review.
#[utoipa::path(get, path = "/api/v1/schemes", tag = "catalogue",
    params(SchemeFilter),
    responses((status = 200, body = [SchemeOut]), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_schemes(
    ctx: Ctx,
    State(state): State<AppState>,
    axum::extract::Query(f): axum::extract::Query<SchemeFilter>,
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
async fn get_scheme(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SchemeOut>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let live = state.catalogue();
    let s = live
        .catalogue
        .get(&id)
        .filter(|s| crate::schemes::visible(&ctx, s))
        .ok_or(AppError::NotFound)?;
    Ok(Json(scheme_out(ctx.lang, &live.catalogue, s)))
}

/// A company profile; every field is optional ("I don't know" is always allowed).
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
#[schema(example = json!({"naf": "10.71C", "departement": "59", "headcount": 8, "export_experience": "never", "offer": "goods", "needs": ["orientation", "trade_fair"], "registries": ["rm"]}))]
pub struct OrientationRequest {
    /// SIREN (9 digits) or SIRET (14 digits), checked with the Luhn key.
    siren: Option<String>,
    /// NAF rév. 2 code, e.g. `62.01Z`.
    naf: Option<String>,
    /// INSEE département code, e.g. `59`.
    departement: Option<String>,
    /// INSEE commune code, e.g. `59350`.
    commune: Option<String>,
    headcount: Option<i64>,
    turnover_eur: Option<i64>,
    creation_year: Option<i64>,
    closed_fiscal_years: Option<i64>,
    /// never | not_last_12m | last_12m | no_offer
    export_experience: Option<String>,
    /// goods | services | both
    offer: Option<String>,
    /// HS 2022 chapters, e.g. `["84"]`.
    hs_chapters: Option<Vec<String>>,
    /// ISO 3166-1 alpha-2 codes.
    target_countries: Option<Vec<String>>,
    /// Zone ids: eu27, eea, maghreb, sub_saharan_africa, southern_africa, asean,
    /// north_america, gulf, or M49 areas such as m49-002 (Africa).
    target_zones: Option<Vec<String>>,
    /// Need ids, first = main need (orientation, training, export_diagnostic, market_selection,
    /// trade_fair, buyer_meetings, recruit_vie, finance_prospection, derisk_prospection,
    /// finance_establishment, secure_payment, bonds_prefinancing, fx_risk,
    /// tariff_classification, preferential_origin, customs_status, export_formalities).
    needs: Option<Vec<String>>,
    /// international_trading | defence | agriculture | fishing; `[]` = none applies.
    activity_flags: Option<Vec<String>>,
    /// rcs | rm
    registries: Option<Vec<String>>,
    french_share_pct: Option<i64>,
    budget_eur: Option<i64>,
    export_turnover_eur: Option<i64>,
    /// Also return the schemes that do not fit, with the reasons.
    include_not_eligible: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct OrientationResponse {
    /// Ranked: eligible first, then to confirm, then (on request) not eligible.
    results: Vec<ResultOut>,
    /// Version (content hash) of the catalogue used.
    catalogue_version: String,
}

/// Orients a company: every published scheme evaluated, bucketed, scored and explained.
#[utoipa::path(post, path = "/api/v1/orientation", tag = "catalogue",
    request_body = OrientationRequest,
    responses((status = 200, body = OrientationResponse),
        (status = 422, description = "Invalid fields, each with its code and the valid values", body = Problem, content_type = "application/problem+json"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json")))]
async fn orientation(
    ctx: Ctx,
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<OrientationResponse>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let input: tremplin_domain::catalogue::ProfileInput =
        serde_json::from_slice(&body).map_err(|e| AppError::Malformed(e.to_string()))?;
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let profile = input
        .parse(&live.catalogue.taxonomies, today)
        .map_err(AppError::InvalidWithValues)?;
    let results = tremplin_domain::catalogue::orient(
        &live.catalogue.schemes,
        &profile,
        today,
        &live.weights,
        input.include_not_eligible.unwrap_or(false),
    );
    Ok(Json(OrientationResponse {
        results: results
            .iter()
            .map(|e| result_out(ctx.lang, &live.catalogue, e))
            .collect(),
        catalogue_version: live.catalogue.version.clone(),
    }))
}
