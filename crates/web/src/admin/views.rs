//! The askama structs of the administration pages.

use askama::Template;
use tremplin_store::orgs::{BranchWithCoverage, Organisation};
use tremplin_store::users::UserWithMemberships;

use crate::http::ctx::Ctx;
use crate::http::render::FormState;

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct AdminUsers {
    pub ctx: Ctx,
    pub users: Vec<UserWithMemberships>,
    pub organisations: Vec<Organisation>,
    pub branches: Vec<BranchWithCoverage>,
    pub roles: Vec<&'static str>,
    pub form: FormState,
    pub invite_link: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct AdminUser {
    pub ctx: Ctx,
    pub user: UserWithMemberships,
    pub organisations: Vec<Organisation>,
    pub branches: Vec<BranchWithCoverage>,
    pub roles: Vec<&'static str>,
    pub form: FormState,
    pub notice: Option<String>,
}

pub struct AuditView {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: String,
    pub after: String,
}

#[derive(Default)]
pub struct AuditQueryView {
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub from: String,
    pub to: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AdminAudit {
    pub ctx: Ctx,
    pub q: AuditQueryView,
    pub form: FormState,
    pub actions: Vec<String>,
    pub types: Vec<String>,
    pub rows: Vec<AuditView>,
    pub next_page: Option<String>,
}

pub struct MailView {
    pub m: tremplin_store::mail::MailRow,
    pub when: String,
    pub sent: String,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct Outbox {
    pub ctx: Ctx,
    /// The SMTP URL (password hidden) or the outbox folder.
    pub transport: String,
    pub counts: Vec<(String, i64)>,
    pub status: String,
    pub items: Vec<MailView>,
}
