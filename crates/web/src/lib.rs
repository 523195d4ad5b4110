//! HTTP edge of Tremplin, one folder per feature (see CONTRIBUTING.md, "Layout"). Imports go
//! down only: a feature uses `http/`, `mail/`, `state`, `jobs` and the store and domain crates;
//! another feature only through what that feature's `mod.rs` re-exports. `build_app` merges
//! every feature's pages and API, then applies the security layers once.

pub mod http;
pub mod jobs;
pub mod mail;
mod state;

pub mod admin;
pub mod auth;
pub mod catalogue;
pub mod companies;
pub mod events;
pub mod home;
pub mod monthly_review;
pub mod orientation;
pub mod reference;
pub mod referrals;
pub mod requests;
pub mod steering;
pub mod surveys;

use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

pub use state::{AppState, FollowupConfig, Live, MailConfig, Transport, WebConfig};

use crate::http::error::AppError;

/// The whole application. Feature routers are merged here, then the security layers are
/// applied once, after every route, so that no route escapes them.
pub fn build_app(state: AppState) -> Router {
    http::i18n::init();
    let routes = Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(admin::router())
        .merge(catalogue::router())
        .merge(orientation::router())
        .merge(companies::router())
        .merge(requests::router())
        .merge(referrals::router())
        .merge(surveys::router())
        .merge(steering::router())
        .merge(monthly_review::router())
        .merge(events::router())
        .merge(api())
        .merge(http::assets::router())
        .fallback(not_found);
    http::security::apply(routes, state)
}

/// The JSON API of every feature under `/api/v1`, its OpenAPI description at
/// `/api/openapi.json` and a vendored Swagger UI at `/api/docs/`.
fn api() -> Router<AppState> {
    let (router, doc) = OpenApiRouter::with_openapi(http::problem::ApiDoc::openapi())
        .merge(auth::api())
        .merge(home::api())
        .merge(reference::api())
        .merge(catalogue::api())
        .merge(orientation::api())
        .merge(companies::api())
        .merge(requests::api())
        .merge(referrals::api())
        .split_for_parts();
    router
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc))
        .route("/api/{*rest}", axum::routing::any(not_found))
}

async fn not_found() -> AppError {
    AppError::NotFound
}
