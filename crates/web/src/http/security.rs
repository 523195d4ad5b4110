//! Layers applied once to the whole router: sessions, CSRF (Fetch-Metadata/Origin check),
//! security headers, body size limit, timeout, panic catching and error rendering.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::http::ctx::Ctx;
use crate::http::error::{AppError, ErrorInfo, info_for_status};
use crate::http::problem::problem_json;
use crate::http::render::error_page;
use crate::http::session::DbSessionStore;
use crate::state::AppState;

/// No inline script or style anywhere: htmx is a static file and its indicator styles are off.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'self'; object-src 'none'";

/// Swagger UI's page needs inline styles; it is only served under /api/docs.
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

pub const SESSION_COOKIE: &str = "tremplin_session";

/// A local path as a query value: everything but letters, digits, `-_.~` and `/` escaped.
const PATH_IN_QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

pub fn apply(routes: Router<AppState>, state: AppState) -> Router {
    let cfg = state.config().clone();
    let sessions = SessionManagerLayer::new(DbSessionStore {
        db: state.db().clone(),
    })
    .with_name(SESSION_COOKIE)
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_secure(cfg.secure_cookies())
    .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));

    let mut csrf = CsrfLayer::new().with_rejection_response(|_err| {
        let info = ErrorInfo {
            status: StatusCode::FORBIDDEN,
            code: "csrf_rejected",
            fields: Default::default(),
            retry_after_secs: None,
            valid: Default::default(),
            detail: None,
        };
        let mut res = StatusCode::FORBIDDEN.into_response();
        res.extensions_mut().insert(info);
        res
    });
    if let Ok(c) = csrf
        .clone()
        .add_trusted_origin(cfg.public_url.trim_end_matches('/'))
    {
        csrf = c;
    }

    routes
        .layer(middleware::from_fn_with_state(
            cfg.max_body_bytes,
            reject_nul,
        ))
        .layer(CsrfLayer::clone(&csrf))
        // Every extractor reads at most this; a route may raise it (the CSV upload does).
        .layer(DefaultBodyLimit::max(cfg.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(cfg.request_timeout_secs),
        ))
        .layer(CatchPanicLayer::custom(|_panic| {
            tracing::error!("a handler panicked");
            AppError::Internal(anyhow::anyhow!("panic")).into_response()
        }))
        .layer(middleware::from_fn_with_state(state.clone(), render_errors))
        .layer(sessions)
        .layer(middleware::from_fn(security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

/// Refuses NUL characters in the path, query or a form/JSON body (400): PostgreSQL cannot store
/// them in text and no legitimate input contains them, so they are stopped at the edge.
async fn reject_nul(State(max): State<usize>, req: Request, next: Next) -> Response {
    let bad = |s: &str| s.contains("%00") || s.contains('\0');
    let uri = req.uri();
    if bad(uri.path()) || uri.query().is_some_and(bad) {
        return AppError::BadRequest("bad_request").into_response();
    }
    // Every body but an upload (whatever its declared type: the JSON extractor reads any);
    // uploads are checked by the import once decoded.
    let upload = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    if upload {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, max).await else {
        return AppError::PayloadTooLarge.into_response();
    };
    let lower = bytes.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if bytes.contains(&0) || has(b"%00") || has(b"\\u0000") {
        return AppError::BadRequest("bad_request").into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

async fn security_headers(req: Request, next: Next) -> Response {
    let docs = req.uri().path().starts_with("/api/docs");
    let with_session = cookie(req.headers(), SESSION_COOKIE).is_some();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // What a logged-in person sees, and every export, stays out of shared and browser caches
    // (a response that sets its own policy, like the static files, keeps it).
    let export = h
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("attachment"));
    if (with_session || export) && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if docs { CSP_DOCS } else { CSP }),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

/// Turns error responses into a translated page, or `application/problem+json` under `/api`.
/// Responses a handler rendered itself (an HTML form shown again with its errors) pass through.
async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let headers = req.headers().clone();
    let session = req.extensions().get::<Session>().cloned();
    let res = next.run(req).await;
    let info = match res.extensions().get::<ErrorInfo>() {
        Some(i) => i.clone(),
        None => {
            let ours = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/"));
            match info_for_status(res.status()) {
                Some(i) if !ours => i,
                _ => return res,
            }
        }
    };
    let ctx = Ctx::build(&state, session, &headers, &path).await;
    let wants_json = path.starts_with("/api/")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.starts_with("application/json"));
    if info.status == StatusCode::UNAUTHORIZED && !wants_json {
        // An HTML page that needs a login: go and log in, then come back.
        let back = percent_encoding::utf8_percent_encode(&path, PATH_IN_QUERY);
        return axum::response::Redirect::to(&format!("/connexion?suite={back}")).into_response();
    }
    let mut out = if wants_json {
        problem_json(&ctx, &info)
    } else {
        error_page(ctx, &info)
    };
    if let Some(secs) = info.retry_after_secs
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        out.headers_mut().insert(header::RETRY_AFTER, v);
    }
    out
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A safe local redirect target: a path on this site, never `//host` or a URL.
pub fn safe_return_to(s: Option<&str>) -> Option<String> {
    let s = s?;
    // Parsed the way a browser will read the Location header (WHATWG URL: tabs and newlines
    // dropped, `\` read as `/`), then kept only if it stays on this origin.
    if !s.starts_with('/') || s.chars().any(char::is_control) {
        return None;
    }
    let base = url::Url::parse("http://tremplin.invalid/").ok()?;
    let to = base.join(s).ok()?;
    if to.origin() != base.origin() {
        return None;
    }
    let mut path = to.path().to_string();
    if let Some(q) = to.query() {
        path.push('?');
        path.push_str(q);
    }
    if let Some(f) = to.fragment() {
        path.push('#');
        path.push_str(f);
    }
    Some(path)
}
