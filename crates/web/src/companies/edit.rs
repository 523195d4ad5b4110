//! Creating and editing a company file: the form (an existing SIREN opens the existing file; a
//! similar name in the same commune is suggested first), edits that never silently overwrite
//! another adviser's save, export countries, establishments, merges.

use super::search::commune_label;
use super::service::{self, Creation};
use super::views;
use crate::http::access::{file_allowed, require_company};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::company::{ExportStatus, HEADCOUNT_BANDS, name_key, similar_names};
use tremplin_domain::geo::{CommuneCode, CountryCode};
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::siren::Siret;
use tremplin_store::companies::{self, Company, Establishment, Fields};
use uuid::Uuid;

/// The company form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CompanyForm {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub siren: String,
    #[serde(default)]
    pub naf: String,
    #[serde(default)]
    pub legal_form: String,
    #[serde(default)]
    pub rcs: String,
    #[serde(default)]
    pub rm: String,
    #[serde(default)]
    pub headcount_band: String,
    #[serde(default)]
    pub turnover_eur: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub sharing_consent: String,
    #[serde(default)]
    pub confirm_similar: String,
}

impl CompanyForm {
    fn from_company(c: &Company) -> CompanyForm {
        CompanyForm {
            version: c.version.to_string(),
            name: c.name.clone(),
            siren: c.siren.clone().unwrap_or_default(),
            naf: c.naf.clone().unwrap_or_default(),
            legal_form: c.legal_form.clone().unwrap_or_default(),
            rcs: if c.registries.contains("rcs") {
                "oui".into()
            } else {
                String::new()
            },
            rm: if c.registries.contains("rm") {
                "oui".into()
            } else {
                String::new()
            },
            headcount_band: c.headcount_band.clone().unwrap_or_default(),
            turnover_eur: c.turnover_eur.map(|t| t.to_string()).unwrap_or_default(),
            address: c.address.clone().unwrap_or_default(),
            commune: c.commune.clone().unwrap_or_default(),
            country: c.country.clone(),
            sharing_consent: if c.sharing_consent {
                "oui".into()
            } else {
                String::new()
            },
            confirm_similar: String::new(),
        }
    }

    fn state(&self, ctx: &Ctx) -> FormState {
        let mut f = FormState::new(ctx.lang);
        for (k, v) in [
            ("version", &self.version),
            ("name", &self.name),
            ("siren", &self.siren),
            ("naf", &self.naf),
            ("legal_form", &self.legal_form),
            ("rcs", &self.rcs),
            ("rm", &self.rm),
            ("headcount_band", &self.headcount_band),
            ("turnover_eur", &self.turnover_eur),
            ("address", &self.address),
            ("commune", &self.commune),
            ("country", &self.country),
            ("sharing_consent", &self.sharing_consent),
        ] {
            f.values.insert(k.into(), v.clone());
        }
        f
    }

    /// Parses the fields into domain types; errors next to each field.
    pub fn fields(&self, form: &mut FormState) -> Option<Fields> {
        let trim = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let name = self.name.trim();
        if name.is_empty() {
            form.fail("name", "required");
        } else if name.chars().count() > 200 {
            form.fail("name", "too_long");
        }
        let siren = checked(form, "siren", trim(&self.siren), |s| {
            let s = tremplin_domain::siren::parse_siren_or_siret(s).map_err(|e| e.code())?;
            Ok(s.as_str().to_string())
        });
        let naf = checked(form, "naf", trim(&self.naf), |n| {
            Ok(NafCode::parse(n).map_err(|e| e.code())?.code().to_string())
        });
        let country = checked(form, "country", trim(&self.country), |c| {
            Ok(CountryCode::parse(c)
                .map_err(|e| e.code())?
                .as_str()
                .to_string())
        })
        .unwrap_or_else(|| "FR".to_string());
        let (commune, departement) = checked(form, "commune", trim(&self.commune), |c| {
            let c = CommuneCode::parse(c).map_err(|e| e.code())?;
            Ok((c.as_str().to_string(), c.departement().as_str().to_string()))
        })
        .unzip();
        if siren.is_some() && country != "FR" {
            form.fail("siren", "siren_for_french_only");
        }
        let headcount_band = trim(&self.headcount_band);
        if let Some(b) = &headcount_band
            && !HEADCOUNT_BANDS.iter().any(|x| x.0 == b)
        {
            form.fail("headcount_band", "value_unknown");
        }
        let turnover_eur = checked(form, "turnover_eur", trim(&self.turnover_eur), turnover);
        if form.has_errors() {
            return None;
        }
        Some(Fields {
            siren,
            name: name.to_string(),
            name_key: name_key(name),
            naf,
            legal_form: trim(&self.legal_form),
            registries: self.registries(),
            headcount_band,
            turnover_eur,
            address: trim(&self.address),
            commune,
            departement,
            country,
            sharing_consent: self.sharing_consent == "oui",
        })
    }

