//! The review as a PDF: the same page, its style inlined, printed by headless Chromium.

use super::build::PageQ;
use super::build::build;
use super::build::key;
use super::build::month_of;
use super::build::view;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use tremplin_domain::policy::{Action, Resource};

/// The browser that prints PDFs: the configured one, else the first known name on the PATH.
pub(super) fn chromium(state: &AppState) -> Option<PathBuf> {
    if let Some(p) = &state.config().chromium {
        return p.is_file().then(|| p.clone());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .map(|n| dir.join(n))
        })
        .find(|p| p.is_file())
}

/// The review as a PDF: the same page, its style inlined, printed by headless Chromium. Without
/// Chromium, a 503 that says to install it or to print from the browser.
pub(super) async fn pdf(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<PageQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let month = month_of(&q.month)?;
    let Some(browser) = chromium(&state) else {
        return Err(AppError::Unavailable("pdf_unavailable"));
    };
    let review = build(&ctx, &state, month).await?;
    let page = view(ctx, review, Some(inline_css()));
    let html = askama::Template::render(&page).map_err(|e| AppError::Internal(e.into()))?;
    let Some(bytes) = print(&browser, html).await? else {
        return Err(AppError::Unavailable("pdf_failed"));
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"revue-{}.pdf\"",
        key(month)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// The page's style to inline: the app's, then the print one within `@media print`.
fn inline_css() -> String {
    ["app.css", "print.css"]
        .iter()
        .filter_map(|f| crate::http::assets::text(f))
        .enumerate()
        .map(|(i, css)| {
            if i == 0 {
                css
            } else {
                format!("@media print {{ {css} }}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page printed to PDF by headless Chromium (None when it fails, hangs or writes no PDF).
async fn print(browser: &std::path::Path, html: String) -> Result<Option<Vec<u8>>, AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.into()))?;
    let input = dir.path().join("revue.html");
    let output = dir.path().join("revue.pdf");
    tokio::fs::write(&input, html)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut cmd = tokio::process::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-pdf-header-footer",
    ])
    .arg(format!(
        "--user-data-dir={}",
        dir.path().join("profile").display()
    ))
    .arg(format!("--print-to-pdf={}", output.display()))
    .arg(format!("file://{}", input.display()))
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .kill_on_drop(true);
    let status = tokio::time::timeout(std::time::Duration::from_secs(25), cmd.status()).await;
    let bytes = match status {
        Ok(Ok(s)) if s.success() => tokio::fs::read(&output).await.ok(),
        Ok(Ok(s)) => {
            tracing::warn!(status = ?s, "chromium failed to print the review");
            None
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "chromium could not start");
            None
        }
        Err(_) => {
            tracing::warn!("chromium took over 25 s to print the review");
            None
        }
    };
    Ok(bytes.filter(|b| b.starts_with(b"%PDF")))
}
