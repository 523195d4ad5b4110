//! The askama structs of the catalogue pages.

use askama::Template;

use super::present::SchemeOut;
use crate::http::ctx::Ctx;
use crate::http::render::FormState;

#[derive(Template)]
#[template(path = "catalogue/list.html")]
pub struct SchemeList {
    pub ctx: Ctx,
    pub items: Vec<SchemeOut>,
    pub form: FormState,
    pub searched: bool,
    pub operators: Vec<Opt>,
    pub needs: Vec<Opt>,
    pub natures: Vec<Opt>,
    pub stages: Vec<Opt>,
    pub zones: Vec<Opt>,
    pub statuses: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "catalogue/page.html")]
pub struct SchemePage {
    pub ctx: Ctx,
    pub scheme: SchemeOut,
    pub need_labels: Vec<String>,
    pub nature_labels: Vec<String>,
    pub zone_labels: Vec<String>,
}

#[derive(Template)]
#[template(path = "catalogue/edit.html")]
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
#[template(path = "catalogue/versions.html")]
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
#[template(path = "catalogue/proofreading.html")]
pub struct ReviewQueue {
    pub ctx: Ctx,
    pub items: Vec<ReviewItem>,
}

/// One option of a filter drop-down.
pub struct Opt {
    pub id: String,
    pub label: String,
}
