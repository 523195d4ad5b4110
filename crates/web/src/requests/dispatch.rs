//! Dispatching a request: each need goes to the partners the published rules select, a need no
//! rule covers to the pilot organisation (`tremplin_domain::routing::dispatch`); every need of a
//! request is recorded in one transaction.

use chrono::NaiveDate;
use tremplin_domain::catalogue::Profile;
use tremplin_domain::routing::{CompanyFacts, dispatch, subjects_of};
use tremplin_store::audit::Actor;
use tremplin_store::orgs;
use tremplin_store::routing::{self, PlannedNeed};
use uuid::Uuid;

use crate::http::error::AppError;
use crate::state::AppState;

/// Routes every need of a request from an orientation profile (its first need leads; no need
/// → "orientation").
pub async fn dispatch_request(
    state: &AppState,
    request_id: Uuid,
    p: &Profile,
    today: NaiveDate,
) -> Result<(), AppError> {
    let facts = CompanyFacts::from_profile(p, today);
    dispatch_needs(state, request_id, &facts, subjects_of(&p.needs)).await
}

/// Routes each subject of a request by the published rules (the first subject's partner leads).
pub async fn dispatch_needs(
    state: &AppState,
    request_id: Uuid,
    facts: &CompanyFacts,
    subjects: Vec<String>,
) -> Result<(), AppError> {
    let rules = routing::rules(state.db()).await?;
    let branches = routing::branches(state.db()).await?;
    let pilot = orgs::pilot(state.db()).await?.map(|o| o.id);
    let needs: Vec<PlannedNeed> = subjects
        .into_iter()
        .map(|subject| PlannedNeed {
            matches: dispatch(&rules, &branches, &subject, facts, pilot),
            subject,
        })
        .collect();
    routing::create_needs(state.db(), &Actor::system("routing"), request_id, &needs).await?;
    Ok(())
}
