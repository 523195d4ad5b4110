//! Referrals between partners. From a company file an adviser refers a need to another partner
//! with a message and a deadline (`/entreprises/{id}/orientations`; default 5 working days,
//! French public holidays excluded); the recipient accepts (a match taken in charge) or
//! declines with a reason (`/orientations/{id}…`); overdue ones are escalated to the pilot
//! (see `jobs`), who sees them here too; and `/api/v1/referrals…`. Store modules: `referrals`,
//! `companies`, `orgs`, `users`, `mail`.
//!
//! The company file shows a file's referrals as [`ReferralView`]s.

mod api;
mod pages;
mod service;
mod views;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use service::referral_views;
pub use views::ReferralView;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orientations", get(pages::list_page))
        .route("/orientations/{id}", get(pages::show_page))
        .route("/orientations/{id}/accepter", post(pages::accept))
        .route("/orientations/{id}/refuser", post(pages::decline))
        .route("/entreprises/{id}/orientations", post(pages::create))
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
