//! Proofreading: the pilot reads each proposed version against the published one and publishes
//! or rejects it.

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::catalogue as repo;

pub(super) async fn review_page(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ReviewSchemes, Resource::Global)?;
    let pending = repo::in_review(state.db()).await?;
    let published = repo::published(state.db()).await?;
    let items = pending
        .into_iter()
        .map(|v| {
            let current = published
                .iter()
                .find(|(id, _)| *id == v.scheme_id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            views::ReviewItem {
                diff: line_diff(&current, &v.toml),
                id: v.scheme_id,
                version: v.version,
                by: v.created_by_label,
                comment: v.comment.unwrap_or_default(),
            }
        })
        .collect();
    Ok(render(&views::ReviewQueue { ctx, items }, StatusCode::OK))
}

/// Lines removed ("- ") and added ("+ ") between the published text and the proposal.
pub fn line_diff(old: &str, new: &str) -> Vec<String> {
    let o: Vec<&str> = old.lines().collect();
    let n: Vec<&str> = new.lines().collect();
    let mut out: Vec<String> = o
        .iter()
        .filter(|l| !n.contains(l))
        .map(|l| format!("- {l}"))
        .collect();
    out.extend(
        n.iter()
            .filter(|l| !o.contains(l))
            .map(|l| format!("+ {l}")),
    );
    out
}

pub(super) async fn publish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, version)): Path<(String, i32)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ReviewSchemes, Resource::Global)?;
    repo::publish(state.db(), &ctx.actor(), &id, version).await?;
    state.reload_catalogue().await?;
    Ok(Redirect::to("/catalogue/relecture").into_response())
}

#[derive(Deserialize)]
pub(super) struct RejectForm {
    #[serde(default)]
    reason: String,
}

pub(super) async fn reject(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, version)): Path<(String, i32)>,
    axum::Form(f): axum::Form<RejectForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ReviewSchemes, Resource::Global)?;
    if f.reason.trim().is_empty() {
        return Err(AppError::Invalid(
            [("reason".to_string(), "required".to_string())].into(),
        ));
    }
    repo::reject(state.db(), &ctx.actor(), &id, version, f.reason.trim()).await?;
    Ok(Redirect::to("/catalogue/relecture").into_response())
}
