//! SIREN (company) and SIRET (establishment) identifiers of the Sirene register.
//!
//! Both are parsed once at the edge ("parse, don't validate"): a [`Siren`] or [`Siret`] value
//! always holds the compact digits of a number that passes its check. The check is the Luhn
//! key, with INSEE's exception for La Poste, whose establishments share the SIREN `356000000`
//! and are too numerous for Luhn-valid NICs: such a SIRET is also valid when the sum of its 14
//! digits is a multiple of 5. A SIRET's first nine digits must themselves be a valid SIREN.
//!
//! Errors carry a stable snake_case [`IdError::code`] that doubles as a translation id.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// SIREN of La Poste, subject to the SIRET check exception.
pub const LA_POSTE_SIREN: &str = "356000000";

/// Which identifier an [`IdError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    Siren,
    Siret,
}

impl IdKind {
    fn len(self) -> usize {
        match self {
            Self::Siren => 9,
            Self::Siret => 14,
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Siren => "SIREN",
            Self::Siret => "SIRET",
        })
    }
}

/// Why a SIREN or SIRET was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum IdError {
    #[error("{kind} is empty")]
    Empty { kind: IdKind },
    #[error("{kind} must have {expected} digits, got {actual}")]
    Length {
        kind: IdKind,
        expected: usize,
        actual: usize,
    },
    #[error("{kind} must contain only digits and spaces")]
    NotDigits { kind: IdKind },
    #[error("{kind} check failed (mistyped digit?)")]
    Checksum { kind: IdKind },
}

impl IdError {
    /// Stable snake_case code, also used as translation id.
    pub fn code(&self) -> &'static str {
        use IdKind::{Siren, Siret};
        match self {
            Self::Empty { kind: Siren } => "siren_empty",
            Self::Empty { kind: Siret } => "siret_empty",
            Self::Length { kind: Siren, .. } => "siren_length",
            Self::Length { kind: Siret, .. } => "siret_length",
            Self::NotDigits { kind: Siren } => "siren_not_digits",
            Self::NotDigits { kind: Siret } => "siret_not_digits",
            Self::Checksum { kind: Siren } => "siren_checksum",
            Self::Checksum { kind: Siret } => "siret_checksum",
        }
    }
}

/// Luhn check over ASCII digits.
fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Strips spaces (including no-break spaces) and checks digits and length.
fn compact(input: &str, kind: IdKind) -> Result<String, IdError> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if s.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::NotDigits { kind });
    }
    if s.len() != kind.len() {
        return Err(IdError::Length {
            kind,
            expected: kind.len(),
            actual: s.chars().count(),
        });
    }
    Ok(s)
}

/// A SIREN: 9 digits, Luhn-valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siren(String);

impl Siren {
    /// Parses a SIREN, ignoring spaces (`"215 903 501"`).
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let s = compact(input, IdKind::Siren)?;
        if !luhn_ok(&s) {
            return Err(IdError::Checksum {
                kind: IdKind::Siren,
            });
        }
        Ok(Self(s))
    }

    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped for display: `215 903 501`.
    pub fn display_grouped(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }

    /// Whether this is La Poste's SIREN.
    pub fn is_la_poste(&self) -> bool {
        self.0 == LA_POSTE_SIREN
    }
}

/// A SIRET: 14 digits = SIREN (9) + NIC (5); Luhn-valid, or La Poste's digit-sum rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);

impl Siret {
    /// Parses a SIRET, ignoring spaces (`"356 000 000 00048"`).
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let s = compact(input, IdKind::Siret)?;
        let checksum = Err(IdError::Checksum {
            kind: IdKind::Siret,
        });
        if !luhn_ok(&s[..9]) {
            return checksum;
        }
        let valid = luhn_ok(&s)
            || (&s[..9] == LA_POSTE_SIREN
                && s.bytes()
                    .map(|b| u32::from(b - b'0'))
                    .sum::<u32>()
                    .is_multiple_of(5));
        if !valid {
            return checksum;
        }
        Ok(Self(s))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The company's SIREN (first 9 digits, valid by construction).
    pub fn siren(&self) -> Siren {
        Siren(self.0[..9].to_owned())
    }

    /// The establishment number (NIC, last 5 digits).
    pub fn nic(&self) -> &str {
        &self.0[9..]
    }

    /// Grouped for display: `356 000 000 00048`.
    pub fn display_grouped(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.0[..3],
            &self.0[3..6],
            &self.0[6..9],
            &self.0[9..]
        )
    }
}

macro_rules! string_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl TryFrom<String> for $t {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}
string_impls!(Siren);
string_impls!(Siret);

