//! Askama page structs and small helpers shared by pages (form state, rendering).

use std::collections::HashMap;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use tremplin_store::orgs::{BranchWithCoverage, Organisation};
use tremplin_store::users::UserWithMemberships;

use crate::ctx::Ctx;
use crate::error::{ErrorInfo, FieldErrors};
use crate::i18n::Lang;

/// Renders a template with a status; a rendering failure is a logged 500, never a panic.
pub fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Submitted values and field errors of a form, so a refused form is shown again as typed.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub lang: Lang,
    pub values: HashMap<String, String>,
    pub errors: FieldErrors,
}

impl FormState {
    pub fn new(lang: Lang) -> Self {
        FormState {
            lang,
            ..Default::default()
        }
    }

    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.values.insert(name.into(), value.into());
        self
    }

    pub fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn has_err(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The translated message of a field's error.
    pub fn err(&self, name: &str) -> Option<String> {
        self.errors
            .get(name)
            .map(|code| self.lang.t(&format!("error-{code}")))
    }

    pub fn fail(&mut self, name: &str, code: &str) {
        self.errors
            .entry(name.into())
            .or_insert_with(|| code.into());
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: Ctx,
    pub title: String,
    pub message: String,
    /// One line per refused field: what is wrong and how to fix it.
    pub details: Vec<String>,
}

pub fn error_page(ctx: Ctx, info: &ErrorInfo) -> Response {
    let title = ctx.t(&format!("error-{}-title", info.code));
    let title = if title.starts_with("error-") || title.is_empty() {
        ctx.t("error-generic-title")
    } else {
        title
    };
    let message = match info.retry_after_secs {
        Some(s) => ctx.t1(&format!("error-{}", info.code), "minutes", s.div_ceil(60)),
        None => ctx.t(&format!("error-{}", info.code)),
    };
    let details = info
        .fields
        .values()
        .map(|code| ctx.t(&format!("error-{code}")))
        .chain(info.detail.clone())
        .collect();
    render(
        &ErrorPage {
            ctx,
            title,
            message,
            details,
        },
        info.status,
    )
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    pub ctx: Ctx,
    pub organisations: Vec<Organisation>,
}

#[derive(Template)]
#[template(path = "about.html")]
pub struct About {
    pub ctx: Ctx,
    pub attribution: &'static str,
    pub naf_count: usize,
    pub country_count: usize,
    pub commune_count: usize,
    pub hs_count: usize,
    pub version: &'static str,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct Login {
    pub ctx: Ctx,
    pub form: FormState,
    pub alert: Option<String>,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "workspace.html")]
pub struct Workspace {
    pub ctx: Ctx,
}

#[derive(Template)]
#[template(path = "partners.html")]
pub struct Partners {
    pub ctx: Ctx,
    /// (organisation, [(branch name, coverage text)])
    pub orgs: Vec<(Organisation, Vec<(String, String)>)>,
}

#[derive(Template)]
#[template(path = "set_password.html")]
pub struct SetPassword {
    pub ctx: Ctx,
    pub title: String,
    pub form: FormState,
    pub alert: Option<String>,
    pub valid: bool,
    pub setup: bool,
}

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

#[derive(Template)]
#[template(path = "schemes/list.html")]
pub struct SchemeList {
    pub ctx: Ctx,
    pub items: Vec<crate::schemes::SchemeOut>,
    pub form: FormState,
    pub searched: bool,
    pub operators: Vec<crate::schemes::Opt>,
    pub needs: Vec<crate::schemes::Opt>,
    pub natures: Vec<crate::schemes::Opt>,
    pub stages: Vec<crate::schemes::Opt>,
    pub zones: Vec<crate::schemes::Opt>,
    pub statuses: Vec<crate::schemes::Opt>,
}

#[derive(Template)]
#[template(path = "schemes/page.html")]
pub struct SchemePage {
    pub ctx: Ctx,
    pub scheme: crate::schemes::SchemeOut,
    pub need_labels: Vec<String>,
    pub nature_labels: Vec<String>,
    pub zone_labels: Vec<String>,
}

