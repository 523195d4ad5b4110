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
use serde::Deserialize;
use tremplin_domain::catalogue::orient;
use tremplin_domain::contact::{Email, Phone};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::catalogue as repo;

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct CallbackForm {
    #[serde(default)]
    profil: String,
    #[serde(default)]
    nom: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    telephone: String,
    #[serde(default)]
    entreprise: String,
    #[serde(default)]
    siren: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    consentement: String,
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
    axum::Form(f): axum::Form<CallbackForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = FormState::new(ctx.lang)
        .with("profil", &f.profil)
        .with("nom", f.nom.trim())
        .with("email", f.email.trim())
        .with("telephone", f.telephone.trim())
        .with("entreprise", f.entreprise.trim())
        .with("siren", f.siren.trim())
        .with("message", f.message.trim())
        .with("consentement", &f.consentement);
    if f.nom.trim().is_empty() {
        form.fail("nom", "required");
    } else if f.nom.chars().count() > 200 {
        form.fail("nom", "too_long");
    }
    if f.entreprise.trim().is_empty() {
        form.fail("entreprise", "required");
    } else if f.entreprise.chars().count() > 200 {
        form.fail("entreprise", "too_long");
    }
    let email = Email::parse(&f.email);
    if email.is_err() {
        form.fail("email", "email_invalid");
    }
    let phone = if f.telephone.trim().is_empty() {
        None
    } else {
        match Phone::parse(&f.telephone) {
            Ok(p) => Some(p),
            Err(_) => {
                form.fail("telephone", "phone_invalid");
                None
            }
        }
    };
    let siren = if f.siren.trim().is_empty() {
        None
    } else {
        match tremplin_domain::siren::parse_siren_or_siret(&f.siren) {
            Ok(s) => Some(s),
            Err(e) => {
                form.fail("siren", e.code());
                None
            }
        }
    };
    if f.message.chars().count() > 4000 {
        form.fail("message", "too_long");
    }
    // The answers come back from the hidden field: parse them like the results page does.
    let answers: Answers = serde_html_form::from_str(&f.profil).unwrap_or_default();
    let (input, parsed) = answers.profile(&state);
    let profile = parsed.map_err(|_| AppError::BadRequest("bad_request"))?;
    if form.has_errors() {
        let back = format!("/orientation/resultats?{}", answers.query());
        return Ok(render(
            &views::OrientCallback { ctx, form, back },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let shown: Vec<serde_json::Value> = orient(&live.catalogue.schemes, &profile, today, &live.weights, false)
        .iter()
        .map(|e| serde_json::json!({"scheme_id": e.scheme_id, "bucket": e.bucket.as_str(), "score": e.score}))
        .collect();
    let mut stored = input.clone();
    stored.siren = siren.as_ref().map(|s| s.as_str().to_string());
    let consent_text = ctx.t("callback-consent");
    let email = email.map_err(|_| AppError::BadRequest("bad_request"))?;
    let request_id = repo::create_request(
        state.db(),
        &repo::NewRequest {
            contact_name: f.nom.trim(),
            contact_email: email.as_str(),
            contact_phone: phone.as_ref().map(|p| p.as_str()),
            company_name: f.entreprise.trim(),
            siren: siren.as_ref().map(|s| s.as_str()),
            departement: profile.departement.map(|d| d.as_str()),
            message: Some(f.message.trim()).filter(|m| !m.is_empty()),
            consent_share: f.consentement == "oui",
            consent_text: &consent_text,
            profile_json: &serde_json::to_string(&stored).unwrap_or_default(),
            results_json: &serde_json::Value::Array(shown).to_string(),
            catalogue_version: &live.catalogue.version,
            locale: ctx.lang.code(),
            received: Some(crate::mail::texts::received(
                ctx.lang,
                f.nom.trim(),
                f.entreprise.trim(),
            )),
        },
    )
    .await?;
    dispatch_request(&state, request_id, &profile, today).await?;
    Ok(Redirect::to("/orientation/rappel/merci").into_response())
}

pub(super) async fn callback_done(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    Ok(render(&views::OrientDone { ctx }, StatusCode::OK))
}
