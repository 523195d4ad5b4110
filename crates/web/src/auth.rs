//! Login and logout, invitation links and the first-admin setup link.
//!
//! Passwords are hashed with Argon2id (password-auth) on the blocking pool. Unknown accounts are
//! checked against a dummy hash so that timing does not reveal which e-mails exist, and both
//! failures get the same message. Attempts are limited per client address (in memory) and per
//! account (in the database, so every app server sees the same count).

use std::net::{IpAddr, SocketAddr};
use std::sync::LazyLock;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Duration;
use serde::Deserialize;
use tremplin_domain::contact::Email;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::users::{self, TokenPurpose, TokenState};
use tremplin_store::{audit, now, orgs};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::security::safe_return_to;
use crate::session::USER_KEY;
use crate::tpl::{self, FormState, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/connexion", get(login_page).post(login))
        .route("/deconnexion", post(logout))
        .route(
            "/invitation/{token}",
            get(invitation_page).post(accept_invitation),
        )
        .route("/installation/{token}", get(setup_page).post(accept_setup))
}

/// Minimum password length (ANSSI recommends 12+ characters without composition rules).
pub const MIN_PASSWORD_LEN: usize = 12;

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("tremplin-dummy-password"));

async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let (h, real) = match &hash {
            Some(h) => (h.as_str(), true),
            None => (DUMMY_HASH.as_str(), false),
        };
        password_auth::verify_password(password, h).is_ok() && real
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// The client address: the socket peer, or the first `X-Forwarded-For` hop when configured to
/// trust the reverse proxy.
pub fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    if state.config().trust_proxy
        && let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return ip;
    }
    peer.map(|p| p.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}

#[derive(Deserialize)]
struct LoginQuery {
    suite: Option<String>,
    message: Option<String>,
}

async fn login_page(ctx: Ctx, Query(q): Query<LoginQuery>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = FormState::new(ctx.lang).with(
        "suite",
        &safe_return_to(q.suite.as_deref()).unwrap_or_default(),
    );
    let notice = match q.message.as_deref() {
        Some("mot-de-passe-enregistre") => Some(ctx.t("login-password-set")),
        _ => None,
    };
    Ok(render(
        &tpl::Login {
            ctx,
            form,
            alert: None,
            notice,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    suite: Option<String>,
}

async fn login(
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
    let suite = safe_return_to(f.suite.as_deref()).unwrap_or_default();
    let form = FormState::new(ctx.lang)
        .with("email", f.email.trim())
        .with("suite", &suite);
    let window = Duration::minutes(15);
    let failures = users::login_failures_since(state.db(), &account, now() - window).await?;
    if failures >= state.config().login_max_failures {
        let alert = ctx.t1("error-login_locked", "minutes", 15);
        return Ok(render(
            &tpl::Login {
                ctx,
                form,
                alert: Some(alert),
                notice: None,
            },
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let creds = users::credentials(state.db(), &account).await?;
    let (user_id, hash) = match creds {
        Some(c) if c.active => (Some(c.id), c.password_hash),
        _ => (None, None),
    };
    let ok = verify_password(f.password, hash).await?;
    let (Some(user_id), true) = (user_id, ok) else {
        users::record_login_failure(state.db(), &account, &ip.to_string()).await?;
        tracing::info!(%ip, "login refused");
        let alert = ctx.t("error-login_failed");
        return Ok(render(
            &tpl::Login {
                ctx,
                form,
                alert: Some(alert),
                notice: None,
            },
            StatusCode::UNAUTHORIZED,
        ));
    };
    let session = ctx
        .session
        .as_ref()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
    // A fresh session id at login defeats session fixation.
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    session
        .insert(USER_KEY, user_id)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tracing::info!(%user_id, "login");
    // Logins and logouts are in the audit trail (failures are counted separately, so that
    // someone guessing passwords cannot flood it).
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
    let to = if suite.is_empty() {
        "/espace".to_string()
    } else {
        suite
    };
    Ok(Redirect::to(&to).into_response())
}

async fn logout(ctx: Ctx, State(state): State<AppState>) -> Result<Redirect, AppError> {
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

/// Checks a new password and its confirmation; records field errors in `form`.
pub fn check_new_password(form: &mut FormState, password: &str, confirm: &str, email: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        form.fail("password", "password_too_short");
    } else if password.len() > 1024 {
        form.fail("password", "password_too_long");
    } else if !email.is_empty() && password.eq_ignore_ascii_case(email) {
        form.fail("password", "password_is_email");
    }
    if password != confirm {
        form.fail("confirm", "password_mismatch");
    }
}

fn link_alert(ctx: &Ctx, state: TokenState) -> Option<String> {
    match state {
        TokenState::Valid => None,
        TokenState::Expired => Some(ctx.t("error-link_expired")),
        TokenState::Used => Some(ctx.t("error-link_used")),
        TokenState::Unknown => Some(ctx.t("error-link_invalid")),
    }
}

async fn invitation_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, info) = users::token_info(state.db(), &token).await?;
    let st = if info.as_ref().is_some_and(|i| i.purpose != "invite") {
        TokenState::Unknown
    } else {
        st
    };
    let alert = link_alert(&ctx, st);
    let title = ctx.t("invitation-title");
    let form = FormState::new(ctx.lang);
    let status = if alert.is_some() {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    Ok(render(
        &tpl::SetPassword {
            ctx,
            title,
            form,
            valid: alert.is_none(),
            alert,
            setup: false,
        },
        status,
    ))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
}

async fn accept_invitation(
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
        let title = ctx.t("invitation-title");
        let status = if alert.is_some() {
            StatusCode::GONE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok(render(
            &tpl::SetPassword {
                ctx,
                title,
                form,
                valid: alert.is_none(),
                alert,
                setup: false,
            },
            status,
        ));
    }
    let hash = hash_password(f.password).await?;
    users::accept_invitation(state.db(), &token, &hash).await?;
    Ok(Redirect::to("/connexion?message=mot-de-passe-enregistre").into_response())
}

async fn setup_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let (st, info) = users::token_info(state.db(), &token).await?;
    let st = if info.as_ref().is_some_and(|i| i.purpose != "setup") {
        TokenState::Unknown
    } else {
        st
    };
    let alert = link_alert(&ctx, st);
    let title = ctx.t("setup-title");
    let form = FormState::new(ctx.lang);
    let status = if alert.is_some() {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    Ok(render(
        &tpl::SetPassword {
            ctx,
            title,
            form,
            valid: alert.is_none(),
            alert,
            setup: true,
        },
        status,
    ))
}

async fn accept_setup(
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
        let region = orgs::by_slug(state.db(), "region-hdf")
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
    let title = ctx.t("setup-title");
    let status = if alert.is_some() {
        StatusCode::GONE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        &tpl::SetPassword {
            ctx,
            title,
            form,
            valid: alert.is_none(),
            alert,
            setup: true,
        },
        status,
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
