//! Money as an integer number of euro cents.
//!
//! Amounts (budgets, grants, turnover) are never floating point: [`Cents`] wraps an `i64`, so
//! sums are exact and comparisons are stable. User input is parsed leniently (French or English
//! separators, grouping spaces, optional `€`) but never negative: negative amounts only come
//! from computations, through [`Cents::new`]. Serde uses the plain integer (cents), which is
//! what the database and the API store.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why an amount was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum MoneyError {
    #[error("not an amount (expected e.g. 1 234,56 €)")]
    Format,
    #[error("the amount must not be negative")]
    Negative,
    #[error("the amount is too large")]
    TooLarge,
}

impl MoneyError {
    /// Stable snake_case code, also used as translation id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "amount_format",
            Self::Negative => "amount_negative",
            Self::TooLarge => "amount_too_large",
        }
    }
}

/// An amount in euro cents (may be negative when computed, e.g. a balance).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// Spaces accepted as thousands separators.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// Any amount, negative allowed (computed values).
    pub const fn new(cents: i64) -> Self {
        Self(cents)
    }

    /// Whole euros; `None` on overflow.
    pub fn from_euros(euros: i64) -> Option<Self> {
        euros.checked_mul(100).map(Self)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// Whole euros, truncated toward zero.
    pub const fn euros(self) -> i64 {
        self.0 / 100
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Self)
    }

    pub fn saturating_add(self, other: Self) -> Self {
        Self(self.0.saturating_add(other.0))
    }

    /// `self × percent / 100`, rounded half away from zero (e.g. a 65 % guarantee).
    pub fn percent(self, percent: u32) -> Option<Self> {
        let v = i128::from(self.0) * i128::from(percent);
        let rounded = if v >= 0 {
            (v + 50) / 100
        } else {
            (v - 50) / 100
        };
        i64::try_from(rounded).ok().map(Self)
    }

    /// Parses a user-entered, non-negative amount in euros: `1 234,56 €`, `1234.56`, `1 234`,
    /// `1 234,5`, `€1,234.56`, `1.234,56`, `1234,56 EUR`.
    ///
    /// Rules: spaces (incl. no-break and narrow no-break) group thousands and are ignored; with
    /// both `,` and `.` present the last one is the decimal separator and the other groups
    /// thousands (groups of 3 digits); with one kind only, it is the decimal separator when it
    /// occurs once followed by 1 or 2 digits, and a thousands separator when every group after
    /// it has 3 digits (`1.500` = 1 500 €). More than 2 decimals is an error.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        let mut s = input.trim();
        for suffix in ["€", "EUR", "eur", "Eur"] {
            if let Some(r) = s.strip_suffix(suffix) {
                s = r.trim_end();
                break;
            }
        }
        if let Some(r) = s.strip_prefix('€') {
            s = r.trim_start();
        }
        let (negative, s) = match s.strip_prefix(['-', '\u{2212}']) {
            Some(r) => (true, r.trim_start()),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let s = s.strip_prefix('€').map_or(s, str::trim_start);
        let s: String = s.chars().filter(|c| !is_group_space(*c)).collect();
        if s.is_empty()
            || !s
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return Err(MoneyError::Format);
        }
        let (int_part, frac) = split_decimal(&s)?;
        if negative {
            return Err(MoneyError::Negative);
        }
        let mut cents: i64 = 0;
        for d in int_part.bytes().chain(frac.bytes()) {
            cents = cents
                .checked_mul(10)
                .and_then(|c| c.checked_add(i64::from(d - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        if frac.len() < 2 {
            cents = cents
                .checked_mul(if frac.is_empty() { 100 } else { 10 })
                .ok_or(MoneyError::TooLarge)?;
        }
        Ok(Self(cents))
    }

    /// French format: `1 234,56 €` (U+202F narrow no-break space between thousands, U+00A0
    /// no-break space before the sign), `-1 234,56 €` when negative.
    pub fn format_fr(self) -> String {
        let (sign, int, frac) = self.parts();
        format!("{sign}{},{frac:02}\u{a0}€", group(int, '\u{202f}'))
    }

    /// English format: `€1,234.56`, `-€1,234.56` when negative.
    pub fn format_en(self) -> String {
        let (sign, int, frac) = self.parts();
        format!("{sign}€{}.{frac:02}", group(int, ','))
    }

    /// French format without cents when they are zero: `1 234 €`.
    pub fn format_fr_short(self) -> String {
        let (sign, int, frac) = self.parts();
        if frac == 0 {
            format!("{sign}{}\u{a0}€", group(int, '\u{202f}'))
        } else {
            self.format_fr()
        }
    }

    fn parts(self) -> (&'static str, u64, u64) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        (sign, abs / 100, abs % 100)
    }
}

/// Splits digits and separators into integer digits and 0–2 decimal digits.
fn split_decimal(s: &str) -> Result<(String, String), MoneyError> {
    let last_comma = s.rfind(',');
    let last_dot = s.rfind('.');
    let decimal_pos = match (last_comma, last_dot) {
        (None, None) => None,
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(p), None) | (None, Some(p)) => {
            let sep = s.as_bytes()[p];
            let count = s.bytes().filter(|b| *b == sep).count();
            let after = s.len() - p - 1;
            (count == 1 && (1..=2).contains(&after)).then_some(p)
        }
    };
    let (int_raw, frac) = match decimal_pos {
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (s, ""),
    };
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MoneyError::Format);
    }
    // Whatever separator remains in the integer part groups thousands: one kind only, first
    // group 1–3 digits, then groups of exactly 3.
    let groups: Vec<&str> = int_raw.split([',', '.']).collect();
    if groups.len() > 1 {
        let seps: Vec<char> = int_raw.chars().filter(|c| *c == ',' || *c == '.').collect();
        let one_kind = seps.windows(2).all(|w| w[0] == w[1]);
        if !one_kind
            || !(1..=3).contains(&groups[0].len())
            || groups[1..].iter().any(|g| g.len() != 3)
        {
            return Err(MoneyError::Format);
        }
    }
    let int: String = groups.concat();
    if int.is_empty() && frac.is_empty() {
        return Err(MoneyError::Format);
    }
    Ok((int, frac.to_owned()))
}

