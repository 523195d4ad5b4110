//! The monthly review (`/pilotage/revue`): one page per month prepared from the data (the count
//! against the target, new requests per partner, overdue requests and referrals, stalled cases,
//! companies with no next step, upcoming events, catalogue changes), the decisions and action
//! items the pilot records during the meeting (open action items carry over until done), print,
//! CSV/XLSX per table and a PDF printed by headless Chromium (`/pilotage/revue/pdf`). Store
//! modules: `review`, `referrals`, `events`, `orgs`; the count comes from steering.

mod build;
mod pages;
mod pdf;
mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pilotage/revue", get(pages::page))
        .route("/pilotage/revue/pdf", get(pdf::pdf))
        .route("/pilotage/revue/points", post(pages::add_item))
        .route(
            "/pilotage/revue/points/{id}/statut",
            post(pages::set_status),
        )
}
