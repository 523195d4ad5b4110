//! The satisfaction survey (`/enquete/{token}`), reached from the tokened link in the mail (no
//! account): two questions on a 1–5 scale and a comment, answered once. The survey mails are
//! sent by `jobs`. Store modules: `surveys`, `orgs`.

mod pages;
mod views;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/enquete/{token}", get(pages::page).post(pages::answer))
}
