//! Referrals between partners (pages). From a company file an adviser refers a need to another
//! partner with a message and a deadline (default: 5 working days, French public holidays
//! excluded); the recipient accepts (a match taken in charge) or declines with a reason; the
//! daily job escalates overdue ones to the pilot, who sees them here too.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::dates::{add_working_days, paris_date};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::referrals::{self, NeedRef, NewReferral, Referral};
use tremplin_store::{StoreError, orgs, users};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, FieldErrors};
use crate::mails::{self, ReferralText};
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orientations", get(list_page))
        .route("/orientations/{id}", get(show_page))
        .route("/orientations/{id}/accepter", post(accept))
        .route("/orientations/{id}/refuser", post(decline))
        .route("/entreprises/{id}/orientations", post(create))
}

/// What a referral form or API body carries, before parsing.
#[derive(Deserialize, Default, Debug)]
pub struct ReferralInput {
    /// The id of one of the company's needs, or "new" with `subject`.
    #[serde(default)]
    pub need: String,
    #[serde(default)]
    pub subject: String,
    /// The recipient partner's id.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub message: String,
    /// The response deadline (YYYY-MM-DD); empty for the default.
    #[serde(default)]
    pub due: String,
}

/// Parses and records a referral from `ctx`'s partner; mails the recipient's advisers.
pub async fn create_referral(
    ctx: &Ctx,
    state: &AppState,
    company: Uuid,
    input: &ReferralInput,
) -> Result<Uuid, AppError> {
    let c = tremplin_store::companies::get(state.db(), company).await?;
    if !crate::companies::can_on_company(ctx, state, &c, Action::EditCompany).await? {
        return Err(AppError::Forbidden);
    }
    let from = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let all_orgs = orgs::list(state.db()).await?;
    let to = Uuid::parse_str(input.to.trim())
        .ok()
        .filter(|t| all_orgs.iter().any(|o| o.id == *t));
    match to {
        None => {
            errors.insert("to".into(), "value_unknown".into());
        }
        Some(t) if t == from => {
            errors.insert("to".into(), "referral_same_partner".into());
        }
        _ => {}
    }
    let message = input.message.trim();
    if message.is_empty() {
        errors.insert("message".into(), "required".into());
    } else if message.chars().count() > 2000 {
        errors.insert("message".into(), "too_long".into());
    }
    let live = state.catalogue();
    let need = if input.need == "new" || input.need.is_empty() {
        let s = input.subject.trim();
        if live.catalogue.taxonomies.need(s).is_none() {
            errors.insert("subject".into(), "value_unknown".into());
        }
        NeedRef::New { subject: s }
    } else {
        match Uuid::parse_str(input.need.trim()) {
            Ok(n) => NeedRef::Existing(n),
            Err(_) => {
                errors.insert("need".into(), "value_unknown".into());
                NeedRef::New { subject: "" }
            }
        }
    };
    let today = paris_date(chrono::Utc::now());
    let due = if input.due.trim().is_empty() {
        Some(add_working_days(
            today,
            state.config().followup.referral_working_days,
        ))
    } else {
        match NaiveDate::parse_from_str(input.due.trim(), "%Y-%m-%d") {
            Ok(d) if d >= today => Some(d),
            Ok(_) => {
                errors.insert("due".into(), "date_past".into());
                None
            }
            Err(_) => {
                errors.insert("due".into(), "date_invalid".into());
                None
            }
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(to), Some(due)) = (to, due) else {
        return Err(AppError::BadRequest("bad_request"));
    };
    let id = match referrals::create(
        state.db(),
        &ctx.actor(),
        &NewReferral {
            company,
            need,
            from_org: from,
            to_org: to,
            message,
            due_on: due,
        },
    )
    .await
    {
        Ok(id) => id,
        Err(StoreError::NotFound) => {
            return Err(AppError::Invalid(
                [("need".to_string(), "value_unknown".to_string())].into(),
            ));
        }
        Err(StoreError::Conflict(code)) => {
            return Err(AppError::Invalid(
                [("to".to_string(), code.to_string())].into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    notify_recipient(state, id).await?;
    Ok(id)
}

/// Mails the recipient partner's advisers and managers about a new referral.
async fn notify_recipient(state: &AppState, id: Uuid) -> Result<(), AppError> {
    let r = referrals::get(state.db(), id).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let name = |o: Uuid, l: crate::i18n::Lang| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| l.pick(&x.name_fr, &x.name_en).to_string())
            .unwrap_or_default()
    };
    let link = format!("{}/orientations/{id}", state.config().public_url);
    for p in users::members_of(state.db(), r.to_organisation_id, &["adviser", "manager"]).await? {
        let l = mails::lang_of(p.locale.as_deref());
        let subject = state
            .catalogue()
            .catalogue
            .taxonomies
            .need(&r.subject)
            .map(|n| n.label(l.code()).to_string())
            .unwrap_or_else(|| r.subject.clone());
        let (s, b) = mails::referral(
            l,
            "referral",
            &p.display_name,
            &ReferralText {
                company: &r.company_name,
                from: &name(r.from_organisation_id, l),
                to: &name(r.to_organisation_id, l),
                subject: &subject,
                due: &r.due_on.to_string(),
                message: &r.message,
                link: &link,
            },
        );
        tremplin_store::mail::enqueue(
            state.db(),
            &tremplin_store::mail::Mail {
                key: format!("referral:{id}:{}", p.id),
                kind: "referral",
                to: &p.email,
                subject: &s,
                body: &b,
            },
        )
        .await?;
    }
    Ok(())
}

async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(company): Path<Uuid>,
    Form(f): Form<ReferralInput>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let id = create_referral(&ctx, &state, company, &f).await?;
    Ok(Redirect::to(&format!("/orientations/{id}")).into_response())
}

/// The sender's or recipient's people, or the pilot.
fn may_see(ctx: &Ctx, r: &Referral) -> Result<(), AppError> {
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(r.to_organisation_id),
    )
    .or_else(|_| {
        ctx.require(
            Action::HandleMatch,
            Resource::Organisation(r.from_organisation_id),
        )
    })
}

#[derive(Deserialize, Default)]
struct ListQ {
    #[serde(default)]
    onglet: String,
    #[serde(default)]
    format: String,
}

async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<ListQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let pilot = ctx.can(Action::ManageRouting);
    let tab = match q.onglet.as_str() {
        "envoyees" => "envoyees",
        "en-retard" if pilot => "en-retard",
        _ => "recues",
    };
    let today = paris_date(chrono::Utc::now());
    let rows = match tab {
        "envoyees" => referrals::for_orgs(state.db(), &ctx.org_ids(), false, 500).await?,
        "en-retard" => referrals::overdue(state.db(), today).await?,
        _ => referrals::for_orgs(state.db(), &ctx.org_ids(), true, 500).await?,
    };
    let items = views(&ctx, &state, rows, today).await?;
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let headers: Vec<String> = [
            "company-name",
            "filter-need",
            "referrals-from",
            "referrals-to",
            "referrals-due",
            "filter-status",
            "referrals-reason",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect();
        let table: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    i.r.company_name.clone(),
                    i.subject.clone(),
                    i.from.clone(),
                    i.to.clone(),
                    i.due.clone(),
                    ctx.tp("referral-", &i.r.status),
                    i.r.reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        return Ok(crate::export::table_response(
            profile,
            "orientations",
            &headers,
            &table,
        ));
    }
    Ok(render(
        &tpl::ReferralList {
            ctx,
            tab: tab.to_string(),
            pilot,
            items,
        },
        StatusCode::OK,
    ))
}

