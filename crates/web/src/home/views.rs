//! The askama structs of the public and workspace pages.

use askama::Template;
use tremplin_store::orgs::Organisation;

use crate::http::ctx::Ctx;

#[derive(Template)]
#[template(path = "home/home.html")]
pub struct Home {
    pub ctx: Ctx,
    pub organisations: Vec<Organisation>,
}

#[derive(Template)]
#[template(path = "home/about.html")]
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
#[template(path = "home/workspace.html")]
pub struct Workspace {
    pub ctx: Ctx,
}

#[derive(Template)]
#[template(path = "home/partners.html")]
pub struct Partners {
    pub ctx: Ctx,
    /// (organisation, [(branch name, coverage text)])
    pub orgs: Vec<(Organisation, Vec<(String, String)>)>,
}
