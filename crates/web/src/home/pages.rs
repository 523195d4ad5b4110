//! Public and workspace pages: home, about/sources, workspace, partner directory, language
//! switch, health checks.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata;
use tremplin_store::{orgs, users};

use super::views;
use crate::http::ctx::{Ctx, LANG_COOKIE};
use crate::http::error::AppError;
use crate::http::i18n::Lang;
use crate::http::render::render;
use crate::http::security::safe_return_to;
use crate::state::AppState;

pub(super) async fn home(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let organisations = orgs::list(state.db()).await?;
    Ok(render(&views::Home { ctx, organisations }, StatusCode::OK))
}

pub(super) async fn about(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let r = refdata::refdata();
    Ok(render(
        &views::About {
            ctx,
            attribution: refdata::ATTRIBUTION,
            naf_count: r.naf_entries().count(),
            country_count: r.country_count(),
            commune_count: r.commune_count(),
            hs_count: r.hs_chapters().count(),
            version: env!("CARGO_PKG_VERSION"),
        },
        StatusCode::OK,
    ))
}

pub(super) async fn workspace(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    Ok(render(&views::Workspace { ctx }, StatusCode::OK))
}

pub(super) async fn partners(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewOrganisations, Resource::Global)?;
    let organisations = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let r = refdata::refdata();
    let orgs = organisations
        .into_iter()
        .map(|o| {
            let bs = branches
                .iter()
                .filter(|b| b.branch.organisation_id == o.id)
                .map(|b| {
                    let cov = b
                        .coverage
                        .iter()
                        .map(|(d, c)| {
                            let name = r
                                .departement(d)
                                .map(|x| x.name.as_str())
                                .unwrap_or(d.as_str());
                            if c.is_empty() {
                                format!("{name} ({d})")
                            } else {
                                format!("{c} ({name})")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    (b.branch.name.clone(), cov)
                })
                .collect();
            (o, bs)
        })
        .collect();
    Ok(render(&views::Partners { ctx, orgs }, StatusCode::OK))
}

#[derive(Deserialize)]
pub(super) struct LangForm {
    lang: String,
    #[serde(rename = "retour")]
    return_to: Option<String>,
}

/// Remembers the language in a cookie, and on the account when logged in.
pub(super) async fn switch_language(
    ctx: Ctx,
    State(state): State<AppState>,
    jar: CookieJar,
    Form(f): Form<LangForm>,
) -> Result<(CookieJar, Redirect), AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    // An unknown language falls back to French.
    let lang = Lang::parse(&f.lang).unwrap_or_default();
    if let Some(u) = &ctx.user {
        users::set_locale(state.db(), &ctx.actor(), u.id, lang.code()).await?;
    }
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .secure(state.config().secure_cookies())
        .max_age(time::Duration::days(365))
        .build();
    let to = safe_return_to(f.return_to.as_deref()).unwrap_or_else(|| "/".into());
    Ok((jar.add(cookie), Redirect::to(&to)))
}

/// Liveness: the process answers and the database is reachable.
pub(super) async fn healthz(State(state): State<AppState>) -> Response {
    match state.database_healthy().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({"status": "ok"}))).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "database_unreachable"})),
            )
                .into_response()
        }
    }
}

/// Readiness: like `/healthz`, and 503 while shutting down so a load balancer drains us.
pub(super) async fn readyz(State(state): State<AppState>) -> Response {
    if !state.is_ready() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "shutting_down"})),
        )
            .into_response();
    }
    healthz(State(state)).await
}
