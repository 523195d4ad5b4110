//! Accompaniments delivered to a company (linked to a scheme and a need) and the notes of its
//! timeline.

use crate::http::access::require_company;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::forms;
use crate::http::render::FormState;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::followup::AccompanimentStatus;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::accompaniments;
use tremplin_store::companies::{self};
use uuid::Uuid;

#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub struct AccompanimentForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub scheme: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub loan: String,
    #[serde(default)]
    pub guarantee: String,
    #[serde(default)]
    pub advisers: String,
    /// The company's need this service answers (optional).
    #[serde(default)]
    pub need: String,
}

pub(super) async fn add_accompaniment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<AccompanimentForm>,
) -> Result<Response, AppError> {
    record_accompaniment(&ctx, &state, id, f).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#accompagnements")).into_response())
}

/// Checks and records an accompaniment delivered by the user's partner (pages and API).
pub async fn record_accompaniment(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    f: AccompanimentForm,
) -> Result<Uuid, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(ctx, state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut form = FormState::new(ctx.lang);
    let title = form.required("title", &f.title).to_string();
    let status: Option<AccompanimentStatus> = form.choice("status", &f.status);
    let scheme = forms::text(&f.scheme).map(str::to_string);
    if let Some(s) = &scheme
        && state.catalogue().catalogue.get(s).is_none()
    {
        form.fail("scheme", "value_unknown");
    }
    let start = form.date("start", &f.start);
    let end = form.date("end", &f.end);
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        form.fail("end", "end_before_start");
    }
    let budget = form.amount("budget", &f.budget);
    let loan = form.amount("loan", &f.loan);
    let guarantee = form.amount("guarantee", &f.guarantee);
    let need = need_answered(state, id, &f.need, &mut form).await?;
    form.finish()?;
    let created = accompaniments::create(
        state.db(),
        &ctx.actor(),
        id,
        &accompaniments::NewAccompaniment {
            organisation_id: org,
            scheme_id: scheme,
            title,
            advisers: if f.advisers.trim().is_empty() {
                ctx.user_name().to_string()
            } else {
                f.advisers.trim().to_string()
            },
            status: status.unwrap_or_default(),
            start_date: start,
            end_date: end,
            budget_cents: budget,
            loan_cents: loan,
            guarantee_cents: guarantee,
            need_id: need,
            ..Default::default()
        },
    )
    .await?;
    Ok(created)
}

/// The company's need an accompaniment answers (optional), one of the company's.
async fn need_answered(
    state: &AppState,
    company: Uuid,
    need: &str,
    form: &mut FormState,
) -> Result<Option<Uuid>, AppError> {
    let Some(n) = forms::text(need) else {
        return Ok(None);
    };
    let needs = tremplin_store::routing::needs_of_company(state.db(), company).await?;
    let found = Uuid::parse_str(n)
        .ok()
        .filter(|n| needs.iter().any(|x| x.id == *n));
    if found.is_none() {
        form.fail("need", "value_unknown");
    }
    Ok(found)
}

#[derive(Deserialize)]
pub(super) struct AccStatusForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    outcome: String,
}

pub(super) async fn accompaniment_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, acc)): Path<(Uuid, Uuid)>,
    Form(f): Form<AccStatusForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let a = accompaniments::of_company(state.db(), id)
        .await?
        .into_iter()
        .find(|a| a.id == acc)
        .ok_or(AppError::NotFound)?;
    // Only the partner delivering an accompaniment changes it.
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(a.organisation_id),
    )?;
    let mut form = FormState::new(ctx.lang);
    let end = form.date("end", &f.end);
    let status: Option<AccompanimentStatus> = form.choice("status", &f.status);
    form.finish()?;
    let version = f.version.parse().unwrap_or(-1);
    let outcome = Some(f.outcome.trim()).filter(|o| !o.is_empty());
    match accompaniments::set_status(
        state.db(),
        &ctx.actor(),
        acc,
        version,
        status.unwrap_or_default(),
        end,
        outcome,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/entreprises/{id}#accompagnements")).into_response()),
        Err(tremplin_store::StoreError::Conflict("version_conflict")) => {
            Err(AppError::Conflict("company_version_conflict"))
        }
        Err(tremplin_store::StoreError::Conflict(code)) => Err(AppError::Invalid(
            [("status".to_string(), code.to_string())].into(),
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct NoteForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    visibility: String,
}

pub(super) async fn add_note(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut form = FormState::new(ctx.lang);
    form.required("note", &f.note);
    let on = form
        .date("date", &f.date)
        .unwrap_or_else(|| tremplin_domain::dates::paris_date(chrono::Utc::now()));
    form.finish()?;
    let n = accompaniments::NewInteraction {
        organisation_id: org,
        kind: &f.kind,
        occurred_on: on,
        note: f.note.trim(),
        visibility: &f.visibility,
    };
    match accompaniments::add_interaction(state.db(), &ctx.actor(), id, &n).await {
        Ok(_) => Ok(Redirect::to(&format!("/entreprises/{id}#historique")).into_response()),
        Err(tremplin_store::StoreError::Conflict(code)) => Err(AppError::Invalid(
            [("kind".to_string(), code.to_string())].into(),
        )),
        Err(e) => Err(e.into()),
    }
}
