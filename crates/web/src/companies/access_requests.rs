//! Access to a file the partner may not open: asking from a search hit, and the holders'
//! answers (accepted: the asking partner becomes a holder; declined: nothing changes), listed
//! on the companies page of the holders' advisers.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::followup::AccessSource;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{access, companies, orgs};
use uuid::Uuid;

use super::service;
use super::views::AccessRow;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;

/// "Ask for access" on a search hit.
pub(super) async fn ask(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    service::ask_access(&ctx, &state, id, org, AccessSource::Search).await?;
    Ok(Redirect::to("/entreprises?acces=demande").into_response())
}

/// A holder accepts or declines a request.
pub(super) async fn decide(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, answer)): Path<(Uuid, String)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let accept = match answer.as_str() {
        "accepter" => true,
        "refuser" => false,
        _ => return Err(AppError::NotFound),
    };
    let r = access::get(state.db(), id).await?;
    // Only a partner holding the file answers (a file shared with the Team is not enough).
    let holders = companies::holders(state.db(), r.company_id).await?;
    let holds = holders.iter().any(|h| {
        ctx.require(
            Action::EditCompany,
            Resource::CompanyFile {
                shared: false,
                holder: Some(*h),
            },
        )
        .is_ok()
    });
    if !holds {
        return Err(AppError::Forbidden);
    }
    access::decide(state.db(), &ctx.actor(), id, accept).await?;
    Ok(Redirect::to("/entreprises#acces").into_response())
}

/// The pending requests on files the user's partners hold.
pub(super) async fn pending(ctx: &Ctx, state: &AppState) -> Result<Vec<AccessRow>, AppError> {
    let mine = ctx.org_ids();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let all = orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    Ok(access::pending_for(state.db(), &mine)
        .await?
        .into_iter()
        .map(|r| AccessRow {
            id: r.id,
            company_id: r.company_id,
            company: r.company_name,
            partner: orgs::name_in(&all, r.organisation_id, l),
            source: ctx.tp("access-source-", r.source),
            asked: ctx.lang.datetime(r.created_at),
        })
        .collect())
}
