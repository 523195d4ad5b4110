//! Contact value types: e-mail addresses and phone numbers.
//!
//! Both are normalised at parse time so that equal contacts compare equal in the database
//! (duplicate detection, login by e-mail): an [`Email`] has its domain lower-cased, a [`Phone`]
//! is stored in E.164 (`+33320123456`) whatever way it was typed. The checks are deliberately
//! pragmatic, not a full RFC 5322 parser: they catch typing mistakes; deliverability is only
//! proven by sending a message.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a contact value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ContactError {
    #[error("invalid e-mail address")]
    EmailInvalid,
    #[error("invalid phone number")]
    PhoneInvalid,
}

impl ContactError {
    /// Stable snake_case code, also used as translation id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmailInvalid => "email_invalid",
            Self::PhoneInvalid => "phone_invalid",
        }
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
            type Err = ContactError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl TryFrom<String> for $t {
            type Error = ContactError;
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

// ---------------------------------------------------------------------------------------------
// Email

/// An e-mail address: `local@domain`, domain lower-cased, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Characters never allowed in an address (outside quoted local parts, which we do not accept).
fn forbidden(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c)
}

impl Email {
    /// Parses an address: trimmed, exactly one `@`, non-empty local part (≤ 64 characters),
    /// a domain with a dot and no empty label, no spaces; the domain is lower-cased.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let err = ContactError::EmailInvalid;
        let s = input.trim();
        if s.chars().count() > 254 || s.chars().any(forbidden) {
            return Err(err);
        }
        let (local, domain) = s.split_once('@').ok_or(err.clone())?;
        if domain.contains('@') || local.is_empty() || local.chars().count() > 64 {
            return Err(err);
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(err);
        }
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(err);
        }
        let tld = labels[labels.len() - 1];
        if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
            return Err(err);
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Part before the `@`, as typed.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(l, _)| l)
    }

    /// Lower-cased domain.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

string_impls!(Email);

// ---------------------------------------------------------------------------------------------
// Phone

/// French overseas national prefixes (first 4 digits of the 10-digit number) and their E.164
/// country code: these numbers are dialled like French ones but are not `+33`.
const OVERSEAS: &[(&str, &str)] = &[
    ("0262", "262"), // Réunion, fixed
    ("0263", "262"),
    ("0692", "262"), // Réunion, mobile
    ("0693", "262"),
    ("0269", "262"), // Mayotte, fixed
    ("0639", "262"), // Mayotte, mobile
    ("0590", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy
    ("0690", "590"),
    ("0691", "590"),
    ("0594", "594"), // Guyane
    ("0694", "594"),
    ("0596", "596"), // Martinique
    ("0696", "596"),
    ("0697", "596"),
];

/// A phone number in E.164 form: `+` then 8 to 15 digits (`+33320123456`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses a phone number. Accepted: French national numbers (`03 20 12 34 56`,
    /// `03.20.12.34.56`, overseas `06 92 …` mapped to `+262`), international numbers with `+`
    /// or `00` (`+44 20 7946 0958`, `0033320123456`, `+33 (0)3 20 12 34 56`). Separators:
    /// spaces, dots, dashes, slashes, parentheses.
    pub fn parse(input: &str) -> Result<Self, ContactError> {
        let err = ContactError::PhoneInvalid;
        let s = input.trim().replace("(0)", "");
        let (plus, rest) = match s.strip_prefix('+') {
            Some(r) => (true, r),
            None => (false, s.as_str()),
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '\u{a0}' | '\u{202f}' | '.' | '-' | '/' | '(' | ')' => {}
                _ => return Err(err),
            }
        }
        let intl = if plus {
            digits
        } else if let Some(r) = digits.strip_prefix("00") {
            r.to_owned()
        } else if digits.len() == 10 && digits.starts_with('0') {
            let cc = OVERSEAS
                .iter()
                .find(|(p, _)| digits.starts_with(p))
                .map_or("33", |(_, cc)| cc);
            format!("{cc}{}", &digits[1..])
        } else {
            return Err(err);
        };
        let intl = match intl.strip_prefix("33") {
            Some(national) => {
                // Tolerate the trunk 0 typed after +33 ("+33 03 20…").
                let national = match national.strip_prefix('0') {
                    Some(n) if national.len() == 10 => n,
                    _ => national,
                };
                if national.len() != 9 || national.starts_with('0') {
                    return Err(err);
                }
                format!("33{national}")
            }
            None => intl,
        };
        if !(8..=15).contains(&intl.len()) || intl.starts_with('0') {
            return Err(err);
        }
        Ok(Self(format!("+{intl}")))
    }

    /// E.164 form, `+33320123456`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 10-digit French national form when the number is French (metropolitan or one of the
    /// overseas departments dialled with a French national number).
    fn national_fr(&self) -> Option<String> {
        let d = &self.0[1..];
        if let Some(n) = d.strip_prefix("33") {
            return (n.len() == 9).then(|| format!("0{n}"));
        }
        OVERSEAS.iter().find_map(|(prefix, cc)| {
            let n = d.strip_prefix(cc)?;
            let national = format!("0{n}");
            (n.len() == 9 && national.starts_with(prefix)).then_some(national)
        })
    }

    /// Whether the number is French (+33 or an overseas department).
    pub fn is_french(&self) -> bool {
        self.national_fr().is_some()
    }

    /// French display: `03 20 12 34 56` for French numbers, E.164 otherwise.
    pub fn display_fr(&self) -> String {
        match self.national_fr() {
            Some(n) => n
                .as_bytes()
                .chunks(2)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" "),
            None => self.0.clone(),
        }
    }

    /// `tel:` URI for links.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.0)
    }
}

