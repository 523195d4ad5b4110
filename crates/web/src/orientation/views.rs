//! The askama structs of the orientation screens.

use askama::Template;

use crate::catalogue::ResultOut;
use crate::http::ctx::Ctx;
use crate::http::render::FormState;

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

/// A choice in a list: value, label, selected.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A result card with what the page adds: contacts for the département, missing inputs.
pub struct Card {
    pub r: ResultOut,
    pub contacts: Vec<String>,
    pub missing: Vec<String>,
}

pub struct Group {
    pub id: String,
    pub label: String,
    pub cards: Vec<Card>,
}