/// A company identifier typed by a person: a SIREN (9 digits) or a SIRET (14 digits, whose
/// SIREN is kept), spaces allowed.
pub fn parse_siren_or_siret(input: &str) -> Result<Siren, IdError> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 14 {
        Siret::parse(&digits).map(|s| s.siren())
    } else {
        Siren::parse(&digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VECTORS: &str = include_str!("../refdata/siren_siret_test_vectors.csv");

    #[test]
    fn all_reference_vectors() {
        let mut reader = csv::Reader::from_reader(VECTORS.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (value, kind, expected) = (col("value"), col("kind"), col("expected_valid"));
        let mut n = 0;
        for rec in reader.records() {
            let rec = rec.unwrap();
            let v = &rec[value];
            let expected: bool = rec[expected].parse().unwrap();
            let ok = match &rec[kind] {
                "siren" => Siren::parse(v).is_ok(),
                "siret" => Siret::parse(v).is_ok(),
                other => panic!("unknown kind {other}"),
            };
            assert_eq!(ok, expected, "{v} ({})", &rec[kind]);
            n += 1;
        }
        assert_eq!(n, 14);
    }

    #[test]
    fn errors_and_codes() {
        assert_eq!(Siren::parse("").unwrap_err().code(), "siren_empty");
        assert_eq!(Siren::parse("   ").unwrap_err().code(), "siren_empty");
        assert_eq!(Siren::parse("21590350").unwrap_err().code(), "siren_length");
        assert_eq!(
            Siren::parse("21590350A").unwrap_err().code(),
            "siren_not_digits"
        );
        assert_eq!(
            Siren::parse("215903502").unwrap_err().code(),
            "siren_checksum"
        );
        assert_eq!(Siret::parse("123").unwrap_err().code(), "siret_length");
        assert_eq!(
            Siret::parse("1234567820001x").unwrap_err().code(),
            "siret_not_digits"
        );
        assert_eq!(
            Siret::parse("12345678200011").unwrap_err().code(),
            "siret_checksum"
        );
        assert_eq!(Siret::parse("").unwrap_err().code(), "siret_empty");
        // SIRET Luhn-valid overall but whose SIREN part is not.
        assert_eq!(
            Siret::parse("12345678100004").unwrap_err().code(),
            "siret_checksum"
        );
        let e = Siren::parse("1234").unwrap_err();
        assert_eq!(e.to_string(), "SIREN must have 9 digits, got 4");
    }

    #[test]
    fn spaces_and_accessors() {
        let s = Siret::parse("356 000 000 00048").unwrap();
        assert_eq!(s.as_str(), "35600000000048");
        assert_eq!(s.to_string(), "35600000000048");
        assert_eq!(s.siren().as_str(), "356000000");
        assert!(s.siren().is_la_poste());
        assert_eq!(s.nic(), "00048");
        assert_eq!(s.display_grouped(), "356 000 000 00048");
        let n = Siren::parse("\u{a0}215\u{202f}903 501 ").unwrap();
        assert_eq!(n.display_grouped(), "215 903 501");
        assert_eq!("215903501".parse::<Siren>().unwrap(), n);
    }

    #[test]
    fn serde_as_compact_string() {
        let s = Siret::parse("123 456 782 00010").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"12345678200010\"");
        let back: Siret = serde_json::from_str("\"123 456 782 00010\"").unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Siren>("\"215903502\"").is_err());
    }

    fn with_check_digit(prefix: &str) -> String {
        (0..=9)
            .map(|d| format!("{prefix}{d}"))
            .find(|s| luhn_ok(s))
            .unwrap()
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = Siren::parse(&s);
            let _ = Siret::parse(&s);
        }

        #[test]
        fn digit_strings_never_panic(s in "[0-9 ]{0,20}") {
            let _ = Siren::parse(&s);
            let _ = Siret::parse(&s);
        }

        #[test]
        fn siren_single_digit_change_is_invalid(prefix in "[0-9]{8}", pos in 0usize..9, delta in 1u8..10) {
            let valid = with_check_digit(&prefix);
            prop_assert!(Siren::parse(&valid).is_ok());
            let mut bytes = valid.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(Siren::parse(&changed).unwrap_err().code(), "siren_checksum");
        }

        #[test]
        fn siret_single_digit_change_is_invalid(
            siren_prefix in "[0-9]{8}", nic_prefix in "[0-9]{4}", pos in 0usize..14, delta in 1u8..10,
        ) {
            let siren = with_check_digit(&siren_prefix);
            prop_assume!(siren != LA_POSTE_SIREN);
            let valid = with_check_digit(&format!("{siren}{nic_prefix}"));
            let parsed = Siret::parse(&valid).unwrap().siren();
            prop_assert_eq!(parsed.as_str(), siren.as_str());
            let mut bytes = valid.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            // Changing one digit of a non-La Poste SIREN cannot produce another Luhn-valid
            // SIREN, so La Poste's exception never applies here.
            prop_assert_eq!(Siret::parse(&changed).unwrap_err().code(), "siret_checksum");
        }

        #[test]
        fn display_parse_round_trip(prefix in "[0-9]{8}") {
            let s = Siren::parse(&with_check_digit(&prefix)).unwrap();
            prop_assert_eq!(Siren::parse(&s.display_grouped()).unwrap(), s.clone());
            prop_assert_eq!(s.to_string().parse::<Siren>().unwrap(), s);
        }
    }
}
