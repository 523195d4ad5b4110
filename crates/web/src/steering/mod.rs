//! Steering. Owns the yearly targets (`/pilotage/objectifs`), the count of companies
//! accompanied against them (`/pilotage/tableau-de-bord`: progress, same date last year,
//! projection, monthly cumulative chart, response times, per partner), breakdowns with a
//! drill-down (`/pilotage/tableau-de-bord/repartition`), service quality (`/pilotage/qualite`)
//! and the public statistics (`/statistiques`, also CSV/XLSX/JSON). The counting rule is
//! `tremplin_domain::kpi`; the year figures are counted once per data version and kept in
//! memory. Store modules: `kpi`, `orgs`, `review` (matches and referrals of a period).
//!
//! Other features read the year figures through [`year_views`]; the server keeps them warm
//! with [`warm`].

mod breakdown;
mod charts;
mod dashboard;
mod figures;
mod public;
mod quality;
mod targets;
mod views;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub use figures::{YearView, warm, year_views};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/pilotage/objectifs",
            get(targets::targets_page).post(targets::save_targets),
        )
        .route("/pilotage/tableau-de-bord", get(dashboard::dashboard))
        .route(
            "/pilotage/tableau-de-bord/repartition",
            get(breakdown::breakdown),
        )
        .route("/pilotage/qualite", get(quality::quality))
        .route("/statistiques", get(public::public_stats))
}
