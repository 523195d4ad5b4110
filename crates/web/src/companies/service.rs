//! What the company pages and the company API both do, written once: searching the shared
//! file (with what the caller may open) and creating a file (an existing SIREN returns that
//! file and makes the caller's partner one of its holders).

use tremplin_domain::company::name_key;
use tremplin_domain::policy::Action;
use tremplin_store::companies::{self, Created, Fields};
use uuid::Uuid;

use crate::http::access::file_allowed;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;

/// Most hits of one search.
pub(super) const SEARCH_LIMIT: i64 = 50;

/// One search hit.
pub(super) struct Hit {
    pub id: Uuid,
    pub name: String,
    pub siren: Option<String>,
    pub commune: Option<String>,
    /// Whether the caller may open the file.
    pub visible: bool,
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
            let held: Vec<Uuid> = holders
                .iter()
                .filter(|(c, _)| *c == h.id)
                .map(|(_, o)| *o)
                .collect();
            Hit {
                visible: file_allowed(ctx, h.sharing_consent, &held, Action::ViewCompany).is_ok(),
                id: h.id,
                name: h.name,
                siren: h.siren,
                commune: h.commune,
            }
        })
        .collect())
}

/// Creates a file; when its SIREN already has one, that file is returned and the caller's
/// partner becomes one of its holders (it works with this company now).
pub(super) async fn create(
    ctx: &Ctx,
    state: &AppState,
    fields: &Fields,
) -> Result<Created, AppError> {
    let holder = ctx.own_org();
    let created = companies::create(state.db(), &ctx.actor(), holder, fields).await?;
    if let (Created::Existing(id), Some(org)) = (&created, holder) {
        companies::add_holder(state.db(), &ctx.actor(), *id, org).await?;
    }
    Ok(created)
}
