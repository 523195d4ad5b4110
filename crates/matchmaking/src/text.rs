//! Content-line helpers shared by vCard (RFC 6350) and iCalendar (RFC 5545):
//! TEXT escaping and line folding, plus their inverses for tests and importers.
//!
//! Both formats escape `\`, `,`, `;` and newlines the same way and fold lines at
//! 75 octets with CRLF + space. Folding here never splits a UTF-8 character, which
//! the RFCs recommend and some readers require. CR LF and lone CR are normalised to
//! a newline; other control characters (except TAB) are dropped, as both RFCs
//! forbid them in values.

/// Maximum octets of one physical line, excluding the CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (`\\`, `\,`, `\;`, `\n`), normalising newlines and
/// dropping forbidden control characters.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() && (c as u32) < 0x80 => {}
            c => out.push(c),
        }
    }
    out
}

/// Inverse of [`escape_text`]: `\n`/`\N` become a newline, `\\`, `\,`, `\;` the
/// character; any other backslash sequence keeps the escaped character.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Appends one content line to `out`, folded so that no physical line exceeds
/// [`MAX_LINE_OCTETS`] octets, each ending in CRLF; continuation lines start with
/// a space and are cut only at UTF-8 character boundaries.
pub fn fold_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
}

/// Splits a document into logical content lines, undoing folding (a line break
/// followed by a space or TAB). Accepts CRLF or bare LF line ends.
pub fn unfold_lines(document: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in document.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match raw.as_bytes().first() {
            Some(b' ' | b'\t') if !lines.is_empty() => {
                lines.last_mut().expect("non-empty").push_str(&raw[1..]);
            }
            _ if raw.is_empty() => {}
            _ => lines.push(raw.to_string()),
        }
    }
    lines
}

/// Splits an unfolded content line into (name with parameters, raw value) at the
/// first `:` outside a double-quoted parameter value.
pub fn split_content_line(line: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// Splits a structured value (e.g. vCard `N`) at unescaped `;`, then unescapes
/// each component.
pub fn split_structured(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(n) = chars.next() {
                    current.push(n);
                }
            }
            ';' => parts.push(unescape_text(&std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    parts.push(unescape_text(&current));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_normalises() {
        assert_eq!(escape_text("a\\b,c;d\ne"), "a\\\\b\\,c\\;d\\ne");
        assert_eq!(escape_text("x\r\ny\rz\u{7}"), "x\\ny\\nz");
        assert_eq!(unescape_text("a\\\\b\\,c\\;d\\ne\\Nf"), "a\\b,c;d\ne\nf");
    }

    #[test]
    fn folds_at_char_boundaries() {
        let long = "é".repeat(100);
        let mut out = String::new();
        fold_line(&mut out, &format!("NOTE:{long}"));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE_OCTETS, "{l:?}");
        }
        assert_eq!(unfold_lines(&out), vec![format!("NOTE:{long}")]);
    }
}
