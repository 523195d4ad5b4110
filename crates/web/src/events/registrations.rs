//! Registrations of companies: by the organiser (from a company file too) or on the public page
//! (linked to their file by SIREN), with their targets and business card (vCard 4.0).

use super::data::parse_slots;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::invalid;
use crate::http::error::{AppError, FieldErrors};
use crate::http::i18n::country_name;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::contact::{Email, Phone};
use tremplin_domain::geo::CountryCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::text;
use tremplin_matchmaking::{self as mm};
use tremplin_store::events;
use uuid::Uuid;

/// A world zone named as a target: a UN M49 code ("150") or a region's name in French or
/// English ("Europe", "Afrique", "Americas"); its M49 code.
pub(super) fn zone_code(token: &str) -> Option<String> {
    let refdata = tremplin_domain::refdata::refdata();
    let t = token.trim();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return refdata.m49_region(t).map(|r| r.code.clone());
    }
    let t = t.to_lowercase();
    refdata
        .m49_regions()
        .filter(|r| r.level == tremplin_domain::refdata::M49Level::Region)
        .find(|r| r.name_fr.to_lowercase() == t || r.name_en.to_lowercase() == t)
        .map(|r| r.code.clone())
}

#[derive(Deserialize)]
pub(super) struct RegistrationForm {
    #[serde(default)]
    company_name: String,
    #[serde(default)]
    targets: String,
    #[serde(default)]
    pitch_summary: String,
    #[serde(default)]
    card_name: String,
    #[serde(default)]
    card_role: String,
    #[serde(default)]
    card_email: String,
    #[serde(default)]
    card_phone: String,
    #[serde(default)]
    card_website: String,
    #[serde(default)]
    siren: String,
    #[serde(default)]
    naf: String,
    #[serde(default)]
    offer_summary: String,
    /// Meeting slots the company is away (organiser's form), 1-based.
    #[serde(default)]
    unavailable: String,
}

/// Links a registration to the company's file when its SIREN is known (the name and activity
/// then come from the file when the form leaves them out).
pub(super) async fn link_company(
    state: &AppState,
    f: &RegistrationForm,
    mut r: events::NewRegistration,
) -> Result<events::NewRegistration, AppError> {
    if f.siren.trim().is_empty() {
        return Ok(r);
    }
    let siren =
        tremplin_domain::siren::Siren::parse(&f.siren).map_err(|e| invalid("siren", e.code()))?;
    if let Some(c) = tremplin_store::companies::by_siren(state.db(), siren.as_str()).await? {
        let c = match c.merged_into {
            Some(into) => tremplin_store::companies::get(state.db(), into).await?,
            None => c,
        };
        r.company_id = Some(c.id);
        if r.naf.is_none() {
            r.naf = c.naf.clone();
        }
    }
    Ok(r)
}

pub(super) async fn register(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let mut r = parse_registration(&f).map_err(AppError::Invalid)?;
    r.unavailable = parse_slots(&f.unavailable, e.meeting_slots)
        .ok_or_else(|| invalid("unavailable", "slots_invalid"))?;
    let r = link_company(&state, &f, r).await?;
    events::register(state.db(), &ctx.actor(), id, &r).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#inscriptions")).into_response())
}

