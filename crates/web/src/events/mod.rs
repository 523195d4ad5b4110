//! Events with foreign guests (`/evenements…`). Owns the event and its sessions, round tables
//! (by zone from the guests' countries), guests, registrations of companies (by the organiser,
//! from a company file, or on the public page `/evenements/{id}/inscription`) with their
//! business card, seating with each seat explained and the pitch running order, one-to-one
//! meetings (requests both ways, the schedule placed by `tremplin_matchmaking`, agendas and
//! `.ics`), the day itself (check-in, attendance, outcomes noted in the company's file,
//! re-planning after no-shows), statistics, printed documents (door sheets, booklets, badges)
//! and the scheduler's JSON formats. Store modules: `events`, `companies`, `orgs`.

mod data;
mod day;
mod documents;
mod exchange;
mod meetings;
mod registrations;
mod seating;
mod settings;
mod setup;
mod statistics;
mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements", get(setup::list_page).post(setup::create))
        .route("/evenements/{id}", get(setup::event_page))
        .route("/evenements/{id}/tables", post(setup::add_table))
        .route("/evenements/{id}/reglages", post(settings::save_settings))
        .route(
            "/evenements/{id}/tables-par-zone",
            post(setup::tables_by_zone),
        )
        .route("/evenements/{id}/invites", post(setup::add_guest))
        .route(
            "/evenements/{id}/inscriptions",
            post(registrations::register),
        )
        .route(
            "/evenements/{id}/inscriptions/{reg}/carte.vcf",
            get(registrations::vcard),
        )
        .route(
            "/evenements/{id}/inscription",
            get(registrations::public_page).post(registrations::public_register),
        )
        .route("/evenements/{id}/placement", post(seating::seat))
        .route(
            "/evenements/{id}/inscriptions/{reg}/deplacer",
            post(seating::move_seat),
        )
        .route(
            "/evenements/{id}/demandes-rdv",
            post(meetings::request_meeting),
        )
        .route(
            "/evenements/{id}/demandes-rdv/{req}/{answer}",
            post(meetings::answer_request),
        )
        .route("/evenements/{id}/planning", post(meetings::schedule))
        .route("/evenements/{id}/agenda/{who}", get(meetings::agenda))
        .route("/evenements/{id}/jour-j", get(day::day_page))
        .route("/evenements/{id}/presence", post(day::check_in))
        .route("/evenements/{id}/rdv/{meeting}/suivi", post(day::record))
        .route("/evenements/{id}/replanifier", post(day::replan))
        .route("/evenements/{id}/statistiques", get(statistics::stats))
        .route("/evenements/{id}/badges", get(documents::badges))
        .route("/evenements/{id}/portes", get(documents::door_sheets))
        .route("/evenements/{id}/livrets", get(documents::booklets))
        .route(
            "/evenements/{id}/instance.json",
            get(exchange::instance_json).post(exchange::import_instance),
        )
        .route(
            "/evenements/{id}/planning.json",
            get(exchange::schedule_json).post(exchange::import_schedule),
        )
}
