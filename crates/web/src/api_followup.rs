//! JSON API of the shared follow-up: companies and the requests routed to partners, under the
//! same policy as the pages.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tremplin_domain::company::name_key;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::companies::{self, Created};
use tremplin_store::routing;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::api::Problem;
use crate::companies::{CompanyForm, commune_label};
use crate::ctx::Ctx;
use crate::error::{AppError, FieldErrors};

pub fn routes(r: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    r.routes(routes!(search_companies, create_company))
        .routes(routes!(get_company))
        .routes(routes!(list_matches))
        .routes(routes!(set_match_status))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyQ {
    /// Name words or the first digits of a SIREN.
    q: String,
}

#[derive(Serialize, ToSchema)]
pub struct CompanyHitOut {
    id: Uuid,
    name: String,
    siren: Option<String>,
    commune: Option<String>,
    /// Whether the caller may open the file (shared within the Team, or held by their partner).
    visible: bool,
}

async fn visible(ctx: &Ctx, state: &AppState, c: &companies::Company) -> Result<bool, AppError> {
    crate::companies::can_on_company(ctx, state, c, Action::ViewCompany).await
}

/// Search the shared company file by name or SIREN.
#[utoipa::path(get, path = "/api/v1/companies", tag = "follow-up", params(CompanyQ),
    responses((status = 200, body = [CompanyHitOut]), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn search_companies(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<CompanyQ>,
) -> Result<Json<Vec<CompanyHitOut>>, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let text = q.q.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let numeric =
        digits.len() >= 3 && digits.len() == text.chars().filter(|c| !c.is_whitespace()).count();
    let key = if numeric {
        String::new()
    } else {
        name_key(text)
    };
    let digits = if numeric { digits } else { String::new() };
    let hits = companies::search(state.db(), &key, &digits, 50).await?;
    let mut out = Vec::new();
    for h in hits {
        let c = companies::get(state.db(), h.id).await?;
        out.push(CompanyHitOut {
            visible: visible(&ctx, &state, &c).await?,
            id: h.id,
            name: h.name,
            siren: h.siren,
            commune: h.commune,
        });
    }
    Ok(Json(out))
}

/// A company to create. Every field but the name is optional.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Boulangerie Léon", "siren": "215903501", "commune": "59350", "registries": ["rm"], "sharing_consent": true}))]
pub struct CompanyIn {
    name: String,
    /// SIREN or SIRET (Luhn-checked); omit for a provisional identity.
    siren: Option<String>,
    naf: Option<String>,
    legal_form: Option<String>,
    /// rcs, rm
    #[serde(default)]
    registries: Vec<String>,
    /// 0, 1-9, 10-49, 50-249, 250-4999, 5000-plus
    headcount_band: Option<String>,
    turnover_eur: Option<i64>,
    address: Option<String>,
    /// INSEE commune code.
    commune: Option<String>,
    /// ISO alpha-2 (FR by default).
    country: Option<String>,
    #[serde(default)]
    sharing_consent: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CompanyOut {
    id: Uuid,
    name: String,
    siren: Option<String>,
    naf: Option<String>,
    legal_form: Option<String>,
    registries: Vec<String>,
    headcount_band: Option<String>,
    turnover_eur: Option<i64>,
    address: Option<String>,
    commune: Option<String>,
    commune_name: String,
    departement: Option<String>,
    country: String,
    sharing_consent: bool,
    version: i32,
    /// true when the SIREN already had a file: that file is returned, nothing was created.
    existing: bool,
    export_countries: Vec<CountryOut>,
}

#[derive(Serialize, ToSchema)]
pub struct CountryOut {
    country: String,
    /// exporting, target, not_interested
    status: String,
}

async fn company_out(
    state: &AppState,
    c: companies::Company,
    existing: bool,
) -> Result<CompanyOut, AppError> {
    let export_countries = companies::countries(state.db(), c.id)
        .await?
        .into_iter()
        .map(|r| CountryOut {
            country: r.country,
            status: r.status,
        })
        .collect();
    Ok(CompanyOut {
        commune_name: commune_label(c.commune.as_deref()),
        id: c.id,
        name: c.name,
        siren: c.siren,
        naf: c.naf,
        legal_form: c.legal_form,
        registries: c
            .registries
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        headcount_band: c.headcount_band,
        turnover_eur: c.turnover_eur,
        address: c.address,
        commune: c.commune,
        departement: c.departement,
        country: c.country,
        sharing_consent: c.sharing_consent,
        version: c.version,
        existing,
        export_countries,
    })
}

/// Create a company file; a SIREN already known returns the existing file (`existing: true`).
#[utoipa::path(post, path = "/api/v1/companies", tag = "follow-up", request_body = CompanyIn,
    responses((status = 201, body = CompanyOut), (status = 200, description = "The SIREN already had a file", body = CompanyOut),
        (status = 422, body = Problem, content_type = "application/problem+json"), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn create_company(
    ctx: Ctx,
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<CompanyOut>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c: CompanyIn =
        serde_json::from_slice(&body).map_err(|e| AppError::Malformed(e.to_string()))?;
    let form = CompanyForm {
        name: c.name,
        siren: c.siren.unwrap_or_default(),
        naf: c.naf.unwrap_or_default(),
        legal_form: c.legal_form.unwrap_or_default(),
        rcs: if c.registries.iter().any(|r| r == "rcs") {
            "oui".into()
        } else {
            String::new()
        },
        rm: if c.registries.iter().any(|r| r == "rm") {
            "oui".into()
        } else {
            String::new()
        },
        headcount_band: c.headcount_band.unwrap_or_default(),
        turnover_eur: c.turnover_eur.map(|t| t.to_string()).unwrap_or_default(),
        address: c.address.unwrap_or_default(),
        commune: c.commune.unwrap_or_default(),
        country: c.country.unwrap_or_default(),
        sharing_consent: if c.sharing_consent {
            "oui".into()
        } else {
            String::new()
        },
        ..CompanyForm::default()
    };
    if c.registries.iter().any(|r| r != "rcs" && r != "rm") {
        return Err(AppError::Invalid(FieldErrors::from([(
            "registries".to_string(),
            "value_unknown".to_string(),
        )])));
    }
    let mut state_form = crate::tpl::FormState::new(ctx.lang);
    let Some(fields) = form.fields(&mut state_form) else {
        return Err(AppError::Invalid(state_form.errors));
    };
    let holder = ctx.own_org();
    match companies::create(state.db(), &ctx.actor(), holder, &fields).await? {
        Created::New(id) => Ok((
            StatusCode::CREATED,
            Json(company_out(&state, companies::get(state.db(), id).await?, false).await?),
        )),
        Created::Existing(id) => {
            if let Some(org) = holder {
                companies::add_holder(state.db(), &ctx.actor(), id, org).await?;
            }
            Ok((
                StatusCode::OK,
                Json(company_out(&state, companies::get(state.db(), id).await?, true).await?),
            ))
        }
    }
}

/// A company's file, if the caller may see it.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = CompanyOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_company(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Json<CompanyOut>, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    if !visible(&ctx, &state, &c).await? {
        return Err(AppError::Forbidden);
    }
    Ok(Json(company_out(&state, c, false).await?))
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

fn match_out(r: routing::InboxRow) -> MatchOut {
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
        status: r.status,
        reason: r.reason,
        company_name: r.company_name,
        departement: r.departement,
        created_at: r.created_at,
    }
}

/// The requests routed to the caller's partners, newest first.
#[utoipa::path(get, path = "/api/v1/matches", tag = "follow-up",
    responses((status = 200, body = [MatchOut]), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn list_matches(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Json<Vec<MatchOut>>, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let scope = routing::InboxScope {
        orgs: ctx.org_ids(),
        ..Default::default()
    };
    Ok(Json(
        routing::inbox(state.db(), &scope, &Default::default(), "all", 500, 0)
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
async fn set_match_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Json<MatchOut>, AppError> {
    let s: StatusIn =
        serde_json::from_slice(&body).map_err(|e| AppError::Malformed(e.to_string()))?;
    crate::inbox::apply_status(
        &ctx,
        &state,
        id,
        &s.status,
        s.reason.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(match_out(routing::get_match(state.db(), id).await?)))
}
