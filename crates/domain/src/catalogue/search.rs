//! Full-text search of the catalogue in French: accent folding and Snowball French stemming
//! (rust-stemmers, the stemmer tantivy uses), so "exporter" finds "exportation" and "impots"
//! finds "impôt". The corpus is a few hundred schemes: an in-memory index rebuilt when the
//! catalogue changes answers in microseconds and behaves the same on SQLite and PostgreSQL,
//! without a search engine to run or keep in sync.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::compile::Catalogue;
use crate::refdata::fold;

const STOPWORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "est", "et", "l",
    "la", "le", "les", "leur", "mon", "ma", "mes", "ne", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vos", "votre", "the", "of",
    "and", "to", "for", "in", "on", "your", "with",
];

/// Folded, stemmed terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    // Snowball's French rules read accents, so stem the lower-cased word first, then fold
    // (a user typing "impots" and a text saying "impôts" meet on "impot").
    let stemmer = Stemmer::create(Algorithm::French);
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fold(&stemmer.stem(w)))
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Per scheme (in catalogue order): term → weight.
    docs: Vec<(String, HashMap<String, u32>)>,
}

impl SearchIndex {
    pub fn build(cat: &Catalogue) -> SearchIndex {
        let tax = &cat.taxonomies;
        let docs = cat
            .schemes
            .iter()
            .map(|s| {
                let sp = &s.spec;
                let mut m: HashMap<String, u32> = HashMap::new();
                let mut add = |text: &str, w: u32| {
                    for t in terms(text) {
                        *m.entry(t).or_default() += w;
                    }
                };
                add(&sp.name.fr, 4);
                add(&sp.name.en, 2);
                add(&sp.summary.fr, 2);
                add(&sp.summary.en, 1);
                add(&sp.benefit.fr, 1);
                add(&sp.benefit.en, 1);
                for n in sp.needs.iter().filter_map(|n| tax.need(n)) {
                    add(&n.fr, 2);
                    add(&n.en, 1);
                    for w in &n.words_fr {
                        add(w, 1);
                    }
                }
                for o in sp.operators.iter().filter_map(|o| tax.organisation(&o.org)) {
                    add(&o.fr, 2);
                }
                for n in sp.natures.iter().filter_map(|n| tax.nature(n)) {
                    add(&n.fr, 1);
                    add(&n.en, 1);
                }
                add(&sp.id.replace('-', " "), 1);
                (sp.id.clone(), m)
            })
            .collect();
        SearchIndex { docs }
    }

    /// Scheme ids matching every term of the query (a term also matches as a prefix of a
    /// longer word, from 3 letters), best first; ties by id. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<(&str, u32)> {
        let q = terms(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(&str, u32)> = self
            .docs
            .iter()
            .filter_map(|(id, m)| {
                let mut score = 0;
                for t in &q {
                    let exact = m.get(t).copied().unwrap_or(0);
                    let prefix: u32 = if t.chars().count() >= 3 {
                        m.iter()
                            .filter(|(k, _)| k.len() > t.len() && k.starts_with(t.as_str()))
                            .map(|(_, w)| *w)
                            .sum()
                    } else {
                        0
                    };
                    if exact + prefix == 0 {
                        return None;
                    }
                    score += 2 * exact + prefix;
                }
                Some((id.as_str(), score))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemming_and_accent_folding() {
        assert_eq!(terms("exporter"), terms("exportation"));
        assert_eq!(terms("impots"), terms("Impôt"));
        assert_eq!(terms("exportations"), terms("Exporter"));
        assert!(terms("de la des pour").is_empty());
    }
}
