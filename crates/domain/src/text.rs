//! Free text as people type it, bounded: a name or a title is at most [`SHORT`] characters, a
//! message or a summary at most [`LONG`]; and a website is an `http(s)` address, never a
//! `javascript:` or `data:` one that would end up in a business card or a QR code.

/// A name, a title, a role, an address line.
pub const SHORT: usize = 200;
/// A message, a pitch, a summary, a note.
pub const LONG: usize = 4000;
/// A web address.
pub const URL: usize = 300;

/// The trimmed text when it has at most `max` characters; `too_long` otherwise.
pub fn bounded(s: &str, max: usize) -> Result<&str, &'static str> {
    let s = s.trim();
    if s.chars().count() > max {
        Err("too_long")
    } else {
        Ok(s)
    }
}

/// A website as a person writes it (`www.example.fr`, `https://example.fr/x`): `https://` is
/// added when no scheme is given; anything but http(s), whitespace, control characters or an
/// address without a host is `url_invalid`. Empty is `None`.
pub fn website(s: &str) -> Result<Option<String>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > URL {
        return Err("too_long");
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("url_invalid");
    }
    let lower = s.to_ascii_lowercase();
    let full = if lower.starts_with("http://") || lower.starts_with("https://") {
        s.to_string()
    } else if s.contains("://") || lower.contains(':') && !lower.contains('.') {
        return Err("url_invalid");
    } else {
        format!("https://{s}")
    };
    let rest = full.split_once("://").map(|(_, r)| r).unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let name = host.split(':').next().unwrap_or_default();
    if name.is_empty() || !name.contains('.') || name.starts_with('.') || name.ends_with('.') {
        return Err("url_invalid");
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Err("url_invalid");
    }
    Ok(Some(full))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_are_http_addresses_only() {
        assert_eq!(
            website("www.verrerie.fr"),
            Ok(Some("https://www.verrerie.fr".into()))
        );
        assert_eq!(
            website(" http://exemple.fr/a?b=1 "),
            Ok(Some("http://exemple.fr/a?b=1".into()))
        );
        assert_eq!(website(""), Ok(None));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://exemple.fr",
            "https://",
            "https://exemple",
            "exemple fr",
            "https://exé mple.fr",
            "https://exem\nple.fr",
            "https://<script>.fr",
        ] {
            assert_eq!(website(bad), Err("url_invalid"), "{bad:?}");
        }
        assert_eq!(
            website(&format!("https://{}.fr", "a".repeat(400))),
            Err("too_long")
        );
    }

    #[test]
    fn text_is_bounded_in_characters() {
        assert_eq!(bounded("  Léa  ", 3), Ok("Léa"));
        assert_eq!(bounded("Léon", 3), Err("too_long"));
        assert_eq!(
            bounded(&"é".repeat(SHORT), SHORT).map(|s| s.len()),
            Ok(SHORT * 2)
        );
    }
}
