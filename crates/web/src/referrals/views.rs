//! The askama structs of the referral pages.

use askama::Template;
use chrono::NaiveDate;
use tremplin_domain::catalogue::Taxonomies;
use tremplin_domain::followup::ReferralStatus;
use tremplin_store::orgs::{self, Organisation};
use tremplin_store::referrals::Referral;

use crate::http::ctx::Ctx;

pub struct ReferralView {
    pub r: Referral,
    pub subject: String,
    pub from: String,
    pub to: String,
    pub due: String,
    pub overdue: bool,
}

impl ReferralView {
    /// A referral as the pages show it: the partners' names and the need in `lang`.
    pub fn of(
        r: Referral,
        all_orgs: &[Organisation],
        tax: &Taxonomies,
        lang: &str,
        today: NaiveDate,
    ) -> Self {
        ReferralView {
            subject: tax.need_label(&r.subject, lang),
            from: orgs::name_in(all_orgs, r.from_organisation_id, lang),
            to: orgs::name_in(all_orgs, r.to_organisation_id, lang),
            overdue: r.status == ReferralStatus::Pending && r.due_on < today,
            due: r.due_on.to_string(),
            r,
        }
    }
}

#[derive(Template)]
#[template(path = "referrals/list.html")]
pub struct ReferralList {
    pub ctx: Ctx,
    /// recues / envoyees / en-retard.
    pub tab: String,
    pub pilot: bool,
    pub items: Vec<ReferralView>,
}

#[derive(Template)]
#[template(path = "referrals/show.html")]
pub struct ReferralPage {
    pub ctx: Ctx,
    pub item: ReferralView,
    /// The viewer may accept or decline.
    pub recipient: bool,
}
