//! JSON at the edge: the body extractor of every API handler, and the serde name of a value.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::http::error::AppError;

/// A JSON body parsed with serde. Whatever the content type says, the body is read as JSON; a
/// body the parser refuses is `malformed_body` (400) with the parser's message (line, column,
/// field) as `detail`, one over the body limit `payload_too_large` (413).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::Malformed(e.body_text())
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(Json)
            .map_err(|e| AppError::Malformed(e.to_string()))
    }
}

/// The serde name of a unit enum value (`OperatorRole::Funder` → `"funder"`).
pub fn json_id<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl<T: Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}