use crate::orient_pages::{Card, Choice, Group};

#[derive(Template)]
#[template(path = "orientation/step1.html")]
pub struct OrientStep1 {
    pub ctx: Ctx,
    pub form: FormState,
    pub departements: Vec<Choice>,
    pub headcounts: Vec<Choice>,
    pub turnovers: Vec<Choice>,
    pub naf_options: Vec<Choice>,
    pub naf_label: Option<String>,
    pub searched: bool,
}

#[derive(Template)]
#[template(path = "orientation/naf_options.html")]
pub struct NafOptions {
    pub ctx: Ctx,
    pub naf_options: Vec<Choice>,
    pub searched: bool,
}

#[derive(Template)]
#[template(path = "orientation/step2.html")]
pub struct OrientStep2 {
    pub ctx: Ctx,
    pub form: FormState,
    pub experiences: Vec<Choice>,
    pub offers: Vec<Choice>,
    pub chapters: Vec<Choice>,
    pub countries: Vec<Choice>,
    pub zones: Vec<Choice>,
    pub needs: Vec<Choice>,
    pub undecided: bool,
    pub hidden: Vec<(String, String)>,
    pub back: String,
}

#[derive(Template)]
#[template(path = "orientation/results.html")]
pub struct OrientResults {
    pub ctx: Ctx,
    pub form: FormState,
    pub groups: Vec<Group>,
    pub shown: usize,
    pub refinements: Vec<String>,
    pub not_eligible_count: usize,
    pub show_not_eligible: bool,
    pub toggle_url: String,
    pub callback_url: String,
    pub change_url: String,
    pub hidden: Vec<(String, String)>,
}

impl OrientResults {
    pub fn card_class(c: &Card) -> &'static str {
        match c.r.bucket.as_str() {
            "eligible" => "card result eligible",
            "to_confirm" => "card result to-confirm",
            _ => "card result not-eligible",
        }
    }
}

#[derive(Template)]
#[template(path = "orientation/callback.html")]
pub struct OrientCallback {
    pub ctx: Ctx,
    pub form: FormState,
    pub back: String,
}

#[derive(Template)]
#[template(path = "orientation/done.html")]
pub struct OrientDone {
    pub ctx: Ctx,
}

#[derive(Template)]
#[template(path = "schemes/edit.html")]
pub struct SchemeEdit {
    pub ctx: Ctx,
    pub id: String,
    pub form: FormState,
    pub diagnostics: Vec<String>,
}

pub struct VersionView {
    pub version: i32,
    pub state: String,
    pub by: String,
    pub at: String,
    pub decided: String,
    pub comment: String,
    pub toml: String,
}

#[derive(Template)]
#[template(path = "schemes/versions.html")]
pub struct SchemeVersions {
    pub ctx: Ctx,
    pub id: String,
    pub rows: Vec<VersionView>,
}

pub struct ReviewItem {
    pub id: String,
    pub version: i32,
    pub by: String,
    pub comment: String,
    pub diff: Vec<String>,
}

#[derive(Template)]
#[template(path = "schemes/review.html")]
pub struct ReviewQueue {
    pub ctx: Ctx,
    pub items: Vec<ReviewItem>,
}

pub struct CompanyRow {
    pub id: uuid::Uuid,
    pub name: String,
    pub siren: String,
    pub commune: String,
    /// Whether the current user may open the file.
    pub visible: bool,
}

#[derive(Template)]
#[template(path = "companies/list.html")]
pub struct CompanyList {
    pub ctx: Ctx,
    pub rows: Vec<CompanyRow>,
    pub form: FormState,
    pub searched: bool,
}

#[derive(Template)]
#[template(path = "companies/form.html")]
pub struct CompanyForm {
    pub ctx: Ctx,
    pub form: FormState,
    pub bands: Vec<(String, String)>,
    pub similar: Vec<CompanyRow>,
    pub id: Option<uuid::Uuid>,
}

