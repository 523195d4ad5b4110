//! One error type at the HTTP edge. Handlers return [`AppError`]; its response carries an
//! [`ErrorInfo`] extension that the `render_errors` middleware turns into a translated HTML page,
//! or `application/problem+json` under `/api`. The `code` is stable: it is the API's error code
//! and the translation id `error-<code>`. Internal causes are logged, never shown.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Field errors of a form or JSON body: field name → error code.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("invalid fields")]
    Invalid(FieldErrors),
    /// Invalid fields with, for closed lists, the accepted values.
    #[error("invalid fields")]
    InvalidWithValues(Vec<tremplin_domain::catalogue::profile::FieldError>),
    /// A malformed body: `detail` says what the parser found (never internal state).
    #[error("malformed body: {0}")]
    Malformed(String),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Input well formed but refused as a whole, with the list of what is wrong (e.g. a
    /// schedule that breaks the event's constraints, each violation named).
    #[error("rejected: {0}: {1}")]
    Rejected(&'static str, String),
    /// A feature that needs something the server lacks (e.g. a PDF without a browser).
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl From<tremplin_store::StoreError> for AppError {
    fn from(e: tremplin_store::StoreError) -> Self {
        match e {
            tremplin_store::StoreError::NotFound => AppError::NotFound,
            tremplin_store::StoreError::Conflict(code) => AppError::Conflict(code),
            other => AppError::Internal(other.into()),
        }
    }
}

/// What the error renderer needs, stored in the response extensions.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub code: &'static str,
    pub fields: FieldErrors,
    pub retry_after_secs: Option<u64>,
    /// Accepted values per field, for closed lists.
    pub valid: BTreeMap<String, Vec<String>>,
    /// A precise, safe detail (e.g. the JSON parser's message).
    pub detail: Option<String>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) | AppError::InvalidWithValues(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Rejected(..) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::LoginRequired => "login_required",
            AppError::BadRequest(c)
            | AppError::Conflict(c)
            | AppError::Unavailable(c)
            | AppError::Rejected(c, _) => c,
            AppError::Invalid(_) | AppError::InvalidWithValues(_) => "invalid_fields",
            AppError::Malformed(_) => "malformed_body",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            status: self.status(),
            code: self.code(),
            fields: match self {
                AppError::Invalid(f) => f.clone(),
                AppError::InvalidWithValues(list) => list
                    .iter()
                    .map(|e| (e.field.clone(), e.code.to_string()))
                    .collect(),
                _ => FieldErrors::new(),
            },
            valid: match self {
                AppError::InvalidWithValues(list) => list
                    .iter()
                    .filter(|e| !e.valid.is_empty())
                    .map(|e| (e.field.clone(), e.valid.clone()))
                    .collect(),
                _ => BTreeMap::new(),
            },
            detail: match self {
                AppError::Malformed(d) | AppError::Rejected(_, d) => Some(d.clone()),
                _ => None,
            },
            retry_after_secs: match self {
                AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
                _ => None,
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = ?e, "internal error");
        }
        let info = self.info();
        let mut res = info.status.into_response();
        res.extensions_mut().insert(info);
        res
    }
}

/// The error for a status produced outside our handlers (body limit, timeout, method).
pub fn info_for_status(status: StatusCode) -> Option<ErrorInfo> {
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNPROCESSABLE_ENTITY => "bad_request",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::INTERNAL_SERVER_ERROR => "internal",
        _ => return None,
    };
    Some(ErrorInfo {
        status,
        code,
        fields: FieldErrors::new(),
        retry_after_secs: None,
        valid: BTreeMap::new(),
        detail: None,
    })
}

/// A refusal naming one field and its error code.
pub fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid(FieldErrors::from([(field.to_string(), code.to_string())]))
}
