//! vCard 4.0 (RFC 6350) business cards, so guests and companies can import each
//! other's contact details into any address book after a meeting.
//!
//! Text values are escaped and lines folded by [`crate::text`]; the phone number
//! becomes a `tel:` URI (RFC 3966, visual separators as `-`), and the website is
//! written verbatim as a URI, so it must not contain whitespace or control characters.

use crate::text::{escape_text, fold_line};
use serde::{Deserialize, Serialize};

/// Contact details of one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCard {
    /// Given (first) name.
    pub given_name: String,
    /// Family (last) name.
    pub family_name: String,
    /// Display name (`FN`); when empty, "given family" is used.
    #[serde(default)]
    pub formatted_name: String,
    /// Job title (`TITLE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Company name (`ORG`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number, e.g. `"+33 1 23 45 67 89"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Website (`URL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// Why a card could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// No name at all (`FN` is mandatory).
    #[error("the card has no name")]
    EmptyName,
    /// The phone number has characters other than digits, a leading `+` and separators.
    #[error("phone number {0:?} is not a valid telephone number")]
    InvalidPhone(String),
    /// The website contains whitespace or control characters.
    #[error("website {0:?} is not a valid URI")]
    InvalidUrl(String),
}

impl BusinessCard {
    /// The display name written as `FN`.
    pub fn display_name(&self) -> String {
        if !self.formatted_name.trim().is_empty() {
            return self.formatted_name.clone();
        }
        [self.given_name.trim(), self.family_name.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Converts a phone number to a `tel:` URI: a leading `+` and the digits are kept,
/// runs of spaces, `.`, `-`, `/`, `(`, `)` become a single `-`.
pub fn tel_uri(phone: &str) -> Result<String, CardError> {
    let bad = || CardError::InvalidPhone(phone.to_string());
    let trimmed = phone.trim();
    let (plus, body) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    let mut out = format!("tel:{plus}");
    let mut pending_sep = false;
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => {
                if pending_sep && digits > 0 {
                    out.push('-');
                }
                pending_sep = false;
                out.push(c);
                digits += 1;
            }
            ' ' | '.' | '-' | '/' | '(' | ')' => pending_sep = true,
            _ => return Err(bad()),
        }
    }
    if digits == 0 {
        return Err(bad());
    }
    Ok(out)
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// Writes the card as a vCard 4.0 document (CRLF line ends, folded at 75 octets).
pub fn vcard(card: &BusinessCard) -> Result<String, CardError> {
    let name = card.display_name();
    if name.trim().is_empty() {
        return Err(CardError::EmptyName);
    }
    let mut out = String::new();
    fold_line(&mut out, "BEGIN:VCARD");
    fold_line(&mut out, "VERSION:4.0");
    fold_line(&mut out, &format!("FN:{}", escape_text(&name)));
    fold_line(
        &mut out,
        &format!(
            "N:{};{};;;",
            escape_text(&card.family_name),
            escape_text(&card.given_name)
        ),
    );
    if let Some(t) = present(&card.title) {
        fold_line(&mut out, &format!("TITLE:{}", escape_text(t)));
    }
    if let Some(o) = present(&card.organization) {
        fold_line(&mut out, &format!("ORG:{}", escape_text(o)));
    }
    if let Some(e) = present(&card.email) {
        fold_line(&mut out, &format!("EMAIL;TYPE=work:{}", escape_text(e)));
    }
    if let Some(p) = present(&card.phone) {
        let uri = tel_uri(p)?;
        fold_line(&mut out, &format!("TEL;VALUE=uri;TYPE=work,voice:{uri}"));
    }
    if let Some(u) = present(&card.website) {
        if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(CardError::InvalidUrl(u.to_string()));
        }
        fold_line(&mut out, &format!("URL:{u}"));
    }
    fold_line(&mut out, "END:VCARD");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_uris() {
        assert_eq!(
            tel_uri("+33 (0)1 23.45-67 89").unwrap(),
            "tel:+33-0-1-23-45-67-89"
        );
        assert_eq!(tel_uri("0123").unwrap(), "tel:0123");
        assert!(tel_uri("call me").is_err());
        assert!(tel_uri("+").is_err());
    }
}