string_impls!(Phone);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_valid() {
        let e = Email::parse("  Jean.Dupont@Hauts-de-France.FR ").unwrap();
        assert_eq!(e.as_str(), "Jean.Dupont@hauts-de-france.fr");
        assert_eq!(e.local_part(), "Jean.Dupont");
        assert_eq!(e.domain(), "hauts-de-france.fr");
        assert!(Email::parse("a+tag@sub.example.co.uk").is_ok());
        assert!(Email::parse("élodie@exemple.fr").is_ok());
        let long_local = "a".repeat(64);
        assert!(Email::parse(&format!("{long_local}@example.com")).is_ok());
    }

    #[test]
    fn email_invalid() {
        let long = format!("{}@{}.com", "a".repeat(60), "b".repeat(200));
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@@b.fr",
            "a@b@c.fr",
            "a b@c.fr",
            "a@b .fr",
            "a@.fr",
            "a@b..fr",
            "a@b.fr.",
            "a@-b.fr",
            "a@b.c",
            "a@1.2.3.4",
            ".a@b.fr",
            "a..b@c.fr",
            "<a@b.fr>",
            &long,
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err().code(),
                "email_invalid",
                "{bad}"
            );
        }
        assert!(Email::parse(&format!("{}@b.fr", "a".repeat(65))).is_err());
    }

    #[test]
    fn email_serde() {
        let e: Email = serde_json::from_str("\"X@EXAMPLE.ORG\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"X@example.org\"");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }

    #[test]
    fn phone_french_forms() {
        for s in [
            "03 20 12 34 56",
            "03.20.12.34.56",
            "03-20-12-34-56",
            "0320123456",
            "+33 3 20 12 34 56",
            "+33 (0)3 20 12 34 56",
            "+33 03 20 12 34 56",
            "0033320123456",
            "00 33 3 20 12 34 56",
            "\u{a0}+33\u{202f}320123456 ",
        ] {
            let p = Phone::parse(s).unwrap();
            assert_eq!(p.as_str(), "+33320123456", "{s}");
            assert_eq!(p.display_fr(), "03 20 12 34 56");
            assert!(p.is_french());
        }
        assert_eq!(
            Phone::parse("06 12 34 56 78").unwrap().as_str(),
            "+33612345678"
        );
    }

    #[test]
    fn phone_overseas_and_international() {
        let re = Phone::parse("0692 12 34 56").unwrap();
        assert_eq!(re.as_str(), "+262692123456");
        assert_eq!(re.display_fr(), "06 92 12 34 56");
        assert!(re.is_french());
        assert_eq!(
            Phone::parse("05 96 12 34 56").unwrap().as_str(),
            "+596596123456"
        );
        let uk = Phone::parse("+44 20 7946 0958").unwrap();
        assert_eq!(uk.as_str(), "+442079460958");
        assert_eq!(uk.display_fr(), "+442079460958");
        assert!(!uk.is_french());
        assert_eq!(uk.tel_uri(), "tel:+442079460958");
        assert_eq!(Phone::parse("0044 20 7946 0958").unwrap(), uk);
        assert_eq!(
            Phone::parse("+1 (415) 555-0100").unwrap().as_str(),
            "+14155550100"
        );
    }

    #[test]
    fn phone_invalid() {
        for bad in [
            "",
            "+",
            "abc",
            "03 20 12 34",
            "03 20 12 34 567",
            "320123456",
            "+33 3 20 12 34",
            "+33 3 20 12 34 567",
            "+33 0 3 20 12 34",
            "+0 123 456 789",
            "+1234567",
            "+1234567890123456",
            "03 20 12 34 56 ext 2",
            "+33 3 20 12 34 5x",
            "++33320123456",
        ] {
            assert_eq!(
                Phone::parse(bad).unwrap_err().code(),
                "phone_invalid",
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_serde() {
        let p: Phone = serde_json::from_str("\"03 20 12 34 56\"").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"+33320123456\"");
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = Email::parse(&s);
            if let Ok(p) = Phone::parse(&s) {
                let _ = p.display_fr();
            }
        }

        #[test]
        fn email_round_trip(local in "[a-zA-Z0-9._+-]{1,20}", domain in "[a-zA-Z0-9]{1,10}\\.[a-zA-Z]{2,6}") {
            if let Ok(e) = Email::parse(&format!("{local}@{domain}")) {
                prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e);
            }
        }

        #[test]
        fn french_phone_round_trip(n in "0[1-9][0-9]{8}") {
            let p = Phone::parse(&n).unwrap();
            prop_assert!(p.is_french());
            prop_assert_eq!(p.display_fr().replace(' ', ""), n);
            prop_assert_eq!(Phone::parse(&p.display_fr()).unwrap(), p.clone());
            prop_assert_eq!(Phone::parse(p.as_str()).unwrap(), p);
        }

        #[test]
        fn e164_round_trip(n in "\\+[1-9][0-9]{7,14}") {
            if let Ok(p) = Phone::parse(&n) {
                prop_assert_eq!(Phone::parse(p.as_str()).unwrap(), p.clone());
                prop_assert_eq!(Phone::parse(&p.display_fr()).unwrap(), p);
            }
        }
    }
}
