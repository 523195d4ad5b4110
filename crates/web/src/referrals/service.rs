//! Referrals as a service, for the pages and the API alike: parse and record one (mailing the
//! recipient partner's people), accept, decline.

use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::catalogue::Taxonomies;
use tremplin_domain::dates::{add_working_days, paris_date};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::referrals::{self, NeedRef, NewReferral, Referral};
use tremplin_store::{StoreError, orgs, users};
use uuid::Uuid;

use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::i18n::Lang;
use crate::mail::texts::{self as mails, ReferralText};
use crate::state::AppState;

use super::views::ReferralView;

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
    if !crate::http::access::can_on_company(ctx, state, &c, Action::EditCompany).await? {
        return Err(AppError::Forbidden);
    }
    let from = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let all_orgs = orgs::list(state.db()).await?;
    let to = recipient(&all_orgs, input.to.trim(), from, &mut errors);
    let message = input.message.trim();
    check_message(message, &mut errors);
    let live = state.catalogue();
    let need = need_of(&live.catalogue.taxonomies, input, &mut errors);
    let today = paris_date(chrono::Utc::now());
    let default_due = add_working_days(today, state.config().followup.referral_working_days);
    let due = due_of(&input.due, today, default_due, &mut errors);
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

/// The recipient partner: one of the partners, not the sender's own.
fn recipient(
    all_orgs: &[orgs::Organisation],
    to: &str,
    from: Uuid,
    errors: &mut FieldErrors,
) -> Option<Uuid> {
    let to = Uuid::parse_str(to)
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
    to
}

/// The message is required, of at most 2,000 characters.
fn check_message(message: &str, errors: &mut FieldErrors) {
    if message.is_empty() {
        errors.insert("message".into(), "required".into());
    } else if message.chars().count() > 2000 {
        errors.insert("message".into(), "too_long".into());
    }
}

/// The need referred: one of the company's, or a new one on a known subject.
fn need_of<'a>(
    tax: &Taxonomies,
    input: &'a ReferralInput,
    errors: &mut FieldErrors,
) -> NeedRef<'a> {
    if input.need == "new" || input.need.is_empty() {
        let s = input.subject.trim();
        if tax.need(s).is_none() {
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
    }
}

/// The response deadline: the day typed (not past), else `default_due`.
fn due_of(
    s: &str,
    today: NaiveDate,
    default_due: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        return Some(default_due);
    }
    match crate::http::forms::date(s) {
        Ok(Some(d)) if d >= today => Some(d),
        Ok(_) => {
            errors.insert("due".into(), "date_past".into());
            None
        }
        Err(code) => {
            errors.insert("due".into(), code.into());
            None
        }
    }
}

/// Mails the recipient partner's advisers and managers about a new referral.
pub(super) async fn notify_recipient(state: &AppState, id: Uuid) -> Result<(), AppError> {
    let r = referrals::get(state.db(), id).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let name = |o: Uuid, l: Lang| {
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
            .need_label(&r.subject, l.code());
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

/// The referrals as the pages show them: names and the need in the reader's language.
pub async fn referral_views(
    ctx: &Ctx,
    state: &AppState,
    rows: Vec<Referral>,
    today: NaiveDate,
) -> Result<Vec<ReferralView>, AppError> {
    let all_orgs = orgs::list(state.db()).await?;
    let live = state.catalogue();
    let l = ctx.lang.code();
    Ok(rows
        .into_iter()
        .map(|r| ReferralView::of(r, &all_orgs, &live.catalogue.taxonomies, l, today))
        .collect())
}