/// Checks a registration form; the errors by field.
pub(super) fn parse_registration(
    f: &RegistrationForm,
) -> Result<events::NewRegistration, FieldErrors> {
    let mut errors = FieldErrors::new();
    if f.company_name.trim().is_empty() {
        errors.insert("company_name".into(), "required".into());
    }
    if f.card_name.trim().is_empty() {
        errors.insert("card_name".into(), "required".into());
    }
    let targets = parse_targets(&f.targets, &mut errors);
    if !f.card_email.trim().is_empty() && Email::parse(&f.card_email).is_err() {
        errors.insert("card_email".into(), "email_invalid".into());
    }
    let phone = if f.card_phone.trim().is_empty() {
        None
    } else {
        Phone::parse(&f.card_phone)
            .map_err(|_| errors.insert("card_phone".into(), "phone_invalid".into()))
            .ok()
    };
    let naf = parse_naf(f.naf.trim(), &mut errors);
    // Every free text is bounded, and the website is an http(s) address (it goes into the vCard
    // and its QR code).
    for (field, value, max) in [
        ("company_name", &f.company_name, text::SHORT),
        ("card_name", &f.card_name, text::SHORT),
        ("card_role", &f.card_role, text::SHORT),
        ("pitch_summary", &f.pitch_summary, text::LONG),
        ("offer_summary", &f.offer_summary, text::LONG),
    ] {
        if let Err(code) = text::bounded(value, max) {
            errors.insert(field.into(), code.into());
        }
    }
    let website = text::website(&f.card_website)
        .map_err(|code| errors.insert("card_website".into(), code.into()))
        .ok()
        .flatten();
    if !f.siren.trim().is_empty()
        && let Err(e) = tremplin_domain::siren::Siren::parse(&f.siren)
    {
        errors.insert("siren".into(), e.code().into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(events::NewRegistration {
        naf,
        company_id: None,
        offer_summary: f.offer_summary.trim().into(),
        unavailable: String::new(),
        company_name: f.company_name.trim().into(),
        targets: targets.join(","),
        pitch_summary: f.pitch_summary.trim().into(),
        card_name: f.card_name.trim().into(),
        card_role: f.card_role.trim().into(),
        card_email: f.card_email.trim().into(),
        card_phone: phone.map(|p| p.as_str().to_string()).unwrap_or_default(),
        card_website: website.unwrap_or_default(),
    })
}

/// The countries (ISO codes) and zones (`Z:<zone>`) a company targets.
fn parse_targets(s: &str, errors: &mut FieldErrors) -> Vec<String> {
    let mut targets = Vec::new();
    for t in s.split([',', ' ', ';']).filter(|t| !t.is_empty()) {
        match (CountryCode::parse(t), zone_code(t)) {
            (Ok(c), _) => targets.push(c.as_str().to_string()),
            (Err(_), Some(z)) => targets.push(format!("Z:{z}")),
            (Err(e), None) => {
                errors.insert("targets".into(), e.code().into());
            }
        }
    }
    targets
}

/// The company's NAF code (optional).
fn parse_naf(n: &str, errors: &mut FieldErrors) -> Option<String> {
    match n {
        "" => None,
        n => match tremplin_domain::naf::NafCode::parse(n) {
            Ok(c) => Some(c.code().to_string()),
            Err(e) => {
                errors.insert("naf".into(), e.code().into());
                None
            }
        },
    }
}

/// The vCard 4.0 text of a registration's business card.
pub(super) fn card_text(r: &events::Registration) -> Result<String, AppError> {
    let (given, family) = r
        .card_name
        .split_once(' ')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((r.card_name.clone(), String::new()));
    let opt = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    let card = mm::BusinessCard {
        given_name: given,
        family_name: family,
        formatted_name: r.card_name.clone(),
        title: opt(&r.card_role),
        organization: opt(&r.company_name),
        email: opt(&r.card_email),
        phone: opt(&r.card_phone),
        website: opt(&r.card_website),
    };
    mm::vcard(&card).map_err(|_| invalid("card", "card_invalid"))
}

/// The registration's business card as a vCard 4.0 file.
pub(super) async fn vcard(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, reg)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let r = events::registrations(state.db(), id)
        .await?
        .into_iter()
        .find(|r| r.id == reg)
        .ok_or(AppError::NotFound)?;
    let text = card_text(&r)?;
    let mut res = text.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/vcard; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"carte.vcf\""),
    );
    Ok(res)
}

/// Countries of the guests (the public page shows no guest names).
pub(super) fn guest_countries(ctx: &Ctx, guests: &[events::Guest]) -> Vec<String> {
    let mut v: Vec<String> = guests
        .iter()
        .filter_map(|g| CountryCode::parse(&g.country).ok())
        .map(|c| country_name(ctx.lang, &c))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The public page of an event with its registration form (`done`: the thanks instead).
async fn public_view(
    ctx: Ctx,
    state: &AppState,
    id: Uuid,
    form: FormState,
    done: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let event = events::get(state.db(), id).await?;
    let countries = guest_countries(&ctx, &events::guests(state.db(), id).await?);
    Ok(render(
        &views::EventPublic {
            ctx,
            event,
            countries,
            form,
            done,
        },
        status,
    ))
}

/// The public page of an event and its registration form (no account needed).
pub(super) async fn public_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = FormState::new(ctx.lang);
    public_view(ctx, &state, id, form, false, StatusCode::OK).await
}

pub(super) async fn public_register(
    ctx: Ctx,
    State(state): State<AppState>,
    connect: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: axum::http::HeaderMap,
    Path(id): Path<Uuid>,
    Form(f): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let ip = crate::http::limits::client_ip(&state, &headers, connect.map(|c| c.0.0));
    crate::http::limits::public_door(&state, "registration", ip, Some(&f.card_email))?;
    // Unknown event: 404 before anything is parsed or stored.
    events::get(state.db(), id).await?;
    let mut form = FormState::new(ctx.lang);
    for (k, v) in [
        ("company_name", &f.company_name),
        ("targets", &f.targets),
        ("pitch_summary", &f.pitch_summary),
        ("card_name", &f.card_name),
        ("card_role", &f.card_role),
        ("card_email", &f.card_email),
        ("card_phone", &f.card_phone),
        ("card_website", &f.card_website),
        ("siren", &f.siren),
        ("naf", &f.naf),
        ("offer_summary", &f.offer_summary),
    ] {
        form.values.insert(k.into(), v.clone());
    }
    match parse_registration(&f) {
        Ok(r) => {
            let r = link_company(&state, &f, r).await?;
            let actor = tremplin_store::audit::Actor {
                id: None,
                label: "public:event".into(),
            };
            events::register(state.db(), &actor, id, &r).await?;
            let form = FormState::new(ctx.lang);
            public_view(ctx, &state, id, form, true, StatusCode::OK).await
        }
        Err(errors) => {
            form.errors = errors;
            public_view(
                ctx,
                &state,
                id,
                form,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
