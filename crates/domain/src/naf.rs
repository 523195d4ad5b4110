//! NAF activity codes (code APE of a company), as a validated value type.
//!
//! Companies carry a NAF *sous-classe* code such as `62.01Z`. Users and files write it in many
//! ways (`6201Z`, `62.01z`, ` 6201 Z`); [`NafCode::parse`] normalises them to the dotted form
//! and, for NAF rév. 2, checks the code against the embedded INSEE table, so a stored code
//! always has a label.
//!
//! NAF 2025 replaces rév. 2 in Sirene from 2027. Its codes have the same `NN.NNL` shape, but
//! its table is not embedded yet: [`Nomenclature::Naf2025`] codes are checked for format only
//! and have no label or section. In text and serde they are tagged `naf2025:62.10Y`, while
//! rév. 2 codes stay untagged (`62.01Z`), so data stored today keeps parsing unchanged.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::refdata::{NafEntry, NafLevel, refdata};

/// Text prefix marking a NAF 2025 code.
const NAF2025_TAG: &str = "naf2025:";

/// Which NAF version a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nomenclature {
    /// NAF rév. 2 (2008), in force until the 2027 switch; validated against the INSEE table.
    Rev2,
    /// NAF 2025; format-checked only (no table embedded yet).
    Naf2025,
}

/// Why a NAF code was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum NafError {
    #[error("a NAF code has the form 62.01Z (two digits, two digits, a letter)")]
    Format,
    #[error("unknown NAF rév. 2 code {0}")]
    Unknown(String),
}

impl NafError {
    /// Stable snake_case code, also used as translation id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "naf_format",
            Self::Unknown(_) => "naf_unknown",
        }
    }
}

/// A NAF sous-classe code, normalised to `NN.NNL` (`62.01Z`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NafCode {
    nomenclature: Nomenclature,
    code: String,
}

/// Normalises to `NN.NNL` or fails with `Format`.
fn normalise(input: &str) -> Result<String, NafError> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    let b = s.as_bytes();
    let ok = b.len() == 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase();
    if !ok {
        return Err(NafError::Format);
    }
    Ok(format!("{}.{}", &s[..2], &s[2..]))
}

impl NafCode {
    /// Parses a NAF rév. 2 sous-classe (`62.01Z`, `6201Z`, `62.01z`, ` 6201 Z`), or a NAF 2025
    /// code when tagged `naf2025:`.
    pub fn parse(input: &str) -> Result<Self, NafError> {
        let trimmed = input.trim();
        match trimmed.get(..NAF2025_TAG.len()) {
            Some(tag) if tag.eq_ignore_ascii_case(NAF2025_TAG) => {
                Self::parse_in(Nomenclature::Naf2025, &trimmed[NAF2025_TAG.len()..])
            }
            _ => Self::parse_in(Nomenclature::Rev2, trimmed),
        }
    }

    /// Parses an untagged code of the given nomenclature.
    pub fn parse_in(nomenclature: Nomenclature, input: &str) -> Result<Self, NafError> {
        let code = normalise(input)?;
        if nomenclature == Nomenclature::Rev2 {
            match refdata().naf(&code) {
                Some(e) if e.level == NafLevel::SousClasse => {}
                _ => return Err(NafError::Unknown(code)),
            }
        }
        Ok(Self { nomenclature, code })
    }

    pub fn nomenclature(&self) -> Nomenclature {
        self.nomenclature
    }

    /// Normalised code without tag, `62.01Z`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Compact form without dot, `6201Z` (as in Sirene files).
    pub fn compact(&self) -> String {
        self.code.replace('.', "")
    }

    /// Reference entry (rév. 2 only).
    pub fn entry(&self) -> Option<&'static NafEntry> {
        match self.nomenclature {
            Nomenclature::Rev2 => refdata().naf(&self.code),
            Nomenclature::Naf2025 => None,
        }
    }

    /// French label (rév. 2 only).
    pub fn label_fr(&self) -> Option<&'static str> {
        self.entry().map(|e| e.label_fr.as_str())
    }

    /// Section letter `A`–`U` (rév. 2 only: NAF 2025 sections differ).
    pub fn section(&self) -> Option<char> {
        self.entry().map(|e| e.section)
    }

    /// Division, the first two digits (`62`).
    pub fn division(&self) -> &str {
        &self.code[..2]
    }

    /// Whether the code falls under `prefix`: a section letter (`J`), or any leading part of
    /// the code, dotted or not (`62`, `62.0`, `620`, `62.01Z`). Used by sector criteria.
    /// A section letter only matches rév. 2 codes.
    pub fn matches_prefix(&self, prefix: &str) -> bool {
        let p: String = prefix
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect::<String>()
            .to_ascii_uppercase();
        if p.is_empty() {
            return false;
        }
        if p.len() == 1 && p.as_bytes()[0].is_ascii_uppercase() {
            return self.section() == p.chars().next();
        }
        self.compact().starts_with(&p)
    }
}