#[derive(Template)]
#[template(path = "companies/file.html")]
pub struct CompanyFile {
    pub ctx: Ctx,
    /// (id, "name — day") of the events to come, for their organisers.
    pub upcoming_events: Vec<(uuid::Uuid, String)>,
    pub c: tremplin_store::companies::Company,
    pub commune: String,
    pub naf_label: Option<String>,
    pub holders: Vec<String>,
    pub countries: Vec<(String, String)>,
    pub establishments: Vec<tremplin_store::companies::Establishment>,
    pub country_options: Vec<(String, String)>,
    pub notice: Option<String>,
    pub can_merge: bool,
    pub accompaniments: Vec<AccompanimentView>,
    pub timeline: Vec<TimelineItem>,
    pub schemes: Vec<(String, String)>,
    pub contacts: Vec<tremplin_store::contacts::Contact>,
    pub needs: Vec<NeedView>,
    pub referrals: Vec<ReferralView>,
    pub next_step: String,
    /// Partners one may refer to (not one's own).
    pub partners: Vec<(uuid::Uuid, String)>,
    pub need_subjects: Vec<(String, String)>,
    pub default_due: String,
    pub form: FormState,
}

pub struct NeedView {
    pub id: uuid::Uuid,
    pub subject: String,
    pub status: String,
    pub since: String,
    pub matches: Vec<NeedMatch>,
}

pub struct NeedMatch {
    pub id: uuid::Uuid,
    pub partner: String,
    pub status: String,
    pub lead: bool,
    /// Routed to the viewer's partner (who may open it).
    pub mine: bool,
}

pub struct AccompanimentView {
    pub id: uuid::Uuid,
    pub version: i32,
    pub title: String,
    pub partner: String,
    pub scheme: Option<String>,
    pub status: String,
    pub start: String,
    pub end: String,
    pub outcome: String,
    /// Delivered by the viewer's partner (who may change it).
    pub mine: bool,
}

pub struct TimelineItem {
    pub date: String,
    pub what: String,
    pub text: String,
    pub private: bool,
}

pub struct InboxItem {
    pub id: uuid::Uuid,
    pub company: String,
    pub subject: String,
    pub departement: String,
    pub status: String,
    pub age_days: i64,
}

#[derive(Template)]
#[template(path = "inbox/list.html")]
pub struct Inbox {
    pub ctx: Ctx,
    pub tab: String,
    pub counts: [(String, usize); 4],
    pub items: Vec<InboxItem>,
    pub subjects: Vec<(String, String)>,
    pub sujet: String,
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
#[template(path = "inbox/match.html")]
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
#[template(path = "routing.html")]
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

#[derive(Template)]
#[template(path = "events/list.html")]
pub struct EventList {
    pub ctx: Ctx,
    pub list: Vec<tremplin_store::events::Event>,
    pub can_manage: bool,
}

pub struct PitchRow {
    pub start: String,
    pub end: String,
    pub company: String,
    pub reason: String,
    pub summary: String,
}

pub struct TableView {
    pub id: uuid::Uuid,
    pub label: String,
    pub capacity: i32,
    pub guests: Vec<String>,
    pub pitches: Vec<PitchRow>,
}

#[derive(Template)]
#[template(path = "events/page.html")]
pub struct EventPage {
    pub ctx: Ctx,
    /// Values of the registration form, when it comes from a company's file.
    pub prefill: std::collections::BTreeMap<String, String>,
    pub guests: Vec<tremplin_store::events::Guest>,
    pub requests: Vec<(uuid::Uuid, String, String, String, String, String)>,
    /// (time, [cell per table])
    pub grid: Vec<(String, Vec<String>)>,
    pub grid_tables: Vec<i32>,
    pub e: tremplin_store::events::Event,
    pub views: Vec<TableView>,
    pub regs: Vec<tremplin_store::events::Registration>,
    pub unseated: Vec<String>,
    pub can_manage: bool,
    pub tables: Vec<tremplin_store::events::Table>,
}

impl EventPage {
    pub fn pre(&self, field: &str) -> String {
        self.prefill.get(field).cloned().unwrap_or_default()
    }

