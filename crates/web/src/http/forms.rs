//! Parsing form fields into values, the same way in every feature: each helper returns the
//! value or the error code (a translation id `error-<code>`), and [`FormState`] records it
//! against its field.
//!
//! [`FormState`]: crate::http::render::FormState

use chrono::NaiveDate;

/// A date as a date input sends it (`YYYY-MM-DD`); empty is `None`.
pub fn date(s: &str) -> Result<Option<NaiveDate>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "date_invalid")
}

/// An amount in euros as a person writes it (`1 234,56 €`, `1,234.56`), as cents; empty is
/// `None`.
pub fn amount(s: &str) -> Result<Option<i64>, &'static str> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    tremplin_domain::money::Cents::parse(s)
        .map(|c| Some(c.get()))
        .map_err(|e| e.code())
}

/// The trimmed text, `None` when empty.
pub fn text(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// A query string from its pairs (`a=1&b=x+y`), each part form-urlencoded.
pub fn query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}
