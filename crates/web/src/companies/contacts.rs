//! The people of a company, shown to the Team only with their consent; consent withdrawal,
//! anonymisation and the right of access (JSON export).

use crate::http::access::require_company;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::policy::Action;
use tremplin_store::companies::{self};
use uuid::Uuid;

/// A contact of this company the user may act on (visible to them).
pub(super) async fn contact_of(
    ctx: &Ctx,
    state: &AppState,
    company: Uuid,
    cid: Uuid,
) -> Result<tremplin_store::contacts::Contact, AppError> {
    let c = companies::get(state.db(), company).await?;
    require_company(ctx, state, &c, Action::EditCompany).await?;
    let contact = tremplin_store::contacts::get(state.db(), cid).await?;
    if contact.company_id != company
        || !(contact.consent_share || ctx.org_ids().contains(&contact.organisation_id))
    {
        return Err(AppError::NotFound);
    }
    Ok(contact)
}

#[derive(Deserialize)]
pub(super) struct ContactForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    consent_method: String,
}

pub(super) async fn add_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<ContactForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = crate::http::error::FieldErrors::new();
    if f.name.trim().is_empty() {
        errors.insert("name".into(), "required".into());
    }
    let email = if f.email.trim().is_empty() {
        String::new()
    } else {
        tremplin_domain::contact::Email::parse(&f.email)
            .map(|e| e.as_str().to_string())
            .unwrap_or_else(|_| {
                errors.insert("email".into(), "email_invalid".into());
                String::new()
            })
    };
    let phone = if f.phone.trim().is_empty() {
        String::new()
    } else {
        tremplin_domain::contact::Phone::parse(&f.phone)
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|_| {
                errors.insert("phone".into(), "phone_invalid".into());
                String::new()
            })
    };
    let consent = f.consent == "oui";
    if consent && f.consent_method.trim().is_empty() {
        errors.insert("consent_method".into(), "consent_method_required".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = tremplin_store::contacts::NewContact {
        organisation_id: org,
        name: f.name.trim().into(),
        role: f.role.trim().into(),
        email,
        phone,
        consent_share: consent,
        consent_scope: if consent {
            "team".into()
        } else {
            String::new()
        },
        consent_method: f.consent_method.trim().into(),
    };
    tremplin_store::contacts::add(state.db(), &ctx.actor(), id, &n).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

pub(super) async fn withdraw_contact_consent(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    tremplin_store::contacts::withdraw_consent(state.db(), &ctx.actor(), cid).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

pub(super) async fn anonymise_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    tremplin_store::contacts::anonymise(state.db(), &ctx.actor(), cid).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

/// Everything stored about a person, as JSON (right of access).
pub(super) async fn export_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    let json = tremplin_store::contacts::export(state.db(), cid).await?;
    let mut res = axum::Json(json).into_response();
    if let Ok(v) =
        axum::http::HeaderValue::from_str(&format!("attachment; filename=\"contact-{cid}.json\""))
    {
        res.headers_mut()
            .insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
