//! JSON API of the shared follow-up: companies and the requests routed to partners, under the
//! same policy as the pages.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tremplin_domain::followup::AccessSource;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::companies;
use tremplin_store::{accompaniments, contacts, routing};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::accompaniments::{AccompanimentForm, record_accompaniment};
use super::edit::CompanyForm;
use super::search::commune_label;
use super::service::{self, Creation};
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::json::Json;
use crate::http::problem::Problem;
use crate::state::AppState;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_companies, create_company))
        .routes(routes!(get_company))
        .routes(routes!(ask_access))
        .routes(routes!(company_needs))
        .routes(routes!(company_contacts))
        .routes(routes!(company_accompaniments, create_accompaniment))
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
    /// Name, SIREN and commune only of files the caller may open.
    name: Option<String>,
    siren: Option<String>,
    commune: Option<String>,
    /// Whether the caller may open the file (shared within the Team, or held by their partner).
    visible: bool,
    /// The partners holding the file (whom `POST …/access-requests` asks).
    held_by: Vec<String>,
}

pub(super) async fn visible(
    ctx: &Ctx,
    state: &AppState,
    c: &companies::Company,
) -> Result<bool, AppError> {
    crate::http::access::can_on_company(ctx, state, c, Action::ViewCompany).await
}

/// Search the shared company file by name or SIREN.
#[utoipa::path(get, path = "/api/v1/companies", tag = "follow-up", params(CompanyQ),
    responses((status = 200, body = [CompanyHitOut]), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn search_companies(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<CompanyQ>,
) -> Result<Json<Vec<CompanyHitOut>>, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let orgs = tremplin_store::orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    let out = service::search(&ctx, &state, &q.q)
        .await?
        .into_iter()
        .map(|h| CompanyHitOut {
            visible: h.visible,
            id: h.id,
            name: h.name,
            siren: h.siren,
            commune: h.commune,
            held_by: h
                .held_by
                .iter()
                .map(|o| tremplin_store::orgs::name_in(&orgs, *o, l))
                .collect(),
        })
        .collect();
    Ok(Json(out))
}

/// Ask the partners holding a file the caller may not open for access (they accept or decline).
#[utoipa::path(post, path = "/api/v1/companies/{id}/access-requests", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 202, description = "asked (or already asked, or already open)"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn ask_access(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    service::ask_access(&ctx, &state, id, org, AccessSource::Search).await?;
    Ok(StatusCode::ACCEPTED)
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

pub(super) async fn company_out(
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
    responses((status = 201, body = CompanyOut), (status = 200, description = "The SIREN already had a file the caller may open", body = CompanyOut),
        (status = 409, description = "The SIREN has a file the caller may not open: its holders were asked for access (company_access_asked)", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn create_company(
    ctx: Ctx,
    State(state): State<AppState>,
    Json(c): Json<CompanyIn>,
) -> Result<(StatusCode, Json<CompanyOut>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
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
    let mut state_form = crate::http::render::FormState::new(ctx.lang);
    let Some(fields) = form.fields(&mut state_form) else {
        return Err(AppError::Invalid(state_form.errors));
    };
    let (status, id, existing) = match service::create(&ctx, &state, &fields).await? {
        Creation::New(id) => (StatusCode::CREATED, id, false),
        Creation::Existing(id) => (StatusCode::OK, id, true),
        Creation::AccessAsked => return Err(AppError::Conflict("company_access_asked")),
    };
    let c = companies::get(state.db(), id).await?;
    Ok((status, Json(company_out(&state, c, existing).await?)))
}

/// A company's file, if the caller may see it.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = CompanyOut), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn get_company(
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

/// The file, if the caller may see it.
pub(super) async fn visible_company(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
) -> Result<companies::Company, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    if !crate::http::access::can_on_company(ctx, state, &c, Action::ViewCompany).await? {
        return Err(AppError::Forbidden);
    }
    Ok(c)
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
pub(super) async fn company_needs(
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
                        status: m.status.to_string(),
                    })
                    .collect(),
                id: n.id,
                subject: n.subject,
                status: n.status.to_string(),
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
pub(super) async fn company_contacts(
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
pub(super) async fn company_accompaniments(
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
                status: a.status.to_string(),
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
#[schema(as = Created)]
pub struct NewId {
    id: Uuid,
}

/// Record an accompaniment delivered by the caller's partner. Fields as in the form: `title`
/// (required), `scheme` (catalogue id), `status`, `start`/`end` (YYYY-MM-DD), `budget`, `loan`,
/// `guarantee` (euros, e.g. "1 500,00"), `need` (one of the company's needs).
#[utoipa::path(post, path = "/api/v1/companies/{id}/accompaniments", tag = "follow-up", params(("id" = Uuid, Path)),
    request_body = AccompanimentForm,
    responses((status = 201, body = NewId), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub(super) async fn create_accompaniment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Json(f): Json<AccompanimentForm>,
) -> Result<(StatusCode, Json<NewId>), AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let id = record_accompaniment(&ctx, &state, id, f).await?;
    Ok((StatusCode::CREATED, Json(NewId { id })))
}
