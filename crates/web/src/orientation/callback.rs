//! The "Être rappelé" request: the company's contact details and consent, stored with its
//! profile and the schemes shown, then dispatched to the partners the rules select.

use super::answers::Answers;
use super::answers::SIREN_KEY;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::requests::dispatch_request;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Query;
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::catalogue::orient;
use tremplin_domain::catalogue::profile::Profile;
use tremplin_domain::contact::{Email, Phone};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::catalogue as repo;

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct CallbackForm {
    #[serde(default, rename = "profil")]
    profile: String,
    #[serde(default, rename = "nom")]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default, rename = "telephone")]
    phone: String,
    #[serde(default, rename = "entreprise")]
    company: String,
    #[serde(default)]
    siren: String,
    #[serde(default)]
    message: String,
    #[serde(default, rename = "consentement")]
    consent: String,
}

pub(super) async fn callback_form(
    ctx: Ctx,
    Query(a): Query<Answers>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = FormState::new(ctx.lang).with("profil", &a.query());
    if let Some(s) = &ctx.session
        && let Ok(Some(siren)) = s.get::<String>(SIREN_KEY).await
    {
        form = form.with("siren", &siren);
    }
    Ok(render(
        &views::OrientCallback {
            ctx,
            form,
            back: format!("/orientation/resultats?{}", a.query()),
        },
        StatusCode::OK,
    ))
}

pub(super) async fn callback_post(
    ctx: Ctx,
    State(state): State<AppState>,
    connect: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: axum::http::HeaderMap,
    axum::Form(f): axum::Form<CallbackForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    // Each request fills an inbox and mails the address given: a few per hour at most.
    let ip = crate::http::limits::client_ip(&state, &headers, connect.map(|c| c.0.0));
    crate::http::limits::public_door(&state, "callback", ip, Some(&f.email))?;
    let contact = check_contact(&ctx, &f);
    // The answers come back from the hidden field: parse them like the results page does.
    let answers: Answers = serde_html_form::from_str(&f.profile).unwrap_or_default();
    let (input, parsed) = answers.profile(&state);
    let profile = parsed.map_err(|_| AppError::BadRequest("bad_request"))?;
    if contact.form.has_errors() {
        let back = format!("/orientation/resultats?{}", answers.query());
        return Ok(render(
            &views::OrientCallback {
                ctx,
                form: contact.form,
                back,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let shown = shown_json(&live, &profile, today);
    let mut stored = input.clone();
    stored.siren = contact.siren.as_ref().map(|s| s.as_str().to_string());
    let consent_text = ctx.t("callback-consent");
    let email = contact.email.ok_or(AppError::BadRequest("bad_request"))?;
    let request_id = repo::create_request(
        state.db(),
        &repo::NewRequest {
            contact_name: f.name.trim(),
            contact_email: email.as_str(),
            contact_phone: contact.phone.as_ref().map(|p| p.as_str()),
            company_name: f.company.trim(),
            siren: contact.siren.as_ref().map(|s| s.as_str()),
            departement: profile.departement.map(|d| d.as_str()),
            message: Some(f.message.trim()).filter(|m| !m.is_empty()),
            consent_share: f.consent == "oui",
            consent_text: &consent_text,
            profile_json: &serde_json::to_string(&stored).unwrap_or_default(),
            results_json: &shown,
            catalogue_version: &live.catalogue.version,
            locale: ctx.lang.code(),
            received: Some(crate::mail::texts::received(
                ctx.lang,
                f.name.trim(),
                f.company.trim(),
            )),
        },
    )
    .await?;
    dispatch_request(&state, request_id, &profile, today).await?;
    Ok(Redirect::to("/orientation/rappel/merci").into_response())
}

/// The contact details checked: the form with its errors, and the email, phone and SIREN parsed.
struct Contact {
    form: FormState,
    email: Option<Email>,
    phone: Option<Phone>,
    siren: Option<tremplin_domain::siren::Siren>,
}

/// Checks the contact details of the form, one message per field.
fn check_contact(ctx: &Ctx, f: &CallbackForm) -> Contact {
    let mut form = FormState::new(ctx.lang)
        .with("profil", &f.profile)
        .with("nom", f.name.trim())
        .with("email", f.email.trim())
        .with("telephone", f.phone.trim())
        .with("entreprise", f.company.trim())
        .with("siren", f.siren.trim())
        .with("message", f.message.trim())
        .with("consentement", &f.consent);
    if f.name.trim().is_empty() {
        form.fail("nom", "required");
    } else if f.name.chars().count() > 200 {
        form.fail("nom", "too_long");
    }
    if f.company.trim().is_empty() {
        form.fail("entreprise", "required");
    } else if f.company.chars().count() > 200 {
        form.fail("entreprise", "too_long");
    }
    let email = Email::parse(&f.email).ok();
    if email.is_none() {
        form.fail("email", "email_invalid");
    }
    let phone = optional(&mut form, "telephone", &f.phone, |s| {
        Phone::parse(s).map_err(|_| "phone_invalid")
    });
    let siren = optional(&mut form, "siren", &f.siren, |s| {
        tremplin_domain::siren::parse_siren_or_siret(s).map_err(|e| e.code())
    });
    if f.message.chars().count() > 4000 {
        form.fail("message", "too_long");
    }
    Contact {
        form,
        email,
        phone,
        siren,
    }
}

/// An optional field parsed, its error code noted on the form (None when empty or wrong).
fn optional<T>(
    form: &mut FormState,
    field: &str,
    v: &str,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Option<T> {
    if v.trim().is_empty() {
        return None;
    }
    match parse(v) {
        Ok(x) => Some(x),
        Err(code) => {
            form.fail(field, code);
            None
        }
    }
}

/// The schemes the results page showed, as JSON (scheme, bucket, score), kept with the request.
fn shown_json(live: &crate::state::Live, profile: &Profile, today: NaiveDate) -> String {
    let shown: Vec<serde_json::Value> =
        orient(&live.catalogue.schemes, profile, today, &live.weights, false)
            .iter()
            .map(|e| serde_json::json!({"scheme_id": e.scheme_id, "bucket": e.bucket.as_str(), "score": e.score}))
            .collect();
    serde_json::Value::Array(shown).to_string()
}

pub(super) async fn callback_done(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    Ok(render(&views::OrientDone { ctx }, StatusCode::OK))
}
