//! The shared company file. Owns `/entreprises…`: the search, creating and editing a file (an
//! existing SIREN opens the existing file), the file page (needs, referrals, accompaniments,
//! timeline, contacts, next step), requests entered by an adviser, accompaniments and notes,
//! contacts and their consent, the CSV import, and `/api/v1/companies…`.
//! A partner sees who a file is about only if it may open it; otherwise it asks the holders
//! for access (`/entreprises/{id}/acces`), who answer on their companies page.
//! Store modules: `companies`, `access`, `accompaniments`, `contacts`, `imports`, `routing` (needs and
//! matches of a file), `referrals`, `catalogue` (requests of a file), `events` (upcoming ones).
//!

mod access_requests;
mod accompaniments;
mod api;
mod contacts;
mod edit;
mod file;
mod import;
mod import_lines;
mod needs;
mod search;
mod service;
mod views;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/entreprises", get(search::list_page))
        .route(
            "/entreprises/nouvelle",
            get(edit::new_page).post(edit::create),
        )
        .route("/entreprises/{id}", get(file::file_page))
        .route(
            "/entreprises/{id}/modifier",
            get(edit::edit_page).post(edit::edit),
        )
        .route("/entreprises/{id}/pays", post(edit::set_country))
        .route(
            "/entreprises/{id}/etablissements",
            post(edit::add_establishment),
        )
        .route("/entreprises/{id}/fusion", post(edit::merge))
        .route("/entreprises/{id}/acces", post(access_requests::ask))
        .route(
            "/entreprises/acces/{req}/{answer}",
            post(access_requests::decide),
        )
        .route(
            "/entreprises/{id}/accompagnements",
            post(accompaniments::add_accompaniment),
        )
        .route(
            "/entreprises/{id}/accompagnements/{acc}/statut",
            post(accompaniments::accompaniment_status),
        )
        .route("/entreprises/{id}/notes", post(accompaniments::add_note))
        .route("/entreprises/{id}/demandes", post(needs::add_request))
        .route("/entreprises/{id}/contacts", post(contacts::add_contact))
        .route(
            "/entreprises/{id}/contacts/{cid}/retrait",
            post(contacts::withdraw_contact_consent),
        )
        .route(
            "/entreprises/{id}/contacts/{cid}/anonymiser",
            post(contacts::anonymise_contact),
        )
        .route(
            "/entreprises/{id}/contacts/{cid}/export",
            get(contacts::export_contact),
        )
        .merge(
            Router::new()
                .route(
                    "/entreprises/import",
                    get(import::upload_page).post(import::upload),
                )
                .route("/entreprises/import/{id}", get(import::mapping_page))
                .route("/entreprises/import/{id}/confirmer", post(import::confirm))
                // Uploads are larger than any other body.
                .layer(DefaultBodyLimit::max(import::MAX_BODY_BYTES)),
        )
}

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
