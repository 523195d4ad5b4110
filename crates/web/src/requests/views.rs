//! The askama structs of the inbox, the match page, the routing rules and the reminders.

use askama::Template;

use crate::http::ctx::Ctx;
use crate::http::render::FormState;

pub struct InboxItem {
    pub id: uuid::Uuid,
    pub company: String,
    pub subject: String,
    pub departement: String,
    pub status: tremplin_domain::followup::MatchStatus,
    pub age_days: i64,
}

#[derive(Template)]
#[template(path = "requests/inbox.html")]
pub struct Inbox {
    pub ctx: Ctx,
    pub tab: String,
    pub counts: [(String, usize); 4],
    pub items: Vec<InboxItem>,
    pub subjects: Vec<(String, String)>,
    pub subject: String,
    pub departement: String,
    /// partenaire / antenne / moi.
    pub view: String,
    pub views: Vec<String>,
    pub age: String,
    pub ages: Vec<String>,
    /// The query string of the view and filters, for tab and export links.
    pub query: String,
    pub page: i64,
    pub pages: i64,
}

impl Inbox {
    pub fn page_of(&self) -> String {
        self.ctx
            .t2("page-of", ("page", self.page), ("pages", self.pages))
    }
}

#[derive(Template)]
#[template(path = "requests/match.html")]
pub struct MatchPage {
    pub ctx: Ctx,
    pub m: tremplin_store::routing::InboxRow,
    pub request: tremplin_store::catalogue::RequestRow,
    pub partner: String,
    pub branch: Option<String>,
    pub why: Vec<String>,
    pub others: Vec<(String, String, bool)>,
    pub subject: String,
    pub survey: Option<tremplin_store::surveys::Survey>,
    /// The company's file is held by partners who were just asked for access.
    pub access_asked: bool,
}

pub struct RuleRow {
    pub id: uuid::Uuid,
    pub position: i32,
    pub subject_id: String,
    pub subject: String,
    pub organisation: uuid::Uuid,
    pub partner: String,
    pub registry_id: String,
    pub registry: String,
    pub min_headcount: String,
    pub max_headcount: String,
    pub min_age: String,
    pub max_age: String,
    pub naf_include: String,
    pub naf_exclude: String,
    pub active: bool,
}

pub struct TestMatch {
    pub partner: String,
    pub branch: String,
    pub why: String,
}

#[derive(Template)]
#[template(path = "requests/rules.html")]
pub struct RoutingPage {
    pub ctx: Ctx,
    pub rule_rows: Vec<RuleRow>,
    pub partners: Vec<(uuid::Uuid, String)>,
    pub form: FormState,
    pub subjects: Vec<(String, String)>,
    pub tested: bool,
    pub results: Vec<TestMatch>,
    pub deps: Vec<(String, String)>,
    /// (subject label, partners per département; empty = not covered)
    pub coverage: Vec<(String, Vec<String>)>,
}

pub struct ReminderView {
    pub match_id: uuid::Uuid,
    pub company: String,
    pub subject: String,
    pub partner: String,
    pub age: i64,
    /// The ladder step due, and the one already sent.
    pub step: i32,
    pub sent: i32,
}

impl Reminders {
    pub fn count_text(&self) -> String {
        self.ctx.t2(
            "reminders-count",
            ("shown", self.items.len()),
            ("n", self.waiting),
        )
    }
}

#[derive(Template)]
#[template(path = "requests/reminders.html")]
pub struct Reminders {
    pub ctx: Ctx,
    pub ladder: String,
    pub items: Vec<ReminderView>,
    /// All waiting requests (the list shows the oldest ones).
    pub waiting: usize,
    pub overdue: usize,
}