/// Groups the digits of `n` by three with `sep`.
fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Cents {
    /// French format, as the product is French-first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_fr())
    }
}

impl FromStr for Cents {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, rhs: Self) {
        self.0 += rhs.0;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}

impl SubAssign for Cents {
    fn sub_assign(&mut self, rhs: Self) {
        self.0 -= rhs.0;
    }
}

impl Neg for Cents {
    type Output = Cents;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Self {
        iter.fold(Cents::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Cents> for Cents {
    fn sum<I: Iterator<Item = &'a Cents>>(iter: I) -> Self {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> i64 {
        Cents::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}")).0
    }

    #[test]
    fn parses_french_and_english_forms() {
        assert_eq!(p("1 234,56 €"), 123_456);
        assert_eq!(p("1234.56"), 123_456);
        assert_eq!(p("1 234"), 123_400);
        assert_eq!(p("1\u{202f}234,5"), 123_450);
        assert_eq!(p("1\u{a0}234,56\u{a0}€"), 123_456);
        assert_eq!(p("€1,234.56"), 123_456);
        assert_eq!(p("1.234,56"), 123_456);
        assert_eq!(p("1,234,567.8"), 123_456_780);
        assert_eq!(p("1.500"), 150_000);
        assert_eq!(p("1,5"), 150);
        assert_eq!(p("0,05"), 5);
        assert_eq!(p(",5"), 50);
        assert_eq!(p("12 EUR"), 1200);
        assert_eq!(p("+12"), 1200);
        assert_eq!(p("0"), 0);
        assert_eq!(p("1 500 000"), 150_000_000);
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "€",
            "abc",
            "12a",
            "1,2,3",
            "1.234.5",
            "1,23.456",
            "1.2345",
            "1,234.567",
            "12..3",
            "1,,5",
            "1.",
            ",",
            "1 234,567",
            "1,2.3",
            "12,34,56",
        ] {
            assert_eq!(
                Cents::parse(bad).unwrap_err().code(),
                "amount_format",
                "{bad:?}"
            );
        }
        assert_eq!(Cents::parse("-5").unwrap_err().code(), "amount_negative");
        assert_eq!(
            Cents::parse("-€0.05").unwrap_err().code(),
            "amount_negative"
        );
        assert_eq!(
            Cents::parse("− 1 234,56 €").unwrap_err().code(),
            "amount_negative"
        );
        assert_eq!(
            Cents::parse("99999999999999999999").unwrap_err().code(),
            "amount_too_large"
        );
        assert_eq!(
            Cents::parse("92233720368547758,08").unwrap_err().code(),
            "amount_too_large"
        );
        assert_eq!(p("92233720368547758,07"), i64::MAX);
    }

    #[test]
    fn formats() {
        let c = Cents::new(123_456);
        assert_eq!(c.format_fr(), "1\u{202f}234,56\u{a0}€");
        assert_eq!(c.format_en(), "€1,234.56");
        assert_eq!(c.to_string(), c.format_fr());
        assert_eq!(Cents::new(5).format_fr(), "0,05\u{a0}€");
        assert_eq!(Cents::new(-123_456).format_fr(), "-1\u{202f}234,56\u{a0}€");
        assert_eq!(Cents::new(-5).format_en(), "-€0.05");
        assert_eq!(Cents::new(100_000_000).format_en(), "€1,000,000.00");
        assert_eq!(Cents::new(150_000).format_fr_short(), "1\u{202f}500\u{a0}€");
        assert_eq!(
            Cents::new(i64::MIN).format_en(),
            "-€92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn arithmetic_and_serde() {
        let a = Cents::new(1050);
        assert_eq!(a + Cents::new(50), Cents::new(1100));
        assert_eq!(a - Cents::new(2000), Cents::new(-950));
        assert_eq!([a, a].iter().sum::<Cents>(), Cents::new(2100));
        assert_eq!(Cents::from_euros(12), Some(Cents::new(1200)));
        assert_eq!(Cents::from_euros(i64::MAX), None);
        assert_eq!(Cents::new(1001).percent(65), Some(Cents::new(651)));
        assert_eq!(Cents::new(i64::MAX).checked_add(Cents::new(1)), None);
        assert_eq!(serde_json::to_string(&a).unwrap(), "1050");
        assert_eq!(serde_json::from_str::<Cents>("-7").unwrap(), Cents::new(-7));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = Cents::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_amount_like(s in "[-+€ 0-9.,\u{202f}\u{a0}]{0,30}") {
            let _ = Cents::parse(&s);
        }

        #[test]
        fn format_fr_round_trips(n in 0i64..=i64::MAX) {
            let c = Cents::new(n);
            prop_assert_eq!(Cents::parse(&c.format_fr()).unwrap(), c);
            prop_assert_eq!(Cents::parse(&c.format_en()).unwrap(), c);
            prop_assert_eq!(Cents::parse(&c.format_fr_short()).unwrap(), c);
        }

        #[test]
        fn negative_formats_are_rejected(n in i64::MIN..0) {
            let c = Cents::new(n);
            prop_assert_eq!(Cents::parse(&c.format_fr()).unwrap_err().code(), "amount_negative");
            prop_assert_eq!(Cents::parse(&c.format_en()).unwrap_err().code(), "amount_negative");
        }
    }
}
