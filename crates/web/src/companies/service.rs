//! What the company pages and the company API both do, written once: searching the shared
//! file and creating a file. A partner never sees who a file is about unless it may open it:
//! a hit it may not open says only that a file exists and which partners hold it; creating a
//! file with the SIREN of such a file asks its holders for access instead of granting it.

use tremplin_domain::company::name_key;
use tremplin_domain::followup::AccessSource;
use tremplin_domain::policy::Action;
use tremplin_store::companies::{self, Created, Fields};
use tremplin_store::{StoreError, access};
use uuid::Uuid;

use crate::http::access::{can_on_company, file_allowed};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;

/// Most hits of one search.
pub(super) const SEARCH_LIMIT: i64 = 50;

/// One search hit; name, SIREN and commune only when the caller may open the file.
pub(super) struct Hit {
    pub id: Uuid,
    pub name: Option<String>,
    pub siren: Option<String>,
    pub commune: Option<String>,
    /// Whether the caller may open the file.
    pub visible: bool,
    /// The partners holding the file (whom to ask for access).
    pub held_by: Vec<Uuid>,
}

/// Files matching name words, or the first digits (3 or more) of a SIREN when the text is only
/// digits; nothing for an empty text.
pub(super) async fn search(ctx: &Ctx, state: &AppState, text: &str) -> Result<Vec<Hit>, AppError> {
    let text = text.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let numeric =
        digits.len() >= 3 && digits.len() == text.chars().filter(|c| !c.is_whitespace()).count();
    let (key, digits) = if numeric {
        (String::new(), digits)
    } else {
        (name_key(text), String::new())
    };
    if key.is_empty() && digits.is_empty() {
        return Ok(Vec::new());
    }
    let hits = companies::search(state.db(), &key, &digits, SEARCH_LIMIT).await?;
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let holders = companies::holders_of(state.db(), &ids).await?;
    Ok(hits
        .into_iter()
        .map(|h| {
            let held = held_by(&holders, h.id);
            let visible = file_allowed(ctx, h.sharing_consent, &held, Action::ViewCompany).is_ok();
            Hit {
                id: h.id,
                name: visible.then_some(h.name),
                siren: h.siren.filter(|_| visible),
                commune: h.commune.filter(|_| visible),
                visible,
                held_by: held,
            }
        })
        .collect())
}

/// The holders of one file, from `(company, organisation)` pairs.
pub(super) fn held_by(holders: &[(Uuid, Uuid)], company: Uuid) -> Vec<Uuid> {
    holders
        .iter()
        .filter(|(c, _)| *c == company)
        .map(|(_, o)| *o)
        .collect()
}

/// What creating a file did.
pub(super) enum Creation {
    New(Uuid),
    /// The SIREN's file, which the caller may open.
    Existing(Uuid),
    /// The SIREN has a file the caller may not open: its holders were asked for access.
    AccessAsked,
}

/// Creates a file. When its SIREN already has one the caller may open, that file is returned
/// (a shared file gets the caller's partner as a holder: it works with this company now); when
/// the caller may not open it, its holders are asked for access.
pub(super) async fn create(
    ctx: &Ctx,
    state: &AppState,
    fields: &Fields,
) -> Result<Creation, AppError> {
    let holder = ctx.own_org();
    let id = match companies::create(state.db(), &ctx.actor(), holder, fields).await? {
        Created::New(id) => return Ok(Creation::New(id)),
        Created::Existing(id) => id,
    };
    let c = companies::get(state.db(), id).await?;
    if can_on_company(ctx, state, &c, Action::ViewCompany).await? {
        if let (true, Some(org)) = (c.sharing_consent, holder) {
            companies::add_holder(state.db(), &ctx.actor(), id, org).await?;
        }
        return Ok(Creation::Existing(id));
    }
    let org = holder.ok_or(AppError::Forbidden)?;
    ask_access(ctx, state, id, org, AccessSource::Create).await?;
    Ok(Creation::AccessAsked)
}

/// Asks a file's holders for access for `org`; nothing when it may already open the file.
pub(super) async fn ask_access(
    ctx: &Ctx,
    state: &AppState,
    company: Uuid,
    org: Uuid,
    source: AccessSource,
) -> Result<(), AppError> {
    match access::ask(state.db(), &ctx.actor(), company, org, source, "").await {
        Ok(()) | Err(StoreError::Conflict("access_already")) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
