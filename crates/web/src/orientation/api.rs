//! JSON API of the orientation: a profile in, every published scheme evaluated and explained.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use tremplin_domain::policy::{Action, Resource};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::catalogue::{ResultOut, result_out};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::json::Json;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(orientation))
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
pub(super) async fn orientation(
    ctx: Ctx,
    State(state): State<AppState>,
    Json(input): Json<tremplin_domain::catalogue::ProfileInput>,
) -> Result<Json<OrientationResponse>, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
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
