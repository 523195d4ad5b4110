//! The public orientation, no account needed: two short screens (`/orientation`,
//! `/orientation/etape-2`; "je ne sais pas" always allowed), a shareable results page grouped by
//! path (`/orientation/resultats`), refinements asked only when they would change an answer,
//! the call-back request (`/orientation/rappel`) dispatched to the partners, and the same
//! evaluation as JSON (`/api/v1/orientation`). Store modules: `catalogue` (requests), `orgs`.

mod answers;
mod api;
mod callback;
mod results;
mod steps;
mod views;

use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orientation", get(steps::step1).post(steps::step1_post))
        .route("/orientation/activites", get(steps::naf_fragment))
        .route("/orientation/etape-2", get(steps::step2))
        .route("/orientation/resultats", get(results::results))
        .route(
            "/orientation/rappel",
            get(callback::callback_form).post(callback::callback_post),
        )
        .route("/orientation/rappel/merci", get(callback::callback_done))
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