    pub fn targets(&self, r: &tremplin_store::events::Registration) -> String {
        crate::events::targets_text(self.ctx.lang, &r.targets)
    }

    pub fn hhmm(&self, minutes: &i32) -> String {
        tremplin_matchmaking::hhmm((*minutes).max(0) as u32)
    }

    /// The break slots as the organiser numbers them (1-based).
    pub fn breaks(&self) -> String {
        crate::events::stored_slots(&self.e.meeting_breaks)
            .iter()
            .map(|s| (s + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The settings are shown open until the event has tables.
    pub fn open_settings(&self) -> bool {
        self.tables.is_empty()
    }

    /// The meeting times a guest is away, as the organiser reads them.
    pub fn away(&self, g: &tremplin_store::events::Guest) -> String {
        crate::events::stored_slots(&g.unavailable)
            .iter()
            .map(|s| crate::events::slot_time(&self.e, *s as i32))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "events/schedule.html")]
pub struct ScheduleResult {
    pub ctx: Ctx,
    pub event_id: uuid::Uuid,
    pub meetings: usize,
    pub weight: u64,
    pub bound_weight: u64,
    pub optimal: bool,
    pub unplaced: Vec<String>,
    /// "value W of at most B possible"
    pub weight_text: String,
}

#[derive(Template)]
#[template(path = "events/agenda.html")]
pub struct AgendaPage {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub name: String,
    pub who: String,
    /// (time, table number, who is met)
    pub rows: Vec<(String, i32, String)>,
}

pub struct Badge {
    pub name: String,
    pub role: String,
    pub company: String,
    /// The QR code of the vCard, as SVG markup generated here (safe to include unescaped).
    pub qr_svg: String,
}

#[derive(Template)]
#[template(path = "events/badges.html")]
pub struct Badges {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub list: Vec<Badge>,
}

#[derive(Template)]
#[template(path = "events/public.html")]
pub struct EventPublic {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub countries: Vec<String>,
    pub form: FormState,
    pub done: bool,
}

pub struct ReferralView {
    pub r: tremplin_store::referrals::Referral,
    pub subject: String,
    pub from: String,
    pub to: String,
    pub due: String,
    pub overdue: bool,
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

#[derive(Template)]
#[template(path = "surveys/answer.html")]
pub struct SurveyPage {
    pub ctx: Ctx,
    pub token: String,
    pub answered: bool,
    pub company: String,
    pub partner: String,
    pub subject: String,
    pub errors: FieldErrors,
}

impl SurveyPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.get(field).map(|c| self.ctx.tp("error-", c))
    }
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
#[template(path = "routing/reminders.html")]
pub struct Reminders {
    pub ctx: Ctx,
    pub ladder: String,
    pub items: Vec<ReminderView>,
    /// All waiting requests (the list shows the oldest ones).
    pub waiting: usize,
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "import/upload.html")]
pub struct ImportUpload {
    pub ctx: Ctx,
    pub error: Option<String>,
}

pub struct ImportField {
    pub id: String,
    pub label: String,
    pub required: bool,
    /// The file's column mapped to this field.
    pub column: Option<usize>,
}

pub struct ImportLineError {
    pub line: u64,
    pub text: String,
}

#[derive(Template)]
#[template(path = "import/mapping.html")]
pub struct ImportMapping {
    pub ctx: Ctx,
    pub id: uuid::Uuid,
    pub filename: String,
    pub encoding: String,
    pub kind: String,
    pub headers: Vec<String>,
    pub fields: Vec<ImportField>,
    /// The dry run was asked for (with this mapping).
    pub checked: bool,
    pub total: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: Vec<ImportLineError>,
    pub preview: Vec<(u64, Vec<String>)>,
    pub missing: Vec<String>,
    /// The chosen mapping, carried into the confirmation form.
    pub mapping_query: Vec<(String, String)>,
}

impl ImportMapping {
    pub fn selected(&self, f: &ImportField, i: &usize) -> bool {
        f.column == Some(*i)
    }

    pub fn summary(&self) -> String {
        self.ctx.tn3(
            "import-summary",
            ("total", self.total),
            ("valid", self.valid),
            ("invalid", self.invalid),
        )
    }

    pub fn preview_header(&self, h: &str) -> String {
        self.ctx.t(&format!("import-preview-{}-{h}", self.kind))
    }
}

impl ImportDone {
    pub fn text(&self) -> String {
        self.ctx.tn3(
            "import-done",
            ("created", self.outcome.created),
            ("existing", self.outcome.existing),
            ("skipped", self.outcome.skipped),
        )
    }
}

#[derive(Template)]
#[template(path = "import/done.html")]
pub struct ImportDone {
    pub ctx: Ctx,
    pub kind: String,
    pub outcome: tremplin_store::imports::Outcome,
}

/// Escapes text for HTML built outside templates (the SVG charts).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[derive(Template)]
#[template(path = "steering/targets.html")]
pub struct Targets {
    pub ctx: Ctx,
    pub year: i32,
    pub team: String,
    /// (organisation id, name, target as typed).
    pub partners: Vec<(String, String, String)>,
    pub errors: FieldErrors,
}

pub struct PartnerCount {
    pub name: String,
    pub count: usize,
    pub target: String,
    pub share: String,
}

#[derive(Template)]
#[template(path = "steering/dashboard.html")]
pub struct Dashboard {
    pub ctx: Ctx,
    pub v: std::sync::Arc<crate::steering::YearView>,
    pub chart: String,
    pub months: Vec<(String, String, String)>,
    pub projection: String,
    pub partners: Vec<PartnerCount>,
}

impl Dashboard {
    /// When the figures were counted, Paris time.
    pub fn as_of(&self) -> String {
        self.v
            .computed_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%H:%M:%S")
            .to_string()
    }

    pub fn share(&self) -> String {
        match self.v.target {
            Some(t) => format!("{:.0} %", 100.0 * self.v.count as f64 / t as f64),
            None => String::new(),
        }
    }

    pub fn median(&self) -> String {
        self.v
            .response
            .median_hours
            .map(|h| format!("{h:.0} h"))
            .unwrap_or_else(|| "—".into())
    }

    pub fn pct(&self, s: &Option<f64>) -> String {
        s.map(|s| format!("{:.0} %", s * 100.0))
            .unwrap_or_else(|| "—".into())
    }
}

pub struct PublicYear {
    pub year: i32,
    pub count: usize,
    pub target: String,
    pub partial: bool,
    pub median: String,
    pub within_72h: String,
    pub has_data: bool,
}

#[derive(Template)]
#[template(path = "steering/public.html")]
pub struct PublicStats {
    pub ctx: Ctx,
    pub years: Vec<PublicYear>,
    /// Years with data or a target.
    pub shown: usize,
    /// The year of the breakdowns (the latest with companies counted).
    pub breakdown_year: Option<i32>,
    /// (code, label, companies)
    pub by_dep: Vec<(String, String, usize)>,
    pub by_sec: Vec<(String, String, usize)>,
}

/// A filter select of a breakdown.
pub struct FilterField {
    pub name: String,
    pub value: String,
    /// (value, label)
    pub options: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "steering/breakdown.html")]
pub struct Breakdown {
    pub ctx: Ctx,
    pub year: i32,
    pub dim: String,
    pub dims: Vec<String>,
    /// Distinct companies accompanied in the year within the filters.
    pub total: usize,
    /// Distinct companies accompanied in the year.
    pub all: usize,
    /// The filters as a query-string tail (`&name=value…`, not yet HTML-escaped).
    pub filter_qs: String,
    pub filter_fields: Vec<FilterField>,
    /// (label, count, key) per value.
    pub rows: Vec<Vec<String>>,
    /// The value drilled into, if any.
    pub drill: Option<String>,
    /// (label of the value, [(id, name, SIREN)]).
    pub companies: (String, Vec<(uuid::Uuid, String, String)>),
}

/// A table cell: text, and a link when it names something that has a page.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Cell {
            text: t.into(),
            href: None,
        }
    }
    pub fn link(t: impl Into<String>, href: String) -> Self {
        Cell {
            text: t.into(),
            href: Some(href),
        }
    }
}

