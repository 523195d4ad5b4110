//! The askama struct of the survey page.

use askama::Template;

use crate::http::ctx::Ctx;
use crate::http::error::FieldErrors;

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