async fn views(
    ctx: &Ctx,
    state: &AppState,
    rows: Vec<Referral>,
    today: NaiveDate,
) -> Result<Vec<tpl::ReferralView>, AppError> {
    let all_orgs = orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    let name = |o: Uuid| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| x.name(l).to_string())
            .unwrap_or_default()
    };
    let live = state.catalogue();
    Ok(rows
        .into_iter()
        .map(|r| tpl::ReferralView {
            subject: live
                .catalogue
                .taxonomies
                .need(&r.subject)
                .map(|n| n.label(l).to_string())
                .unwrap_or_else(|| r.subject.clone()),
            from: name(r.from_organisation_id),
            to: name(r.to_organisation_id),
            overdue: r.status == "pending" && r.due_on < today,
            due: r.due_on.to_string(),
            r,
        })
        .collect())
}

async fn show_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let r = referrals::get(state.db(), id).await?;
    may_see(&ctx, &r)?;
    let recipient = ctx
        .require(
            Action::HandleMatch,
            Resource::Organisation(r.to_organisation_id),
        )
        .is_ok();
    let today = paris_date(chrono::Utc::now());
    let item = views(&ctx, &state, vec![r], today)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(render(
        &tpl::ReferralPage {
            ctx,
            item,
            recipient,
        },
        StatusCode::OK,
    ))
}

/// Accepts a referral for the recipient partner; returns the new match.
pub async fn accept_referral(ctx: &Ctx, state: &AppState, id: Uuid) -> Result<Uuid, AppError> {
    let r = referrals::get(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(r.to_organisation_id),
    )?;
    Ok(referrals::accept(state.db(), &ctx.actor(), id).await?)
}

/// Declines a referral; a reason is required.
pub async fn decline_referral(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    let r = referrals::get(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(r.to_organisation_id),
    )?;
    match referrals::decline(state.db(), &ctx.actor(), id, reason).await {
        Err(StoreError::Conflict("reason_required")) => Err(AppError::Invalid(
            [("reason".to_string(), "reason_required".to_string())].into(),
        )),
        other => Ok(other?),
    }
}

async fn accept(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let m = accept_referral(&ctx, &state, id).await?;
    Ok(Redirect::to(&format!("/demandes/{m}")).into_response())
}

#[derive(Deserialize)]
struct DeclineForm {
    #[serde(default)]
    reason: String,
}

async fn decline(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<DeclineForm>,
) -> Result<Response, AppError> {
    decline_referral(&ctx, &state, id, &f.reason).await?;
    Ok(Redirect::to(&format!("/orientations/{id}")).into_response())
}
