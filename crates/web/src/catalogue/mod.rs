//! The catalogue of schemes. Owns the live catalogue (shipped files embedded in the binary,
//! published versions compiled in memory with their search index), the presentation of schemes
//! and results in words (criteria, score lines, sources), the list with search and filters
//! (`/dispositifs`, `/api/v1/schemes`), one page per scheme (`/dispositifs/{id}`), editing by
//! the partners (`/dispositifs/{id}/modifier`), versions and the TOML file, and the pilot's
//! proofreading (`/catalogue/relecture…`). Store modules: `catalogue`, `orgs`.
//!
//! Other features use [`ResultOut`] and [`result_out`] (orientation results in words).

mod api;
mod edit;
mod list;
mod live;
mod present;
mod proofreading;
mod versions;
mod views;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use live::{load_live, seed_if_empty, shipped_files};
pub use present::{ResultOut, result_out};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dispositifs", get(list::list_page))
        .route("/dispositifs/{id}", get(list::scheme_page))
        .route(
            "/dispositifs/{id}/modifier",
            get(edit::edit_page).post(edit::edit_post),
        )
        .route("/dispositifs/{id}/versions", get(versions::versions_page))
        .route("/dispositifs/{id}/toml", get(versions::toml_export))
        .route("/catalogue/relecture", get(proofreading::review_page))
        .route(
            "/catalogue/relecture/{id}/{version}/publier",
            post(proofreading::publish),
        )
        .route(
            "/catalogue/relecture/{id}/{version}/refuser",
            post(proofreading::reject),
        )
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
