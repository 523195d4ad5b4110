//! Reference data over the API (`/api/v1/reference…`): NAF codes, countries with their zones,
//! Hauts-de-France communes, and every zone. Read from `tremplin_domain::refdata`; no store.

mod api;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}
