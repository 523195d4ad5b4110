//! The satisfaction survey page, reached from the tokened link in the mail (no account): two
//! questions on a 1–5 scale and a comment, answered once.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{StoreError, orgs, surveys};

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::render::render;
use crate::state::AppState;

pub(super) async fn view(
    ctx: Ctx,
    state: &AppState,
    token: &str,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    // A malformed token is simply unknown.
    if token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let s = surveys::by_token(state.db(), token).await?;
    let partner = orgs::get(state.db(), s.organisation_id)
        .await
        .map(|o| o.name(ctx.lang.code()).to_string())
        .unwrap_or_default();
    let subject = state
        .catalogue()
        .catalogue
        .taxonomies
        .need_label(&s.subject, ctx.lang.code());
    Ok(render(
        &views::SurveyPage {
            ctx,
            token: token.to_string(),
            answered: s.answered_at.is_some(),
            company: s.company_name,
            partner,
            subject,
            errors,
        },
        status,
    ))
}

pub(super) async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    view(ctx, &state, &token, FieldErrors::new(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub(super) struct AnswerForm {
    #[serde(default)]
    useful: String,
    #[serde(default)]
    recommend: String,
    #[serde(default)]
    comment: String,
}

pub(super) fn score(s: &str) -> Option<i32> {
    s.trim().parse::<i32>().ok().filter(|n| (1..=5).contains(n))
}

pub(super) async fn answer(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut errors = FieldErrors::new();
    let useful = score(&f.useful);
    let recommend = score(&f.recommend);
    if useful.is_none() {
        errors.insert("useful".into(), "choose_one".into());
    }
    if recommend.is_none() {
        errors.insert("recommend".into(), "choose_one".into());
    }
    if f.comment.chars().count() > 2000 {
        errors.insert("comment".into(), "too_long".into());
    }
    let (Some(u), Some(r), true) = (useful, recommend, errors.is_empty()) else {
        return view(
            ctx,
            &state,
            &token,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let comment = Some(f.comment.trim()).filter(|c| !c.is_empty());
    match surveys::answer(state.db(), &token, u, r, comment).await {
        Ok(()) | Err(StoreError::Conflict("survey_answered")) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(
        view(ctx, &state, &token, FieldErrors::new(), StatusCode::OK)
            .await?
            .into_response(),
    )
}
