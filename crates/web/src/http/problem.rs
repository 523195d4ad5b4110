//! The OpenAPI description and the problem+json body of every API error.

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::http::ctx::Ctx;
use crate::http::error::ErrorInfo;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        description = "API of Tremplin, the shared platform of a regional Team Export. \
            Errors are `application/problem+json` objects with a stable `code` (also the \
            translation id) and, for invalid input, `errors` per field. Authentication: the \
            session cookie of a logged-in user (same-origin requests).",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(Problem))
)]
pub struct ApiDoc;

/// An error, as `application/problem+json` (RFC 9457).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[schema(example = "urn:tremplin:error:not_found")]
    r#type: String,
    #[schema(example = "Page introuvable")]
    title: String,
    /// What went wrong and how to fix it, in the request's language.
    #[schema(example = "La page demandée n'existe pas ou a été déplacée.")]
    detail: String,
    #[schema(example = 404)]
    status: u16,
    /// Stable error code; also the translation id `error-<code>`.
    #[schema(example = "not_found")]
    code: String,
    /// Field errors: field name → {code, message}.
    errors: serde_json::Value,
}

pub fn problem_json(ctx: &Ctx, info: &ErrorInfo) -> Response {
    let key = format!("error-{}", info.code);
    let fields: serde_json::Map<String, serde_json::Value> = info
        .fields
        .iter()
        .map(|(f, code)| {
            let mut e =
                serde_json::json!({"code": code, "message": ctx.t(&format!("error-{code}"))});
            if let Some(v) = info.valid.get(f) {
                e["valid"] = serde_json::json!(v);
            }
            (f.clone(), e)
        })
        .collect();
    let title = ctx.t(&format!("{key}-title"));
    let title = if title.starts_with("error-") {
        ctx.t("error-generic-title")
    } else {
        title
    };
    let detail = match (info.retry_after_secs, &info.detail) {
        (Some(s), _) => ctx.t1(&key, "minutes", s.div_ceil(60)),
        (None, Some(d)) => format!("{} {d}", ctx.t(&key)),
        (None, None) => ctx.t(&key),
    };
    let body = serde_json::json!({
        "type": format!("urn:tremplin:error:{}", info.code),
        "title": title,
        "detail": detail,
        "status": info.status.as_u16(),
        "code": info.code,
        "errors": fields,
    });
    let mut res = Response::new(Body::from(body.to_string()));
    *res.status_mut() = info.status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    res
}
