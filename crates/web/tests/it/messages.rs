//! Every message the product can show exists in French and in English: each error code the
//! domain, the store and the web crate produce has its `error-<code>`; a code that fills an
//! error page (refusals, conflicts) also has its `error-<code>-title`; every message id written
//! literally in a template or a handler exists. Codes are read from the sources, so a new code
//! without its translation fails here, not in front of a user.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sources(crate_dir: &str, ext: &str) -> Vec<String> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(crate_dir),
        ext,
        &mut files,
    );
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read");
            // The shipped code only: the tests' own literals are not messages.
            match text.find("#[cfg(test)]\nmod tests") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        })
        .collect()
}

/// Message ids of a Fluent file.
fn ids(lang: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang)
        .join("main.ftl");
    std::fs::read_to_string(path)
        .expect("ftl")
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
        .map(|l| l.split(" =").next().unwrap_or_default().trim().to_string())
        .collect()
}

/// The string literal right after each occurrence of `before` (`fail("x", "` → the code).
fn literals_after(text: &str, before: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices(before) {
        let rest = &text[i + before.len()..];
        if let Some(end) = rest.find('"') {
            let lit = &rest[..end];
            if lit.starts_with(|c: char| c.is_ascii_lowercase())
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                out.insert(lit.to_string());
            }
        }
    }
}

/// A second literal argument: `fail("field", "code")` → `code`.
fn second_literals(text: &str, call: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices(call) {
        let rest = &text[i + call.len()..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let args = &rest[..close];
        let quoted: Vec<&str> = args.split('"').skip(1).step_by(2).collect();
        if quoted.len() == 2 && args.trim_start().starts_with('"') {
            literals_after(&format!("\"{}\"", quoted[1]), "\"", out);
        }
    }
}

/// The codes of the domain's error types: the literals of their `fn code` bodies.
fn code_fn_literals(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices("fn code(&self) -> &'static str {") {
        let body = &text[i..];
        let end = body.find("\n    }\n").unwrap_or(body.len());
        literals_after(&body[..end], "=> \"", out);
    }
}

#[test]
fn every_error_code_has_its_message_in_both_languages() {
    let mut field = BTreeSet::new();
    let mut page = BTreeSet::new();
    for krate in ["web/src", "store/src", "domain/src"] {
        for text in sources(krate, "rs") {
            for call in ["fail(", "invalid(", "field_error(", ".insert("] {
                second_literals(&text, call, &mut field);
            }
            literals_after(&text, "Err(\"", &mut field);
            literals_after(&text, "|_| \"", &mut field);
            code_fn_literals(&text, &mut field);
            for variant in [
                "BadRequest(\"",
                "Conflict(\"",
                "Unavailable(\"",
                "Rejected(\"",
            ] {
                literals_after(&text, variant, &mut page);
            }
        }
    }
    assert!(
        field.contains("required") && field.contains("amount_format") && page.len() > 10,
        "codes are read: {} field, {} page",
        field.len(),
        page.len()
    );
    for lang in ["fr", "en"] {
        let ids = ids(lang);
        let missing: Vec<String> = field
            .iter()
            .chain(&page)
            .map(|c| format!("error-{c}"))
            .filter(|id| !ids.contains(id))
            .collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
        let titles: Vec<String> = page
            .iter()
            .map(|c| format!("error-{c}-title"))
            .filter(|id| !ids.contains(id))
            .collect();
        assert!(titles.is_empty(), "{lang}: missing page titles {titles:?}");
    }
}

#[test]
fn every_literal_message_id_exists_in_both_languages() {
    let mut used = BTreeSet::new();
    for (dir, ext) in [("web/templates", "html"), ("web/src", "rs")] {
        for text in sources(dir, ext) {
            for call in [".t(\"", ".t2(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    if let Some(end) = rest.find('"') {
                        let id = &rest[..end];
                        if !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        {
                            used.insert(id.to_string());
                        }
                    }
                }
            }
        }
    }
    // The reasons a match gives, written by the routing engine and by referrals.
    for why in ["subject", "no_rule", "referral", "no_branch_here"] {
        used.insert(format!("why-{why}"));
    }
    assert!(used.len() > 300, "ids are read: {}", used.len());
    for lang in ["fr", "en"] {
        let ids = ids(lang);
        let missing: Vec<&String> = used.iter().filter(|id| !ids.contains(*id)).collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
    }
}
