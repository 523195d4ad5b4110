//! A request entered by an adviser on a company file, routed like a public one.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::policy::Action;
use uuid::Uuid;

use crate::http::access;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::requests::dispatch_needs;
use crate::state::AppState;

#[derive(Deserialize)]
pub(super) struct RequestForm {
    #[serde(default)]
    subject: String,
    /// One of the company's contacts (the company's mails go to them), or empty.
    #[serde(default)]
    contact: String,
    #[serde(default)]
    message: String,
}

/// An adviser enters a request for a company: it is routed by the rules like a public one,
/// from what the file knows (territory, size, activity, registers).
pub(super) async fn add_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RequestForm>,
) -> Result<Response, AppError> {
    let c = access::company(&ctx, &state, id, Action::EditCompany).await?;
    let mut errors = crate::http::error::FieldErrors::new();
    let subject = f.subject.trim().to_string();
    if state
        .catalogue()
        .catalogue
        .taxonomies
        .need(&subject)
        .is_none()
    {
        errors.insert("subject".into(), "need_unknown".into());
    }
    if f.message.chars().count() > 2000 {
        errors.insert("message".into(), "too_long".into());
    }
    let contact = if f.contact.trim().is_empty() {
        None
    } else {
        match Uuid::parse_str(f.contact.trim()).ok() {
            Some(k) => match tremplin_store::contacts::get(state.db(), k).await {
                Ok(k) if k.company_id == id && k.anonymised_at.is_none() => Some(k),
                _ => {
                    errors.insert("contact".into(), "value_unknown".into());
                    None
                }
            },
            None => {
                errors.insert("contact".into(), "value_unknown".into());
                None
            }
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let request = tremplin_store::catalogue::create_adviser_request(
        state.db(),
        &ctx.actor(),
        &tremplin_store::catalogue::AdviserRequest {
            company: &c,
            contact_name: contact.as_ref().map(|k| k.name.as_str()).unwrap_or(""),
            contact_email: contact.as_ref().map(|k| k.email.as_str()).unwrap_or(""),
            message: Some(f.message.trim()).filter(|m| !m.is_empty()),
            locale: ctx.lang.code(),
        },
    )
    .await?;
    dispatch_needs(&state, request, &c.routing_facts(), vec![subject]).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#besoins")).into_response())
}
