//! Companies as the shared file knows them: the folded name used for search and duplicate
//! hints, export-country statuses, headcount bands.

use crate::refdata::fold;

/// Legal-form words ignored when comparing names ("Boulangerie Martin SARL" = "boulangerie martin").
const LEGAL_FORMS: &[&str] = &[
    "sa",
    "sas",
    "sasu",
    "sarl",
    "eurl",
    "sci",
    "snc",
    "scop",
    "sca",
    "ei",
    "eirl",
    "gie",
    "selarl",
    "scp",
    "ste",
    "societe",
    "ets",
    "etablissements",
    "et",
    "cie",
];

/// The comparison key of a company name: lower case, no accents, no punctuation, no legal
/// form, single spaces.
pub fn name_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL_FORMS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two names probably designate the same company (same key, or one key contains the
/// other as whole words).
pub fn similar_names(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let padded = |s: &str| format!(" {s} ");
    a == b || padded(&a).contains(&padded(&b)) || padded(&b).contains(&padded(&a))
}

/// Status of a country for a company's export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStatus {
    Exporting,
    Target,
    NotInterested,
}

impl ExportStatus {
    pub const ALL: [ExportStatus; 3] = [
        ExportStatus::Exporting,
        ExportStatus::Target,
        ExportStatus::NotInterested,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ExportStatus::Exporting => "exporting",
            ExportStatus::Target => "target",
            ExportStatus::NotInterested => "not_interested",
        }
    }
    pub fn parse(s: &str) -> Option<ExportStatus> {
        ExportStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Headcount bands (inclusive), aligned on the EU size thresholds.
pub const HEADCOUNT_BANDS: [(&str, i64, i64); 6] = [
    ("0", 0, 0),
    ("1-9", 1, 9),
    ("10-49", 10, 49),
    ("50-249", 50, 249),
    ("250-4999", 250, 4_999),
    ("5000-plus", 5_000, crate::catalogue::profile::MAX_HEADCOUNT),
];

/// Turnover bands in euros (inclusive), aligned on the EU size thresholds.
pub const TURNOVER_BANDS: [(&str, i64, i64); 5] = [
    ("0-2M", 0, 2_000_000),
    ("2M-10M", 2_000_001, 10_000_000),
    ("10M-50M", 10_000_001, 50_000_000),
    ("50M-1500M", 50_000_001, 1_500_000_000),
    (
        "1500M-plus",
        1_500_000_001,
        crate::catalogue::profile::MAX_EUR,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_accents_or_legal_form() {
        assert_eq!(name_key("Boulangerie Léon  SARL"), "boulangerie leon");
        assert!(similar_names("BOULANGERIE LEON", "Boulangerie Léon SARL"));
        assert!(similar_names("Leon", "Boulangerie Léon"));
        assert!(!similar_names("Leo", "Boulangerie Léon"));
        assert!(!similar_names("SARL", "SAS"));
    }
}
