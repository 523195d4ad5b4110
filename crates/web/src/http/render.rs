//! Rendering pages: a template with a status (never a panic), the state of a submitted form
//! (values kept, one error per field) and the translated error page.

use std::collections::HashMap;
use std::str::FromStr;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::http::ctx::Ctx;
use chrono::NaiveDate;

use crate::http::error::{AppError, ErrorInfo, FieldErrors};
use crate::http::forms;
use crate::http::i18n::Lang;

/// Renders a template with a status; a rendering failure is a logged 500, never a panic.
pub fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Submitted values and field errors of a form, so a refused form is shown again as typed.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub lang: Lang,
    pub values: HashMap<String, String>,
    pub errors: FieldErrors,
}

impl FormState {
    pub fn new(lang: Lang) -> Self {
        FormState {
            lang,
            ..Default::default()
        }
    }

    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.values.insert(name.into(), value.into());
        self
    }

    pub fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn has_err(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The translated message of a field's error.
    pub fn err(&self, name: &str) -> Option<String> {
        self.errors
            .get(name)
            .map(|code| self.lang.t(&format!("error-{code}")))
    }

    /// Records an error against a field (the first one found for a field stays).
    pub fn fail(&mut self, name: &str, code: &str) {
        self.errors
            .entry(name.into())
            .or_insert_with(|| code.into());
    }

    /// Keeps a helper's value, or records its error code against the field.
    pub fn check<T>(&mut self, name: &str, parsed: Result<T, &str>) -> Option<T> {
        parsed.map_err(|code| self.fail(name, code)).ok()
    }

    /// The trimmed text; `required` when empty.
    pub fn required<'a>(&mut self, name: &str, s: &'a str) -> &'a str {
        let s = s.trim();
        if s.is_empty() {
            self.fail(name, "required");
        }
        s
    }

    /// An optional date ([`forms::date`]).
    pub fn date(&mut self, name: &str, s: &str) -> Option<NaiveDate> {
        self.check(name, forms::date(s)).flatten()
    }

    /// An optional amount in euros, as cents ([`forms::amount`]).
    pub fn amount(&mut self, name: &str, s: &str) -> Option<i64> {
        self.check(name, forms::amount(s)).flatten()
    }

    /// A value of a closed list; `value_unknown` otherwise.
    pub fn choice<T: FromStr>(&mut self, name: &str, s: &str) -> Option<T> {
        self.check(name, s.trim().parse().map_err(|_| "value_unknown"))
    }

    /// `Ok` when no field was refused; the field errors otherwise (422).
    pub fn finish(&self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors.clone()))
        }
    }
}

#[derive(Template)]
#[template(path = "http/error.html")]
pub struct ErrorPage {
    pub ctx: Ctx,
    pub title: String,
    pub message: String,
    /// One line per refused field: what is wrong and how to fix it.
    pub details: Vec<String>,
}

pub fn error_page(ctx: Ctx, info: &ErrorInfo) -> Response {
    let title = ctx.t(&format!("error-{}-title", info.code));
    let title = if title.starts_with("error-") || title.is_empty() {
        ctx.t("error-generic-title")
    } else {
        title
    };
    let message = match info.retry_after_secs {
        Some(s) => ctx.t1(&format!("error-{}", info.code), "minutes", s.div_ceil(60)),
        None => ctx.t(&format!("error-{}", info.code)),
    };
    let details = info
        .fields
        .values()
        .map(|code| ctx.t(&format!("error-{code}")))
        .chain(info.detail.clone())
        .collect();
    render(
        &ErrorPage {
            ctx,
            title,
            message,
            details,
        },
        info.status,
    )
}

/// Escapes text for HTML built outside templates (the SVG charts).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
