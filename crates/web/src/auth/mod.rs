//! Accounts' doors: login and logout (`/connexion`, `/deconnexion`), invitation links
//! (`/invitation/{token}`), the first-admin setup link (`/installation/{token}`), and who is
//! logged in (`/api/v1/me`). Passwords are Argon2id; attempts are limited per client address
//! and per account. Store modules: `users` (credentials, tokens, login failures), `audit`,
//! `orgs`.
//!
//! The binary uses [`hash_password`], [`MIN_PASSWORD_LEN`] and [`setup_link_if_empty`].

mod api;
mod links;
mod login;
mod password;
mod views;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use links::setup_link_if_empty;
pub use password::{MIN_PASSWORD_LEN, hash_password};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/connexion", get(login::login_page).post(login::login))
        .route("/deconnexion", post(login::logout))
        .route(
            "/invitation/{token}",
            get(links::invitation_page).post(links::accept_invitation),
        )
        .route(
            "/installation/{token}",
            get(links::setup_page).post(links::accept_setup),
        )
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