/// A table of the monthly review (each exports to CSV and XLSX by its id).
#[derive(Debug, Clone)]
pub struct ReviewTable {
    pub id: String,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The full number of rows when the list shows only the first ones.
    pub total: Option<usize>,
}

impl ReviewTable {
    pub fn truncated(&self) -> bool {
        self.total.is_some_and(|t| t > self.rows.len())
    }
    pub fn total_or_len(&self) -> usize {
        self.total.unwrap_or(self.rows.len())
    }
}

pub struct ReviewItemView {
    pub item: tremplin_store::review::Item,
    /// Raised at an earlier review and carried over to this one.
    pub carried: bool,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    /// Marked done at this review.
    pub done_here: bool,
}

#[derive(Template)]
#[template(path = "steering/review.html")]
pub struct ReviewPage {
    pub ctx: Ctx,
    pub month: String,
    pub title: String,
    pub prev: String,
    pub next: String,
    pub kpis: Vec<(String, String)>,
    pub tables: Vec<ReviewTable>,
    pub items: Vec<ReviewItemView>,
    /// (id, name) of the partners an action item can be given to.
    pub partners: Vec<(String, String)>,
    pub can_record: bool,
    pub errors: FieldErrors,
    /// The style sheets, inlined for the PDF (printed from a file, with no server to ask).
    pub inline_css: Option<String>,
}

