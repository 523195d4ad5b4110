//! The askama structs of the monthly review.

use askama::Template;

use crate::http::ctx::Ctx;
use crate::http::error::FieldErrors;

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
#[template(path = "monthly_review/review.html")]
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
