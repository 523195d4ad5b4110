//! One match: its page (why this partner, the other partners, the survey), moving it along its
//! lifecycle, and opening the company file of its request.

use super::views;
use crate::http::access;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, invalid};
use crate::http::render::render;
use crate::mail;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::followup::{MatchStatus, MoveError};
use tremplin_store::mail::Mail;
use tremplin_store::{StoreError, companies, orgs, routing};
use uuid::Uuid;

/// Opens the request's company file: the one linked, the one with its SIREN, or a new one
/// (provisional without a SIREN) held by the match's partner; the request is linked to it.
/// When the SIREN's file is one the partner may not open, its holders are asked for access and
/// the match page says so.
pub(super) async fn open_company_file(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let m = access::matched(&ctx, &state, id).await?;
    let opened =
        companies::open_from_request(state.db(), &ctx.actor(), m.request_id, m.organisation_id)
            .await?;
    Ok(match opened {
        companies::Opened::File(company) => Redirect::to(&format!("/entreprises/{company}")),
        companies::Opened::AccessAsked(_) => Redirect::to(&format!("/demandes/{id}?acces=demande")),
    }
    .into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct MatchQ {
    /// `demande`: opening the company file asked its holders for access.
    #[serde(default, rename = "acces")]
    access: String,
}

pub(super) async fn match_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<MatchQ>,
) -> Result<Response, AppError> {
    let m = access::matched(&ctx, &state, id).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let l = ctx.lang.code();
    let org_name = |o: Uuid| tremplin_store::orgs::name_in(&all_orgs, o, l);
    let branch_name = |b: Option<Uuid>| {
        b.and_then(|b| branches.iter().find(|x| x.branch.id == b))
            .map(|x| x.branch.name.clone())
    };
    let others = routing::need_matches(state.db(), m.need_id)
        .await?
        .into_iter()
        .map(|o| {
            (
                org_name(o.organisation_id),
                ctx.tp("match-", o.status),
                o.lead_organisation_id == Some(o.organisation_id),
            )
        })
        .collect();
    let request = tremplin_store::catalogue::get_request(state.db(), m.request_id).await?;
    let why = m
        .why
        .split(',')
        .filter(|w| !w.is_empty())
        .map(|w| ctx.tp("why-", w))
        .collect();
    let live = state.catalogue();
    let subject = live.catalogue.taxonomies.need_label(&m.subject, l);
    let survey = tremplin_store::surveys::of_match(state.db(), m.match_id).await?;
    Ok(render(
        &views::MatchPage {
            access_asked: q.access == "demande",
            survey,
            partner: org_name(m.organisation_id),
            branch: branch_name(m.branch_id),
            why,
            others,
            subject,
            request,
            m,
            ctx,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

pub(super) async fn set_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    apply_status(&ctx, &state, id, &f.status, &f.reason).await?;
    Ok(Redirect::to(&format!("/demandes/{id}")).into_response())
}

/// Checks the policy on the match's partner, then moves the match along its lifecycle
/// (pages and API alike); refusals become field errors.
pub async fn apply_status(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    status: &str,
    reason: &str,
) -> Result<(), AppError> {
    let m = access::matched(ctx, state, id).await?;
    let to = MatchStatus::parse(status).ok_or_else(|| invalid("status", "status_unknown"))?;
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    // The company hears at each step, in the language it wrote in.
    let request = tremplin_store::catalogue::get_request(state.db(), m.request_id).await?;
    let lang = mail::texts::lang_of(Some(&request.locale));
    let partner = orgs::get(state.db(), m.organisation_id)
        .await
        .map(|o| o.name(lang.code()).to_string())
        .unwrap_or_default();
    let subject = state
        .catalogue()
        .catalogue
        .taxonomies
        .need_label(&m.subject, lang.code());
    let text = |which: &str| {
        mail::texts::step(
            lang,
            which,
            &request.contact_name,
            &request.company_name,
            &partner,
            &subject,
        )
    };
    let (taken, closed) = (text("taken"), text("closed"));
    let to_addr = request.contact_email.as_str();
    let mails = if to_addr.is_empty() {
        routing::StatusMails::default()
    } else {
        routing::StatusMails {
            taken: Some(Mail {
                key: format!("match-taken:{id}"),
                kind: "taken_in_charge",
                to: to_addr,
                subject: &taken.0,
                body: &taken.1,
            }),
            closed: Some(Mail {
                key: format!("need-closed:{}", m.need_id),
                kind: "need_closed",
                to: to_addr,
                subject: &closed.0,
                body: &closed.1,
            }),
        }
    };
    match routing::set_status(state.db(), &ctx.actor(), id, to, reason, &mails).await {
        Err(StoreError::Conflict(code)) if code == MoveError::ReasonRequired.code() => {
            Err(invalid("reason", code))
        }
        other => Ok(other?),
    }
}
