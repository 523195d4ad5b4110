//! Invitation links and the first-admin setup link: choosing a password from a link.

use super::password::check_new_password;
use super::password::hash_password;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use tremplin_domain::contact::Email;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use tremplin_store::users::{self, TokenPurpose, TokenState};

pub(super) fn link_alert(ctx: &Ctx, state: TokenState) -> Option<String> {
    match state {
        TokenState::Valid => None,
        TokenState::Expired => Some(ctx.t("error-link_expired")),
        TokenState::Used => Some(ctx.t("error-link_used")),
        TokenState::Unknown => Some(ctx.t("error-link_invalid")),
    }
}

/// A link's state, `Unknown` when it was made for another purpose.
async fn link_state(
    state: &AppState,
    token: &str,
    purpose: &str,
) -> Result<(TokenState, Option<users::TokenInfo>), AppError> {
    let (st, info) = users::token_info(state.db(), token).await?;
    if info.as_ref().is_some_and(|i| i.purpose != purpose) {
        return Ok((TokenState::Unknown, info));
    }
    Ok((st, info))
}

/// The set-password page of an invitation or of the first set-up: 410 with the link's alert
/// when the link cannot be used, `status` otherwise.
fn password_page(
    ctx: Ctx,
    form: FormState,
    alert: Option<String>,
    setup: bool,
    status: StatusCode,
) -> Response {
    let title = ctx.t(if setup {
        "setup-title"
    } else {
        "invitation-title"
    });
    let status = if alert.is_some() {
        StatusCode::GONE
    } else {
        status
    };
    render(
        &views::SetPassword {
            ctx,
            title,
            form,
            valid: alert.is_none(),
            alert,
            setup,
        },
        status,
    )
}

pub(super) async fn invitation_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, _) = link_state(&state, &token, "invite").await?;
    let alert = link_alert(&ctx, st);
    let form = FormState::new(ctx.lang);
    Ok(password_page(ctx, form, alert, false, StatusCode::OK))
}

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
}

pub(super) async fn accept_invitation(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, info) = users::token_info(state.db(), &token).await?;
    let mut form = FormState::new(ctx.lang);
    let email = match info.as_ref().and_then(|i| i.user_id) {
        Some(id) => users::get(state.db(), id).await?.user.email,
        None => String::new(),
    };
    check_new_password(&mut form, &f.password, &f.confirm, &email);
    let alert = link_alert(&ctx, st);
    if alert.is_some() || form.has_errors() {
        return Ok(password_page(
            ctx,
            form,
            alert,
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let hash = hash_password(f.password).await?;
    users::accept_invitation(state.db(), &token, &hash).await?;
    Ok(Redirect::to("/connexion?message=mot-de-passe-enregistre").into_response())
}

pub(super) async fn setup_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, _) = link_state(&state, &token, "setup").await?;
    let alert = link_alert(&ctx, st);
    let form = FormState::new(ctx.lang);
    Ok(password_page(ctx, form, alert, true, StatusCode::OK))
}

pub(super) async fn accept_setup(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, _) = users::token_info(state.db(), &token).await?;
    let mut form = FormState::new(ctx.lang)
        .with("email", f.email.trim())
        .with("display_name", f.display_name.trim());
    let email = Email::parse(&f.email);
    if email.is_err() {
        form.fail("email", "email_invalid");
    }
    if f.display_name.trim().is_empty() {
        form.fail("display_name", "required");
    }
    check_new_password(&mut form, &f.password, &f.confirm, f.email.trim());
    let alert = link_alert(&ctx, st);
    if let (None, false, Ok(email)) = (&alert, form.has_errors(), &email) {
        let region = orgs::pilot(state.db())
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("partner organisations missing")))?;
        let hash = hash_password(f.password).await?;
        match users::accept_setup(
            state.db(),
            &token,
            email.as_str(),
            f.display_name.trim(),
            &hash,
            region.id,
        )
        .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to("/connexion?message=mot-de-passe-enregistre").into_response()
                );
            }
            Err(tremplin_store::StoreError::Conflict("email_taken")) => {
                form.fail("email", "email_taken")
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(password_page(
        ctx,
        form,
        alert,
        true,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// Creates a setup link when the database has no account yet (printed at first start).
pub async fn setup_link_if_empty(state: &AppState) -> anyhow::Result<Option<String>> {
    if users::count(state.db()).await? > 0 {
        return Ok(None);
    }
    let token = users::create_token(
        state.db(),
        &tremplin_store::audit::Actor::system("first-start"),
        TokenPurpose::Setup,
        None,
        Duration::hours(24),
    )
    .await?;
    Ok(Some(format!(
        "{}/installation/{token}",
        state.config().public_url.trim_end_matches('/')
    )))
}
