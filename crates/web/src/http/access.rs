//! Loading what a request is about and asking the policy in one call. Each loader first asks
//! whether the caller may use that part of the workspace at all, so an anonymous caller gets the
//! same answer (401) whether or not the id exists; then it loads (404) and asks the policy about
//! the loaded thing (403). Company files are asked once per holder of the file.

use tremplin_domain::policy::{Action, Resource};
use tremplin_store::companies::{self, Company};
use tremplin_store::referrals::{self, Referral};
use tremplin_store::routing::{self, InboxRow};
use uuid::Uuid;

use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;

/// A company file the caller may `action` on.
pub async fn company(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    action: Action,
) -> Result<Company, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    require_company(ctx, state, &c, action).await?;
    Ok(c)
}

/// A match the caller's partner handles.
pub async fn matched(ctx: &Ctx, state: &AppState, id: Uuid) -> Result<InboxRow, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let m = routing::get_match(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(m.organisation_id),
    )?;
    Ok(m)
}

/// A referral the caller's partner sent or received (the pilot sees every one).
pub async fn referral(ctx: &Ctx, state: &AppState, id: Uuid) -> Result<Referral, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let r = referrals::get(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(r.to_organisation_id),
    )
    .or_else(|_| {
        ctx.require(
            Action::HandleMatch,
            Resource::Organisation(r.from_organisation_id),
        )
    })?;
    Ok(r)
}

/// A referral the caller's partner received (to accept or decline).
pub async fn received_referral(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
) -> Result<Referral, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let r = referrals::get(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(r.to_organisation_id),
    )?;
    Ok(r)
}

/// Whether the policy lets the user do `action` on a company's file (shared, or held by one
/// of the user's partners: one question per holder).
pub async fn can_on_company(
    ctx: &Ctx,
    state: &AppState,
    c: &Company,
    action: Action,
) -> Result<bool, AppError> {
    Ok(require_company(ctx, state, c, action).await.is_ok())
}

/// Asks the policy for a company's file; the refusal as an error.
pub async fn require_company(
    ctx: &Ctx,
    state: &AppState,
    c: &Company,
    action: Action,
) -> Result<(), AppError> {
    let holders = companies::holders(state.db(), c.id).await?;
    file_allowed(ctx, c.sharing_consent, &holders, action)
}

/// The policy's answer for a file, given whether it is shared and who holds it.
pub fn file_allowed(
    ctx: &Ctx,
    shared: bool,
    holders: &[Uuid],
    action: Action,
) -> Result<(), AppError> {
    let mut last = ctx.require(
        action,
        Resource::CompanyFile {
            shared,
            holder: None,
        },
    );
    for h in holders {
        last = ctx.require(
            action,
            Resource::CompanyFile {
                shared,
                holder: Some(*h),
            },
        );
        if last.is_ok() {
            return last;
        }
    }
    last
}
