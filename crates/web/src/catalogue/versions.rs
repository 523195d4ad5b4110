//! The versions of a scheme (who proposed and decided what, when) and the published version as
//! a TOML file.

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::catalogue as repo;

pub(super) async fn versions_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let versions = repo::versions(state.db(), &id).await?;
    if versions.is_empty() {
        return Err(AppError::NotFound);
    }
    let lang = ctx.lang;
    let rows = versions
        .into_iter()
        .map(|v| views::VersionView {
            version: v.version,
            state: v.state,
            by: v.created_by_label,
            at: lang.datetime(v.created_at),
            decided: v.decided_by_label.unwrap_or_default(),
            comment: v.comment.unwrap_or_default(),
            toml: v.toml,
        })
        .collect();
    Ok(render(
        &views::SchemeVersions { ctx, id, rows },
        StatusCode::OK,
    ))
}

/// The published version as a TOML file, as shipped in `catalogue/schemes/`.
pub(super) async fn toml_export(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let published = repo::published(state.db()).await?;
    let (_, text) = published
        .into_iter()
        .find(|(i, _)| *i == id)
        .ok_or(AppError::NotFound)?;
    let live = state.catalogue();
    let visible = live
        .catalogue
        .get(&id)
        .is_some_and(|s| super::list::visible(&ctx, s));
    if !visible {
        return Err(AppError::NotFound);
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.toml\""),
            ),
        ],
        text,
    )
        .into_response())
}
