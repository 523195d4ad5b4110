//! The monthly review's pages: the month, the decisions and action items recorded during the
//! meeting, exports per table.

use super::build::PageQ;
use super::build::build;
use super::build::items_table;
use super::build::key;
use super::build::month_of;
use super::build::view;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::render::render;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use tremplin_store::review::{self as store, NewItem};
use uuid::Uuid;

pub(super) async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<PageQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let month = month_of(&q.month)?;
    let review = build(&ctx, &state, month).await?;
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        let items = items_table(&ctx, &review.items);
        let table = review
            .tables
            .iter()
            .chain(std::iter::once(&items))
            .find(|t| t.id == q.table)
            .ok_or(AppError::BadRequest("table_unknown"))?;
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect();
        return Ok(crate::http::export::table_response(
            profile,
            &format!("revue-{}-{}", key(month), table.id),
            &table.headers,
            &rows,
        ));
    }
    Ok(render(&view(ctx, review, None), StatusCode::OK))
}

#[derive(Deserialize)]
pub(super) struct ItemForm {
    #[serde(rename = "mois")]
    month: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    owner_organisation: String,
    #[serde(default)]
    owner_person: String,
    #[serde(default)]
    due_on: String,
}

pub(super) async fn add_item(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<ItemForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::RecordReview, Resource::Global)?;
    let month = month_of(&f.month)?;
    let mut errors = FieldErrors::new();
    let (kind, body) = (f.kind.trim(), f.body.trim());
    check_kind_and_body(kind, body, &mut errors);
    let owner_org = owner_organisation(&state, f.owner_organisation.trim(), &mut errors).await?;
    let person = f.owner_person.trim();
    if person.chars().count() > 200 {
        errors.insert("owner_person".into(), "too_long".into());
    }
    let due = due_on(&f.due_on, &mut errors);
    if kind == "action"
        && owner_org.is_none()
        && person.is_empty()
        && !errors.contains_key("owner_organisation")
    {
        errors.insert("owner_organisation".into(), "review_owner_required".into());
    }
    if !errors.is_empty() {
        let review = build(&ctx, &state, month).await?;
        let mut page = view(ctx, review, None);
        page.errors = errors;
        return Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    store::add_item(
        state.db(),
        &ctx.actor(),
        &NewItem {
            month: key(month),
            kind: kind.to_string(),
            body: body.to_string(),
            owner_organisation_id: owner_org,
            owner_person: Some(person.to_string()).filter(|p| !p.is_empty()),
            due_on: due,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/pilotage/revue?mois={}#points", key(month))).into_response())
}

/// A point is a decision or an action, with a text of at most 2,000 characters.
fn check_kind_and_body(kind: &str, body: &str, errors: &mut FieldErrors) {
    if !["decision", "action"].contains(&kind) {
        errors.insert("kind".into(), "value_unknown".into());
    }
    if body.is_empty() {
        errors.insert("body".into(), "required".into());
    } else if body.chars().count() > 2000 {
        errors.insert("body".into(), "too_long".into());
    }
}

/// The partner owning the point (optional), which must be one of the partners.
async fn owner_organisation(
    state: &AppState,
    s: &str,
    errors: &mut FieldErrors,
) -> Result<Option<Uuid>, AppError> {
    Ok(match s {
        "" => None,
        s => match s.parse::<Uuid>() {
            Ok(id) if orgs::list(state.db()).await?.iter().any(|o| o.id == id) => Some(id),
            _ => {
                errors.insert("owner_organisation".into(), "value_unknown".into());
                None
            }
        },
    })
}

/// The point's due date (optional), between 2015 and 2100.
fn due_on(s: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    match crate::http::forms::date(s) {
        Ok(d) if d.is_none_or(|d| (2015..=2100).contains(&d.year())) => d,
        _ => {
            errors.insert("due_on".into(), "date_invalid".into());
            None
        }
    }
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    #[serde(rename = "mois")]
    month: String,
    /// `done` or `open`.
    #[serde(rename = "statut")]
    status: String,
}

pub(super) async fn set_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::RecordReview, Resource::Global)?;
    let month = month_of(&f.month)?;
    let item = store::get_item(state.db(), id).await?;
    if item.kind != "action" {
        return Err(AppError::Conflict("review_decision_has_no_status"));
    }
    let mk = key(month);
    if item.month > mk {
        return Err(AppError::Conflict("review_item_later"));
    }
    match f.status.as_str() {
        "done" => store::set_done(state.db(), &ctx.actor(), id, Some(&mk)).await?,
        "open" => store::set_done(state.db(), &ctx.actor(), id, None).await?,
        _ => {
            return Err(AppError::Invalid(
                [("statut".into(), "value_unknown".into())].into(),
            ));
        }
    }
    Ok(Redirect::to(&format!("/pilotage/revue?mois={mk}#points")).into_response())
}
