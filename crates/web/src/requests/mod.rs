//! Requests routed to partners. Owns dispatching a request's needs by the published rules, the
//! partners' inbox (`/demandes`: partner, branch and "my companies" views, filters, exports),
//! one match (`/demandes/{id}`: why this partner, taking charge, closing, opening the company
//! file), the pilot's routing rules with their test mode and coverage report
//! (`/pilotage/routage…`), the reminder view (`/pilotage/relances`) and `/api/v1/matches…`.
//! Store modules: `routing`, `catalogue` (requests), `companies`, `orgs`, `surveys`,
//! `referrals`.
//!
//! Other features dispatch a request through [`dispatch_request`] and [`dispatch_needs`].

mod api;
mod dispatch;
mod inbox;
mod matches;
mod reminders;
mod rules;
mod views;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use dispatch::{dispatch_needs, dispatch_request};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/demandes", get(inbox::inbox_page))
        .route("/demandes/{id}", get(matches::match_page))
        .route("/demandes/{id}/statut", post(matches::set_status))
        .route("/demandes/{id}/fiche", post(matches::open_company_file))
        .route("/pilotage/routage", get(rules::page))
        .route("/pilotage/routage/regles", post(rules::create_rule))
        .route("/pilotage/routage/regles/{id}", post(rules::update_rule))
        .route(
            "/pilotage/routage/regles/{id}/publier",
            post(rules::publish_rule),
        )
        .route(
            "/pilotage/routage/regles/{id}/retirer",
            post(rules::withdraw_rule),
        )
        .route("/pilotage/relances", get(reminders::reminders_page))
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