impl fmt::Display for NafCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.nomenclature {
            Nomenclature::Rev2 => f.write_str(&self.code),
            Nomenclature::Naf2025 => write!(f, "{NAF2025_TAG}{}", self.code),
        }
    }
}

impl FromStr for NafCode {
    type Err = NafError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for NafCode {
    type Error = NafError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NafCode> for String {
    fn from(c: NafCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_all_spellings() {
        for s in ["62.01Z", "6201Z", "62.01z", " 6201 Z", "62 01 Z\t"] {
            let c = NafCode::parse(s).unwrap();
            assert_eq!(c.code(), "62.01Z", "{s}");
            assert_eq!(c.nomenclature(), Nomenclature::Rev2);
        }
        let c = NafCode::parse("6201Z").unwrap();
        assert_eq!(c.label_fr(), Some("Programmation informatique"));
        assert_eq!(c.section(), Some('J'));
        assert_eq!(c.division(), "62");
        assert_eq!(c.compact(), "6201Z");
        assert_eq!(c.to_string(), "62.01Z");
    }

    #[test]
    fn errors() {
        for s in [
            "", "62", "62.01", "6201ZZ", "A2.01Z", "62.01Ü", "62,01Z", "J",
        ] {
            assert_eq!(NafCode::parse(s).unwrap_err().code(), "naf_format", "{s}");
        }
        assert_eq!(NafCode::parse("99.99Z").unwrap_err().code(), "naf_unknown");
        // A classe exists but is not a sous-classe code.
        assert_eq!(NafCode::parse("62.01A").unwrap_err().code(), "naf_unknown");
    }

    #[test]
    fn naf2025_is_format_checked_only() {
        let c = NafCode::parse("NAF2025: 62.10y").unwrap();
        assert_eq!(c.nomenclature(), Nomenclature::Naf2025);
        assert_eq!(c.code(), "62.10Y");
        assert_eq!(c.label_fr(), None);
        assert_eq!(c.section(), None);
        assert_eq!(c.division(), "62");
        assert_eq!(c.to_string(), "naf2025:62.10Y");
        assert_eq!(NafCode::parse(&c.to_string()).unwrap(), c);
        assert_eq!(
            NafCode::parse_in(Nomenclature::Naf2025, "62.1")
                .unwrap_err()
                .code(),
            "naf_format"
        );
    }

    #[test]
    fn prefixes() {
        let c = NafCode::parse("62.01Z").unwrap();
        for p in ["J", "j", "62", "62.0", "620", "62.01", "62.01Z"] {
            assert!(c.matches_prefix(p), "{p}");
        }
        for p in ["", "K", "63", "62.02", "6201A"] {
            assert!(!c.matches_prefix(p), "{p}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let c = NafCode::parse("6201z").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"62.01Z\"");
        assert_eq!(serde_json::from_str::<NafCode>(&json).unwrap(), c);
        assert!(serde_json::from_str::<NafCode>("\"99.99Z\"").is_err());
    }

    #[test]
    fn every_subclass_parses_in_both_forms() {
        for e in refdata().naf_subclasses() {
            assert_eq!(NafCode::parse(&e.code).unwrap().code(), e.code);
            assert_eq!(NafCode::parse(&e.code_compact).unwrap().code(), e.code);
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = NafCode::parse(&s);
        }

        #[test]
        fn display_round_trips(s in "(naf2025:)?[0-9]{2}\\.?[0-9]{2} ?[A-Za-z]") {
            if let Ok(c) = NafCode::parse(&s) {
                prop_assert_eq!(NafCode::parse(&c.to_string()).unwrap(), c);
            }
        }
    }
}
