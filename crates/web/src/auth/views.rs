//! The askama structs of the login and password pages.

use askama::Template;

use crate::http::ctx::Ctx;
use crate::http::render::FormState;

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct Login {
    pub ctx: Ctx,
    pub form: FormState,
    pub alert: Option<String>,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
pub struct SetPassword {
    pub ctx: Ctx,
    pub title: String,
    pub form: FormState,
    pub alert: Option<String>,
    pub valid: bool,
    pub setup: bool,
}
