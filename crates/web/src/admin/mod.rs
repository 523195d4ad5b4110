//! Administration: accounts (`/admin/utilisateurs…`: invite, memberships, deactivate, a new
//! link), the audit trail (`/admin/journal`) and the outbox (`/admin/courriels…`: every mail
//! with its state, retry, running the scheduled work now). Store modules: `users`, `orgs`,
//! `audit`, `mail`.

mod audit;
mod outbox;
mod users;
mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/utilisateurs",
            get(users::users_page).post(users::invite),
        )
        .route("/admin/utilisateurs/{id}", get(users::user_page))
        .route(
            "/admin/utilisateurs/{id}/adhesions",
            post(users::set_membership),
        )
        .route(
            "/admin/utilisateurs/{id}/adhesions/{org}/retirer",
            post(users::remove_membership),
        )
        .route(
            "/admin/utilisateurs/{id}/desactiver",
            post(users::deactivate),
        )
        .route(
            "/admin/utilisateurs/{id}/reactiver",
            post(users::reactivate),
        )
        .route("/admin/utilisateurs/{id}/invitation", post(users::new_link))
        .route("/admin/journal", get(audit::audit_page))
        .route("/admin/courriels", get(outbox::outbox_page))
        .route("/admin/courriels/{id}/renvoyer", post(outbox::retry))
        .route("/admin/courriels/taches", post(outbox::run_jobs))
}
