//! Reading pages the way a person (or a screen reader) does: tables as rows of cell texts,
//! links by their text, form fields by their label, regions by their role. Assertions go
//! through these instead of searching the HTML source.

use scraper::{ElementRef, Html, Selector};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?}: {e}"))
}

/// The visible text of an element, whitespace collapsed.
pub fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of a page's table matched by `css`, as cell texts (the parsed page is dropped at
/// once: it cannot be held across an `.await`).
pub fn table(html: &str, css: &str) -> Vec<Vec<String>> {
    Page::parse(html).table(css)
}

/// The `href`s of the links in the row of a page's table containing `needle`.
pub fn row_links(html: &str, css: &str, needle: &str) -> Vec<String> {
    Page::parse(html).row_links(css, needle)
}

/// The texts of a page's elements matched by `css`.
pub fn texts(html: &str, css: &str) -> Vec<String> {
    Page::parse(html).texts(css)
}

/// The label of a page's form control named `name`.
pub fn label_of(html: &str, name: &str) -> Option<String> {
    Page::parse(html).label_of(name)
}

/// The error message tied to a page's form control named `name` (`aria-describedby`).
pub fn field_error(html: &str, name: &str) -> Option<String> {
    Page::parse(html).field_error(name)
}

/// The `action`s of a page's forms, in order.
pub fn form_actions(html: &str) -> Vec<String> {
    let page = Html::parse_document(html);
    page.select(&sel("form[action]"))
        .filter_map(|f| f.value().attr("action").map(str::to_string))
        .collect()
}

/// A parsed page (not `Send`: parse, read, drop, before the next `.await`).
pub struct Page(Html);

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(Html::parse_document(html))
    }

    /// The rows of the table matched by `css` (`#breakdown`, `table`), each row as the texts of
    /// its header and data cells; the head row included.
    pub fn table(&self, css: &str) -> Vec<Vec<String>> {
        let table = self
            .0
            .select(&sel(css))
            .next()
            .unwrap_or_else(|| panic!("no table {css:?} in the page"));
        let cells = sel("th, td");
        table
            .select(&sel("tr"))
            .map(|tr| tr.select(&cells).map(text).collect())
            .collect()
    }

    /// The `href`s of the links inside the table row containing `needle` in one of its cells.
    pub fn row_links(&self, css: &str, needle: &str) -> Vec<String> {
        let table = self.0.select(&sel(css)).next();
        let cells = sel("th, td");
        let links = sel("a[href]");
        table
            .into_iter()
            .flat_map(|t| t.select(&sel("tr")).collect::<Vec<_>>())
            .find(|tr| tr.select(&cells).any(|c| text(c).contains(needle)))
            .map(|tr| {
                tr.select(&links)
                    .filter_map(|a| a.value().attr("href").map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The texts of the elements matched by `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0.select(&sel(css)).map(text).collect()
    }

    /// The label's text of the form control named `name`.
    pub fn label_of(&self, name: &str) -> Option<String> {
        let control = self.0.select(&sel(&format!("[name=\"{name}\"]"))).next()?;
        let id = control.value().attr("id")?;
        self.0
            .select(&sel(&format!("label[for=\"{id}\"]")))
            .next()
            .map(text)
    }

    /// The text of the element a control named `name` is described by.
    pub fn field_error(&self, name: &str) -> Option<String> {
        let control = self.0.select(&sel(&format!("[name=\"{name}\"]"))).next()?;
        let id = control.value().attr("aria-describedby")?;
        self.0.select(&sel(&format!("#{id}"))).next().map(text)
    }
}
