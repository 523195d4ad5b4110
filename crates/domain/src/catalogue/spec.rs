//! The scheme file format, field for field (`deny_unknown_fields`: a typo is an error with its
//! line). Serialising a spec writes the same TOML back (the round trip is tested).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A text in French (required) and English (falls back to French when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub fr: String,
    #[serde(default)]
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" && !self.en.trim().is_empty() {
            &self.en
        } else {
            &self.fr
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Review,
    Published,
    Closed,
    Archived,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Review,
        Status::Published,
        Status::Closed,
        Status::Archived,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Published => "published",
            Status::Closed => "closed",
            Status::Archived => "archived",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorRole {
    Funder,
    Operator,
    Contact,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSpec {
    pub org: String,
    pub roles: Vec<OperatorRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AvailabilityKind {
    Permanent,
    RecurringCalls,
    OneOffCall,
    UntilBudgetExhausted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    pub kind: AvailabilityKind,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    pub opens: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    pub closes: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    #[serde(with = "date")]
    pub seen: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Confirmed,
    ToConfirm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    #[serde(with = "date")]
    pub on: NaiveDate,
    pub by: String,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Required,
    Preferred,
    ToVerify,
}

/// Every criterion kind of the closed vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Headcount,
    Turnover,
    ExportTurnover,
    AgeYears,
    ClosedFiscalYears,
    Budget,
    FrenchShare,
    SizeCategory,
    Location,
    Naf,
    ActivityFlag,
    Registry,
    Maturity,
    Experience,
    TargetZone,
    OfferType,
    Manual,
    AnyOf,
    AllOf,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Headcount => "headcount",
            Kind::Turnover => "turnover",
            Kind::ExportTurnover => "export_turnover",
            Kind::AgeYears => "age_years",
            Kind::ClosedFiscalYears => "closed_fiscal_years",
            Kind::Budget => "budget",
            Kind::FrenchShare => "french_share",
            Kind::SizeCategory => "size_category",
            Kind::Location => "location",
            Kind::Naf => "naf",
            Kind::ActivityFlag => "activity_flag",
            Kind::Registry => "registry",
            Kind::Maturity => "maturity",
            Kind::Experience => "experience",
            Kind::TargetZone => "target_zone",
            Kind::OfferType => "offer_type",
            Kind::Manual => "manual",
            Kind::AnyOf => "any_of",
            Kind::AllOf => "all_of",
        }
    }
}

/// One criterion as written in the file: the parameters allowed depend on `kind` (checked by
/// `compile`), so the struct lists them all as optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departements: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_prefixes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_prefixes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_have: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_not_have: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<Vec<CriterionSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedBucket {
    Eligible,
    ToConfirm,
    NotEligible,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub name: String,
    pub expect: ExpectedBucket,
    pub profile: super::profile::ProfileInput,
}

/// One scheme file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeSpec {
    pub id: String,
    pub status: Status,
    pub natures: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub to_be_supplied: bool,
    pub name: Text,
    pub summary: Text,
    pub benefit: Text,
    pub operators: Vec<OperatorSpec>,
    pub availability: Availability,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
    #[serde(default)]
    pub criteria: Vec<CriterionSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

impl SchemeSpec {
    /// Parses one scheme file. A syntax error or an unknown key carries its line.
    pub fn from_toml(text: &str) -> Result<SchemeSpec, (usize, String)> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(1);
            (line, e.message().to_string())
        })
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// 1-based line number of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// Dates are TOML's native local dates (`2026-11-26`) in files; a quoted string is accepted too.
mod date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }

    pub fn parse<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = match Raw::deserialize(d)? {
            Raw::Toml(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| serde::de::Error::custom(format!("\"{text}\" is not a date (YYYY-MM-DD)")))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        parse(d)
    }

    pub fn serialize<S: Serializer>(v: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match v
            .format("%Y-%m-%d")
            .to_string()
            .parse::<toml::value::Datetime>()
        {
            Ok(dt) => dt.serialize(s),
            Err(_) => s.serialize_str(&v.to_string()),
        }
    }
}

mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        super::date::parse(d).map(Some)
    }

    pub fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => super::date::serialize(d, s),
            None => s.serialize_none(),
        }
    }
}