    /// The registries ticked, as stored (`rcs,rm`).
    fn registries(&self) -> String {
        let mut registries = Vec::new();
        if self.rcs == "oui" {
            registries.push("rcs");
        }
        if self.rm == "oui" {
            registries.push("rm");
        }
        registries.join(",")
    }
}

/// An optional field parsed; its error code goes next to the field (None when empty or wrong).
fn checked<T>(
    form: &mut FormState,
    field: &str,
    v: Option<String>,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Option<T> {
    match parse(&v?) {
        Ok(x) => Some(x),
        Err(code) => {
            form.fail(field, code);
            None
        }
    }
}

/// A turnover in euros, spaces allowed between thousands; not negative.
fn turnover(t: &str) -> Result<i64, &'static str> {
    match t.replace([' ', '\u{202f}', '\u{a0}'], "").parse::<i64>() {
        Ok(v) if v >= 0 => Ok(v),
        Ok(_) => Err("value_negative"),
        Err(_) => Err("number_invalid"),
    }
}

pub(super) fn bands(ctx: &Ctx) -> Vec<(String, String)> {
    HEADCOUNT_BANDS
        .iter()
        .map(|b| (b.0.to_string(), ctx.tp("band-headcount-", b.0)))
        .collect()
}

/// The company form (new or edit), with the files whose names look alike when there are some.
fn form_page(
    ctx: Ctx,
    form: FormState,
    similar: Vec<views::CompanyRow>,
    id: Option<Uuid>,
    status: StatusCode,
) -> Response {
    let bands = bands(&ctx);
    render(
        &views::CompanyForm {
            ctx,
            form,
            bands,
            similar,
            id,
        },
        status,
    )
}

pub(super) async fn new_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let form = FormState::new(ctx.lang).with("country", "FR");
    Ok(form_page(ctx, form, Vec::new(), None, StatusCode::OK))
}