impl ReviewPage {
    pub fn truncated_text(&self, t: &ReviewTable) -> String {
        self.ctx.t2(
            "review-truncated",
            ("shown", t.rows.len()),
            ("total", t.total_or_len()),
        )
    }

    pub fn err(&self, field: &str) -> Option<String> {
        self.errors.get(field).map(|c| self.ctx.tp("error-", c))
    }
}

#[derive(Template)]
#[template(path = "steering/quality.html")]
pub struct Quality {
    pub ctx: Ctx,
    pub year: i32,
    pub by_branch: bool,
    pub headers: Vec<String>,
    /// One row per group, the Team's last.
    pub rows: Vec<Vec<String>>,
    pub chart: String,
    /// (step, count) of the Team's funnel.
    pub funnel: Vec<(String, usize)>,
}

impl Quality {
    pub fn empty(&self) -> bool {
        self.funnel.first().is_none_or(|f| f.1 == 0)
    }
}

pub struct DayMeeting {
    pub id: uuid::Uuid,
    pub time: String,
    pub table: i32,
    pub company: String,
    pub guest: String,
    pub attendance: String,
    pub outcome: String,
    pub note: String,
    /// The company has a file the outcome is noted in.
    pub has_file: bool,
}

#[derive(Template)]
#[template(path = "events/day.html")]
pub struct EventDay {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub regs: Vec<tremplin_store::events::Registration>,
    pub guests: Vec<tremplin_store::events::Guest>,
    pub rows: Vec<DayMeeting>,
    /// (1-based slot, time)
    pub slots: Vec<(i32, String)>,
}

/// (id, title, headers, rows)
pub type StatsTable = (String, String, Vec<String>, Vec<Vec<String>>);

#[derive(Template)]
#[template(path = "events/stats.html")]
pub struct EventStats {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub figures: Vec<(String, String)>,
    pub tables: Vec<StatsTable>,
}

pub struct DoorSheet {
    /// 1-based table number.
    pub table: i32,
    /// (time, company, guest)
    pub rows: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "events/doors.html")]
pub struct DoorSheets {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub sheets: Vec<DoorSheet>,
}

pub struct BookletPage {
    pub time: String,
    pub table: i32,
    pub company: String,
    pub activity: String,
    pub targets: String,
    pub offer: String,
    pub pitch: String,
    pub contact: String,
}

pub struct Booklet {
    pub guest: String,
    pub pages: Vec<BookletPage>,
}

#[derive(Template)]
#[template(path = "events/booklets.html")]
pub struct Booklets {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub books: Vec<Booklet>,
}
