//! The public and workspace pages that belong to no other feature: home (`/`), about and
//! sources (`/a-propos`), the workspace (`/espace`), the partner directory (`/partenaires`, and
//! `/api/v1/organisations`), the language switch (`/langue`) and the health checks
//! (`/healthz`, `/readyz`). Store modules: `orgs`, `users` (the account's language).

mod api;
mod pages;
mod views;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/a-propos", get(pages::about))
        .route("/espace", get(pages::workspace))
        .route("/partenaires", get(pages::partners))
        .route("/langue", post(pages::switch_language))
        .route("/healthz", get(pages::healthz))
        .route("/readyz", get(pages::readyz))
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