pub(super) async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<CompanyForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let mut form = f.state(&ctx);
    let Some(fields) = f.fields(&mut form) else {
        return Ok(form_page(
            ctx,
            form,
            Vec::new(),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    // A similar name in the same commune: suggest the existing files before creating.
    if fields.siren.is_none()
        && f.confirm_similar != "oui"
        && let Some(commune) = &fields.commune
    {
        let hits: Vec<_> = companies::in_commune(state.db(), commune)
            .await?
            .into_iter()
            .filter(|h| similar_names(&h.name, &fields.name))
            .collect();
        let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
        let holders = companies::holders_of(state.db(), &ids).await?;
        // Only files the user may open are named (the others are nobody's business here).
        let similar: Vec<views::CompanyRow> = hits
            .into_iter()
            .filter(|h| {
                let held = service::held_by(&holders, h.id);
                file_allowed(&ctx, h.sharing_consent, &held, Action::ViewCompany).is_ok()
            })
            .map(|h| views::CompanyRow {
                id: h.id,
                name: h.name,
                siren: h.siren.unwrap_or_default(),
                commune: commune_label(h.commune.as_deref()),
                visible: true,
                held_by: String::new(),
            })
            .collect();
        if !similar.is_empty() {
            return Ok(form_page(ctx, form, similar, None, StatusCode::OK));
        }
    }
    match service::create(&ctx, &state, &fields).await? {
        Creation::AccessAsked => Ok(Redirect::to("/entreprises?acces=demande").into_response()),
        Creation::New(id) => Ok(Redirect::to(&format!("/entreprises/{id}")).into_response()),
        Creation::Existing(id) => {
            Ok(Redirect::to(&format!("/entreprises/{id}?existant=1")).into_response())
        }
    }
}

pub(super) async fn edit_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let form = CompanyForm::from_company(&c).state(&ctx);
    Ok(form_page(ctx, form, Vec::new(), Some(id), StatusCode::OK))
}

pub(super) async fn edit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<CompanyForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let mut form = f.state(&ctx);
    let version = f.version.parse::<i32>().unwrap_or(-1);
    let Some(fields) = f.fields(&mut form) else {
        return Ok(form_page(
            ctx,
            form,
            Vec::new(),
            Some(id),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    match companies::update(state.db(), &ctx.actor(), id, version, &fields).await {
        Ok(()) => Ok(Redirect::to(&format!("/entreprises/{id}")).into_response()),
        Err(tremplin_store::StoreError::Conflict(code)) => {
            let field = if code == "siren_taken" {
                "siren"
            } else {
                "version"
            };
            form.fail(field, code);
            Ok(form_page(
                ctx,
                form,
                Vec::new(),
                Some(id),
                StatusCode::CONFLICT,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct CountryForm {
    #[serde(default)]
    country: String,
    #[serde(default)]
    status: String,
}

pub(super) async fn set_country(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<CountryForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let mut errors = crate::http::error::FieldErrors::new();
    let country = CountryCode::parse(&f.country)
        .map_err(|e| errors.insert("country".into(), e.code().into()));
    let status = ExportStatus::parse(&f.status)
        .ok_or_else(|| errors.insert("status".into(), "value_unknown".into()));
    let (Ok(country), Ok(status)) = (country, status) else {
        return Err(AppError::Invalid(errors));
    };
    companies::set_country(
        state.db(),
        &ctx.actor(),
        id,
        country.as_str(),
        status.as_str(),
    )
    .await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#pays")).into_response())
}

#[derive(Deserialize)]
pub(super) struct EstablishmentForm {
    #[serde(default)]
    siret: String,
    #[serde(default)]
    name: String,
}

pub(super) async fn add_establishment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<EstablishmentForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let digits: String = f.siret.chars().filter(|c| !c.is_whitespace()).collect();
    let siret = Siret::parse(&digits)
        .map_err(|e| AppError::Invalid([("siret".to_string(), e.code().to_string())].into()))?;
    if let Some(s) = &c.siren
        && siret.siren().as_str() != s
    {
        return Err(AppError::Invalid(
            [("siret".to_string(), "siret_other_company".to_string())].into(),
        ));
    }
    let e = Establishment {
        siret: siret.as_str().to_string(),
        name: Some(f.name.trim().to_string()).filter(|n| !n.is_empty()),
        address: None,
        commune: None,
    };
    companies::add_establishment(state.db(), &ctx.actor(), id, &e).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#etablissements")).into_response())
}

#[derive(Deserialize)]
pub(super) struct MergeForm {
    #[serde(default)]
    into: String,
}

pub(super) async fn merge(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<MergeForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::MergeCompanies, Resource::Global)?;
    let from = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &from, Action::EditCompany).await?;
    let into_id =
        Uuid::parse_str(f.into.trim().trim_start_matches("/entreprises/")).map_err(|_| {
            AppError::Invalid([("into".to_string(), "company_unknown".to_string())].into())
        })?;
    let into = companies::get(state.db(), into_id).await.map_err(|_| {
        AppError::Invalid([("into".to_string(), "company_unknown".to_string())].into())
    })?;
    require_company(&ctx, &state, &into, Action::EditCompany).await?;
    companies::merge(state.db(), &ctx.actor(), id, into_id).await?;
    Ok(Redirect::to(&format!("/entreprises/{into_id}")).into_response())
}
