//! The web crate's layout rules (CONTRIBUTING, "Layout"): shared layers (`http/`, `mail/`,
//! `state.rs`, `jobs.rs`) never reach a feature; a feature's files are private modules, so other
//! features see only what its `mod.rs` re-exports; every `mod.rs` opens with a `//!` header; and
//! no file of the crate imports, directly or through others, a file that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SHARED: [&str; 4] = ["http", "mail", "state", "jobs"];

/// Every source file of the crate by its module path (`companies::file`; `crate` is `lib.rs`).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).expect("under src").with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                parts.pop();
            }
            let name = if parts.is_empty() {
                "crate".to_string()
            } else {
                parts.join("::")
            };
            let text = std::fs::read_to_string(&p).expect("read");
            (name, code_of(&text))
        })
        .collect()
}

/// The code that ships: comments and the `#[cfg(test)]` tail left out.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn parent(m: &str) -> String {
    match m.rsplit_once("::") {
        Some((p, _)) => p.to_string(),
        None => "crate".to_string(),
    }
}

/// Expands `use a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let item = tree.split(" as ").next().unwrap_or_default().trim();
            if !item.is_empty() {
                out.push(format!("{prefix}{item}"));
            }
        }
        Some(open) => {
            let head = format!("{prefix}{}", &tree[..open]);
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let (mut depth, mut start) = (0, 0);
            for (i, ch) in inner.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&head, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&head, &inner[start..], out);
        }
    }
}

/// The paths a file names: its `use` trees expanded, and `crate::…`/`super::…` written inline.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let tail = &rest[i + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            expand("", &tail[..end], &mut out);
        }
        rest = &tail[end.min(tail.len())..];
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b':') {
                continue;
            }
            let len = code[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - i);
            out.push(code[i..i + len].trim_end_matches(':').to_string());
        }
    }
    out
}

/// The module file a path from `from` lands in, following a `mod.rs`'s re-exports to the file
/// that defines the item.
fn resolve(path: &str, from: &str, mods: &BTreeMap<String, String>) -> Option<String> {
    let own = mods.get(from)?;
    let mut segs: Vec<&str> = path.split("::").collect();
    let mut at = match segs.first().copied() {
        Some("crate") => {
            segs.remove(0);
            "crate".to_string()
        }
        Some("super") => {
            let mut m = from.to_string();
            while segs.first() == Some(&"super") {
                segs.remove(0);
                m = parent(&m);
            }
            m
        }
        Some("self") => {
            segs.remove(0);
            from.to_string()
        }
        // A child module named by the file that declares it.
        Some(first) if own.contains(&format!("mod {first};")) => from.to_string(),
        _ => return None,
    };
    for s in segs {
        let next = if at == "crate" {
            s.to_string()
        } else {
            format!("{at}::{s}")
        };
        if mods.contains_key(&next) {
            at = next;
            continue;
        }
        // An item of `at`: re-exported from one of its children?
        let text = &mods[&at];
        for line in text
            .lines()
            .filter(|l| l.trim_start().starts_with("pub use "))
        {
            let mut items = Vec::new();
            expand("", line.trim_start()[8..].trim_end_matches(';'), &mut items);
            for item in items {
                if item.rsplit("::").next() == Some(s)
                    && let Some(target) = resolve(&item, &at, mods)
                {
                    return Some(target);
                }
            }
        }
        break;
    }
    Some(at)
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    mods.iter()
        .map(|(m, code)| {
            let to = paths(code)
                .iter()
                .filter_map(|p| resolve(p, m, &mods))
                .filter(|t| t != m && t != "crate")
                .collect();
            (m.clone(), to)
        })
        .collect()
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let g = graph();
    assert!(
        g.get("companies::file")
            .is_some_and(|t| t.contains("companies::views")),
        "the graph is read: {:?}",
        g.get("companies::file")
    );
    // Depth-first search keeping the path, so a circle is reported with its files.
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        circles: &mut Vec<String>,
    ) {
        if let Some(i) = path.iter().position(|p| p == m) {
            circles.push(format!("{} → {m}", path[i..].join(" → ")));
            return;
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for t in g.get(m).into_iter().flatten() {
            visit(t, g, path, done, circles);
        }
        path.pop();
    }
    let mut circles = Vec::new();
    let mut done = BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn shared_layers_never_reach_a_feature_and_features_keep_their_files_private() {
    let mods = modules();
    let features: Vec<&String> = mods
        .keys()
        .filter(|m| !m.contains("::") && *m != "crate" && !SHARED.contains(&m.as_str()))
        .filter(|m| mods.keys().any(|k| k.starts_with(&format!("{m}::"))))
        .collect();
    assert!(features.len() >= 10, "features found: {features:?}");
    let g = graph();
    for (m, to) in &g {
        let top = m.split("::").next().unwrap_or_default();
        if SHARED.contains(&top) {
            let reached: Vec<&String> = to
                .iter()
                .filter(|t| {
                    features.contains(&&t.split("::").next().unwrap_or_default().to_string())
                })
                .collect();
            assert!(reached.is_empty(), "{m} (shared) reaches {reached:?}");
        }
    }
    for f in &features {
        let code = &mods[*f];
        assert!(
            !code.contains("pub mod ") && !code.contains("pub(crate) mod "),
            "{f}/mod.rs: a feature's files are private modules (re-export the surface instead)"
        );
        let raw = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src")
                .join(f.as_str())
                .join("mod.rs"),
        )
        .expect("mod.rs");
        assert!(raw.starts_with("//!"), "{f}/mod.rs opens with a //! header");
    }
}

#[test]
fn paths_are_expanded_and_resolved() {
    let mut out = Vec::new();
    expand(
        "",
        "super::{views, data::{EventData, items as i}}",
        &mut out,
    );
    assert_eq!(
        out,
        [
            "super::views",
            "super::data::EventData",
            "super::data::items"
        ]
    );
    let mods = modules();
    assert_eq!(
        resolve("crate::http::render::FormState", "companies::file", &mods).as_deref(),
        Some("http::render")
    );
    assert_eq!(
        resolve("super::views::FilePage", "companies::file", &mods).as_deref(),
        Some("companies::views")
    );
}

/// Handlers and helpers stay short enough to read at once (CONTRIBUTING: split beyond ~60
/// lines), and no file grows past ~700 lines. Counted on the shipped code, tests excluded.
#[test]
fn functions_and_files_stay_short() {
    const MAX_FN: usize = 65;
    const MAX_FILE: usize = 700;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    walk(&root, &mut files);
    let mut long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        let code: Vec<&str> = text
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]"))
            .collect();
        let name = f
            .strip_prefix(&root)
            .expect("under src")
            .display()
            .to_string();
        if code.len() > MAX_FILE {
            long.push(format!("{name}: {} lines", code.len()));
        }
        for (i, line) in code.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(super) fn ",
                "pub(crate) fn ",
                "async fn ",
            ]
            .iter()
            .chain(&[
                "pub async fn ",
                "pub(super) async fn ",
                "pub(crate) async fn ",
            ])
            .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let Some(len) = code[i + 1..].iter().position(|l| *l == close) else {
                continue;
            };
            if len + 2 > MAX_FN {
                let fn_name = trimmed
                    .split('(')
                    .next()
                    .unwrap_or(trimmed)
                    .rsplit(' ')
                    .next()
                    .unwrap_or(trimmed);
                long.push(format!("{name}:{}: {fn_name} ({} lines)", i + 1, len + 2));
            }
        }
    }
    assert!(
        long.is_empty(),
        "too long, split them:\n{}",
        long.join("\n")
    );
}
