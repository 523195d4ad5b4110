//! Translations: Fluent files in `locales/{fr,en}`, French first and fallback. Message ids of
//! errors are `error-<code>`, the same stable code the API returns.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use tremplin_domain::geo::{CountryCode, Zone};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks around arguments break copy-paste and tests; our arguments are
        // never bidirectional text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// Parses every message file now, so that a broken translation stops the start-up instead of
/// the first request that needs it.
pub fn init() {
    let _ = LOCALES.lookup(&FR, "nav-home");
    let _ = LOCALES.lookup(&EN, "nav-home");
}

/// The two languages of Tremplin. Anything else falls back to French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The French or the English of a pair (reference data carries both names).
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// Parses "fr"/"en" (and "en-GB", "fr-BE"…); None for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// First supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("");
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(l) = Lang::parse(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The message `key` in this language.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// The message `key` with two arguments.
    pub fn t2(
        &self,
        key: &str,
        a: (&'static str, impl ToString),
        b: (&'static str, impl ToString),
    ) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(a.0), FluentValue::from(a.1.to_string()));
        args.insert(Cow::Borrowed(b.0), FluentValue::from(b.1.to_string()));
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// The message `key` with any number of arguments.
    pub fn tn(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (k, v) in args {
            map.insert(Cow::Borrowed(*k), FluentValue::from(v.clone()));
        }
        LOCALES.lookup_with_args(self.id(), key, &map)
    }

    /// A date and time in Paris time, written the way this language writes it.
    pub fn datetime(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        match self {
            Lang::Fr => tremplin_domain::dates::format_datetime_fr(at),
            Lang::En => tremplin_domain::dates::format_datetime_en(at),
        }
    }

    /// True if the key exists in this language (used by tests and for optional hints).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

pub fn zone_name(lang: Lang, z: &Zone) -> String {
    lang.pick(z.name_fr(), z.name_en()).to_string()
}

pub fn country_name(lang: Lang, c: &CountryCode) -> String {
    lang.pick(c.name_fr(), c.name_en()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(src: &str) -> Vec<String> {
        let mut k: Vec<String> = src
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap_or("").trim().to_string())
            .collect();
        k.sort();
        k
    }

    #[test]
    fn french_and_english_have_the_same_messages() {
        let fr = keys(include_str!("../../locales/fr/main.ftl"));
        let en = keys(include_str!("../../locales/en/main.ftl"));
        let missing_en: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        let missing_fr: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        assert!(
            missing_en.is_empty() && missing_fr.is_empty(),
            "missing in en: {missing_en:?}; missing in fr: {missing_fr:?}"
        );
        assert!(fr.len() > 20);
    }

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.8,fr;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(Lang::from_accept_language("fr-BE"), Some(Lang::Fr));
        assert_eq!(Lang::parse("xx"), None);
    }

    #[test]
    fn lookups_work_in_both_languages() {
        assert_eq!(Lang::Fr.t("nav-login"), "Se connecter");
        assert_eq!(Lang::En.t("nav-login"), "Log in");
    }
}
