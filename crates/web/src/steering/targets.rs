//! Yearly targets of the Team and of each partner, set by the pilot.

use super::figures::YearQ;
use super::figures::year_of;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::render::render;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeMap;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{kpi as store, orgs};

/// Largest plausible yearly target (companies of a region).
pub(super) const MAX_TARGET: i64 = 100_000;

pub(super) async fn targets_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<YearQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageTargets, Resource::Global)?;
    let year = year_of(&q.year)?;
    let stored = store::targets(state.db(), year).await?;
    let value = |scope: &str| {
        stored
            .iter()
            .find(|(s, _)| s == scope)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let l = ctx.lang.code();
    let partners = orgs::list(state.db())
        .await?
        .into_iter()
        .filter(|o| !o.pilot)
        .map(|o| {
            (
                o.id.to_string(),
                o.name(l).to_string(),
                value(&o.id.to_string()),
            )
        })
        .collect();
    Ok(render(
        &views::Targets {
            year,
            team: value("team"),
            partners,
            ctx,
        },
        StatusCode::OK,
    ))
}

pub(super) async fn save_targets(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageTargets, Resource::Global)?;
    let year = year_of(f.get("annee").map(String::as_str).unwrap_or(""))?;
    let orgs = orgs::list(state.db()).await?;
    let mut errors = FieldErrors::new();
    let mut values = Vec::new();
    for (k, v) in &f {
        let scope = match k.strip_prefix("cible_") {
            Some("team") => "team".to_string(),
            Some(id) if orgs.iter().any(|o| o.id.to_string() == id) => id.to_string(),
            Some(_) => {
                errors.insert(k.clone(), "value_unknown".into());
                continue;
            }
            None => continue,
        };
        let v = v.trim().replace([' ', '\u{a0}', '\u{202f}'], "");
        if v.is_empty() {
            values.push((scope, None));
            continue;
        }
        match v.parse::<i64>() {
            Ok(n) if n <= 0 => {
                errors.insert(k.clone(), "target_not_positive".into());
            }
            Ok(n) if n > MAX_TARGET => {
                errors.insert(k.clone(), "value_too_large".into());
            }
            Ok(n) => values.push((scope, Some(n))),
            Err(_) => {
                errors.insert(k.clone(), "number_invalid".into());
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    store::set_targets(state.db(), &ctx.actor(), year, &values).await?;
    Ok(Redirect::to(&format!("/pilotage/tableau-de-bord?annee={year}")).into_response())
}
