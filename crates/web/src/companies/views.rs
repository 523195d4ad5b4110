//! The askama structs of the company file pages and the import.

use askama::Template;
use tremplin_domain::followup::{AccompanimentStatus, MatchStatus, NeedStatus};

use crate::http::ctx::Ctx;
use crate::http::render::FormState;
use crate::referrals::ReferralView;

pub struct CompanyRow {
    pub id: uuid::Uuid,
    pub name: String,
    pub siren: String,
    pub commune: String,
    /// Whether the current user may open the file.
    pub visible: bool,
    /// The partners holding a file the user may not open.
    pub held_by: String,
}

/// A pending request for access to a file the user's partner holds.
pub struct AccessRow {
    pub id: uuid::Uuid,
    pub company_id: uuid::Uuid,
    pub company: String,
    pub partner: String,
    pub source: String,
    pub asked: String,
}

#[derive(Template)]
#[template(path = "companies/list.html")]
pub struct CompanyList {
    pub ctx: Ctx,
    pub rows: Vec<CompanyRow>,
    pub form: FormState,
    pub searched: bool,
    /// Access was just asked for.
    pub asked: bool,
    pub access: Vec<AccessRow>,
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
}

pub struct NeedView {
    pub id: uuid::Uuid,
    pub subject: String,
    pub status: NeedStatus,
    pub since: String,
    pub matches: Vec<NeedMatch>,
}

pub struct NeedMatch {
    pub id: uuid::Uuid,
    pub partner: String,
    pub status: MatchStatus,
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
    pub status: AccompanimentStatus,
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

#[derive(Template)]
#[template(path = "companies/import/upload.html")]
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
#[template(path = "companies/import/mapping.html")]
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
#[template(path = "companies/import/done.html")]
pub struct ImportDone {
    pub ctx: Ctx,
    pub outcome: tremplin_store::imports::Outcome,
}
