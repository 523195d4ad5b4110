//! Login and logout, invitation links and the first-admin setup link.
//!
//! Passwords are hashed with Argon2id (password-auth) on the blocking pool. Unknown accounts are
//! checked against a dummy hash so that timing does not reveal which e-mails exist, and both
//! failures get the same message. Attempts are limited per client address (in memory) and per
//! account (in the database, so every app server sees the same count).

use super::password::verify_password;
use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::users::{self};
use tremplin_store::{audit, now};

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::limits::client_ip;
use crate::http::render::{FormState, render};
use crate::http::security::{cookie, safe_return_to};
use crate::http::session::USER_KEY;
use crate::state::AppState;

#[derive(Deserialize)]
pub(super) struct LoginQuery {
    #[serde(rename = "suite")]
    next: Option<String>,
    message: Option<String>,
}

pub(super) async fn login_page(
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = FormState::new(ctx.lang).with(
        "suite",
        &safe_return_to(q.next.as_deref()).unwrap_or_default(),
    );
    let notice = match q.message.as_deref() {
        Some("mot-de-passe-enregistre") => Some(ctx.t("login-password-set")),
        _ => None,
    };
    Ok(render(
        &views::Login {
            ctx,
            form,
            alert: None,
            notice,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(rename = "suite")]
    next: Option<String>,
}

pub(super) async fn login(
    ctx: Ctx,
    State(state): State<AppState>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let ip = client_ip(&state, &headers, connect.map(|c| c.0.0));
    if state.login_ip_limiter().check_key(&ip).is_err() {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 60,
        });
    }
    let account = f.email.trim().to_lowercase();
    let next = safe_return_to(f.next.as_deref()).unwrap_or_default();
    let form = FormState::new(ctx.lang)
        .with("email", f.email.trim())
        .with("suite", &next);
    let creds = users::credentials(state.db(), &account).await?;
    let (user_id, hash) = match creds {
        Some(c) if c.active => (Some(c.id), c.password_hash),
        _ => (None, None),
    };
    // Wrong passwords typed by anyone lock the account for a while, except on a browser its
    // owner already logged in from: nobody can lock a person out of their own device.
    let known = known_device(&state, &headers, user_id).await?;
    let window = Duration::minutes(15);
    let failures = users::login_failures_since(state.db(), &account, now() - window).await?;
    if failures >= state.config().login_max_failures && !known {
        let alert = ctx.t1("error-login_locked", "minutes", 15);
        return Ok(refused(ctx, form, alert, StatusCode::TOO_MANY_REQUESTS));
    }
    let ok = verify_password(f.password, hash).await?;
    let (Some(user_id), true) = (user_id, ok) else {
        users::record_login_failure(state.db(), &account, &ip.to_string()).await?;
        tracing::info!(%ip, "login refused");
        let alert = ctx.t("error-login_failed");
        return Ok(refused(ctx, form, alert, StatusCode::UNAUTHORIZED));
    };
    open_session(&ctx, user_id).await?;
    tracing::info!(%user_id, "login");
    record_login(&state, user_id).await?;
    let to = if next.is_empty() {
        "/espace".to_string()
    } else {
        next
    };
    let mut res = Redirect::to(&to).into_response();
    if !known {
        let token = users::remember_device(state.db(), user_id).await?;
        if let Some(v) = device_cookie(&state, &token) {
            res.headers_mut().append(axum::http::header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// Whether the request comes from a browser the account's owner logged in from.
async fn known_device(
    state: &AppState,
    headers: &HeaderMap,
    user_id: Option<uuid::Uuid>,
) -> Result<bool, AppError> {
    Ok(match (cookie(headers, DEVICE_COOKIE), user_id) {
        (Some(d), Some(u)) => users::device_owner(state.db(), &d).await? == Some(u),
        _ => false,
    })
}

/// The `Set-Cookie` value remembering this browser for a year (sent to `/connexion` only).
fn device_cookie(state: &AppState, token: &str) -> Option<axum::http::HeaderValue> {
    let secure = if state.config().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    axum::http::HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={token}; Path=/connexion; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// The cookie that marks a browser its account's owner logged in from (sent to `/connexion`
/// only).
const DEVICE_COOKIE: &str = "tremplin_device";

/// Puts the user in the session, under a fresh session id (which defeats session fixation).
async fn open_session(ctx: &Ctx, user_id: uuid::Uuid) -> Result<(), AppError> {
    let session = ctx
        .session
        .as_ref()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    session
        .insert(USER_KEY, user_id)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// Records the login in the audit trail (failures are only counted, so they cannot flood it).
async fn record_login(state: &AppState, user_id: uuid::Uuid) -> Result<(), AppError> {
    let label = users::get(state.db(), user_id)
        .await
        .map(|u| u.user.email)
        .unwrap_or_default();
    audit::record(
        state.db(),
        audit::Entry {
            actor: &audit::Actor::user(user_id, &label),
            action: "login",
            entity_type: "user",
            entity_id: user_id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn logout(ctx: Ctx, State(state): State<AppState>) -> Result<Redirect, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    if let Some(u) = &ctx.user {
        audit::record(
            state.db(),
            audit::Entry {
                actor: &ctx.actor(),
                action: "logout",
                entity_type: "user",
                entity_id: u.id.to_string(),
                before: None,
                after: None,
            },
        )
        .await?;
    }
    if let Some(s) = &ctx.session {
        s.flush().await.map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(Redirect::to("/"))
}

/// The login form again, with what was typed and why it was refused.
fn refused(ctx: Ctx, form: FormState, alert: String, status: StatusCode) -> Response {
    render(
        &views::Login {
            ctx,
            form,
            alert: Some(alert),
            notice: None,
        },
        status,
    )
}
