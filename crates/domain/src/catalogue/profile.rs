//! A company profile for orientation. Every field is optional ("je ne sais pas" is always an
//! answer). `ProfileInput` is what arrives (API JSON, form, example in a scheme file);
//! [`ProfileInput::parse`] turns it into a typed [`Profile`] or a list of field errors, each with
//! a stable code and, for closed lists, the valid values.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::taxonomy::Taxonomies;
use crate::geo::{CommuneCode, CountryCode, DepartementCode, Zone};
use crate::naf::NafCode;
use crate::siren::Siren;

/// The profile as received. Unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siren: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naf: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnover_eur: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_fiscal_years: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_experience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_chapters: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_zones: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_flags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub french_share_pct: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_eur: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_turnover_eur: Option<i64>,
    /// Request option (not a company fact): also return the schemes that do not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_not_eligible: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Experience {
    Never,
    NotLast12m,
    Last12m,
    NoOffer,
}

impl Experience {
    pub const ALL: [Experience; 4] = [
        Experience::Never,
        Experience::NotLast12m,
        Experience::Last12m,
        Experience::NoOffer,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Experience::Never => "never",
            Experience::NotLast12m => "not_last_12m",
            Experience::Last12m => "last_12m",
            Experience::NoOffer => "no_offer",
        }
    }
    pub fn parse(s: &str) -> Option<Experience> {
        Experience::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    Goods,
    Services,
    Both,
}

impl Offer {
    pub const ALL: [Offer; 3] = [Offer::Goods, Offer::Services, Offer::Both];
    pub fn as_str(self) -> &'static str {
        match self {
            Offer::Goods => "goods",
            Offer::Services => "services",
            Offer::Both => "both",
        }
    }
    pub fn parse(s: &str) -> Option<Offer> {
        Offer::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

pub const ACTIVITY_FLAGS: [&str; 4] =
    ["international_trading", "defence", "agriculture", "fishing"];
pub const REGISTRIES: [&str; 2] = ["rcs", "rm"];

/// Maturity stages M0–M4, derived from the export experience (see catalogue/README.md).
pub const STAGES: [&str; 5] = ["M0", "M1", "M2", "M3", "M4"];

/// Export turnover from which a regular exporter counts as established (M4).
pub const ESTABLISHED_EXPORT_TURNOVER_EUR: i64 = 1_000_000;

/// The typed profile the engine reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub siren: Option<Siren>,
    pub naf: Option<NafCode>,
    pub departement: Option<DepartementCode>,
    pub commune: Option<CommuneCode>,
    pub headcount: Option<i64>,
    pub turnover_eur: Option<i64>,
    /// A band (inclusive bounds) when only a band was answered, e.g. "10 to 49 employees".
    pub headcount_band: Option<(i64, i64)>,
    pub turnover_band: Option<(i64, i64)>,
    pub creation_year: Option<i64>,
    pub closed_fiscal_years: Option<i64>,
    pub export_experience: Option<Experience>,
    pub offer: Option<Offer>,
    pub hs_chapters: Vec<String>,
    pub target_countries: Vec<CountryCode>,
    pub target_zones: Vec<Zone>,
    pub needs: Vec<String>,
    /// None = not answered; Some(empty) = "none of these applies".
    pub activity_flags: Option<Vec<&'static str>>,
    pub registries: Option<Vec<&'static str>>,
    pub french_share_pct: Option<i64>,
    pub budget_eur: Option<i64>,
    pub export_turnover_eur: Option<i64>,
}

/// A refused field: `code` is stable (translation id `error-<code>`); `valid` lists the accepted
/// values for closed lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub valid: Vec<String>,
}

/// Accepted ranges: generous, but refuse what no company can have.
pub const MAX_HEADCOUNT: i64 = 5_000_000;
pub const MAX_EUR: i64 = 10_000_000_000_000;

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ProfileInput {
    pub fn parse(&self, tax: &Taxonomies, today: NaiveDate) -> Result<Profile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: &'static str, valid: Vec<String>| {
            errors.push(FieldError {
                field: field.to_string(),
                code,
                valid,
            })
        };
        let mut p = Profile::default();

        if let Some(s) = blank(&self.siren) {
            match crate::siren::parse_siren_or_siret(s) {
                Ok(s) => p.siren = Some(s),
                Err(e) => fail("siren", e.code(), vec![]),
            }
        }
        if let Some(s) = blank(&self.naf) {
            match NafCode::parse(s) {
                Ok(n) => p.naf = Some(n),
                Err(e) => fail("naf", e.code(), vec![]),
            }
        }
        if let Some(s) = blank(&self.commune) {
            match CommuneCode::parse(s) {
                Ok(c) => p.commune = Some(c),
                Err(e) => fail("commune", e.code(), vec![]),
            }
        }
        if let Some(s) = blank(&self.departement) {
            match DepartementCode::parse(s) {
                Ok(d) => p.departement = Some(d),
                Err(e) => fail("departement", e.code(), vec![]),
            }
        }
        if p.departement.is_none() {
            p.departement = p.commune.as_ref().map(|c| c.departement());
        } else if let (Some(d), Some(c)) = (&p.departement, &p.commune)
            && c.departement() != *d
        {
            fail("commune", "commune_not_in_departement", vec![]);
        }

        let mut range = |field: &str, v: Option<i64>, min: i64, max: i64| -> Option<i64> {
            let v = v?;
            if v < min {
                fail(field, "value_negative", vec![]);
                None
            } else if v > max {
                fail(field, "value_too_large", vec![]);
                None
            } else {
                Some(v)
            }
        };
        p.headcount = range("headcount", self.headcount, 0, MAX_HEADCOUNT);
        p.turnover_eur = range("turnover_eur", self.turnover_eur, 0, MAX_EUR);
        p.export_turnover_eur = range("export_turnover_eur", self.export_turnover_eur, 0, MAX_EUR);
        p.budget_eur = range("budget_eur", self.budget_eur, 0, MAX_EUR);
        p.closed_fiscal_years = range("closed_fiscal_years", self.closed_fiscal_years, 0, 500);
        p.french_share_pct = match self.french_share_pct {
            Some(v) if !(0..=100).contains(&v) => {
                fail("french_share_pct", "percent_out_of_range", vec![]);
                None
            }
            v => v,
        };
        p.creation_year = match self.creation_year {
            Some(y) if y < 1600 || y > i64::from(today.year()) => {
                fail("creation_year", "year_out_of_range", vec![]);
                None
            }
            y => y,
        };
        if let (Some(t), Some(e)) = (p.turnover_eur, p.export_turnover_eur)
            && e > t
        {
            fail("export_turnover_eur", "export_above_turnover", vec![]);
        }

        if let Some(s) = blank(&self.export_experience) {
            match Experience::parse(s) {
                Some(e) => p.export_experience = Some(e),
                None => fail(
                    "export_experience",
                    "value_unknown",
                    Experience::ALL
                        .iter()
                        .map(|e| e.as_str().to_string())
                        .collect(),
                ),
            }
        }
        if let Some(s) = blank(&self.offer) {
            match Offer::parse(s) {
                Some(o) => p.offer = Some(o),
                None => fail(
                    "offer",
                    "value_unknown",
                    Offer::ALL.iter().map(|e| e.as_str().to_string()).collect(),
                ),
            }
        }
        for ch in self.hs_chapters.iter().flatten() {
            let ch = ch.trim();
            let ok = ch.len() == 2
                && ch.chars().all(|c| c.is_ascii_digit())
                && crate::refdata::refdata().hs(ch).is_some();
            if ok {
                p.hs_chapters.push(ch.to_string());
            } else {
                fail("hs_chapters", "hs_chapter_unknown", vec![]);
            }
        }
        for c in self.target_countries.iter().flatten() {
            match CountryCode::parse(c) {
                Ok(c) if !p.target_countries.contains(&c) => p.target_countries.push(c),
                Ok(_) => {}
                Err(e) => fail("target_countries", e.code(), vec![]),
            }
        }
        for z in self.target_zones.iter().flatten() {
            match Zone::parse(z) {
                Ok(z) if !p.target_zones.contains(&z) => p.target_zones.push(z),
                Ok(_) => {}
                Err(e) => fail(
                    "target_zones",
                    e.code(),
                    Zone::all().iter().map(|z| z.id().to_string()).collect(),
                ),
            }
        }
        for n in self.needs.iter().flatten() {
            match tax.need(n.trim()) {
                Some(need) if !p.needs.contains(&need.id) => p.needs.push(need.id.clone()),
                Some(_) => {}
                None => fail(
                    "needs",
                    "need_unknown",
                    tax.needs.iter().map(|n| n.id.clone()).collect(),
                ),
            }
        }
        p.activity_flags = self.activity_flags.as_ref().map(|flags| {
            let mut out = Vec::new();
            for f in flags {
                match ACTIVITY_FLAGS.iter().find(|x| **x == f.trim()) {
                    Some(x) if !out.contains(x) => out.push(*x),
                    Some(_) => {}
                    None => fail(
                        "activity_flags",
                        "value_unknown",
                        ACTIVITY_FLAGS.iter().map(|s| s.to_string()).collect(),
                    ),
                }
            }
            out
        });
        p.registries = self.registries.as_ref().map(|regs| {
            let mut out = Vec::new();
            for r in regs {
                let r = r.trim().to_ascii_lowercase();
                match REGISTRIES.iter().find(|x| **x == r) {
                    Some(x) if !out.contains(x) => out.push(*x),
                    Some(_) => {}
                    None => fail(
                        "registries",
                        "value_unknown",
                        REGISTRIES.iter().map(|s| s.to_string()).collect(),
                    ),
                }
            }
            out
        });
        if errors.is_empty() {
            Ok(p)
        } else {
            errors.dedup();
            Err(errors)
        }
    }
}

impl Profile {
    /// Maturity stage index 0..=4, when the export experience is known.
    pub fn stage(&self) -> Option<u8> {
        Some(match self.export_experience? {
            Experience::NoOffer => 0,
            Experience::Never => 1,
            Experience::NotLast12m => 2,
            Experience::Last12m => {
                if self
                    .export_turnover_eur
                    .is_some_and(|e| e >= ESTABLISHED_EXPORT_TURNOVER_EUR)
                {
                    4
                } else {
                    3
                }
            }
        })
    }

    /// Headcount as an interval: the exact figure, else the band.
    pub fn headcount_range(&self) -> Option<(i64, i64)> {
        self.headcount.map(|v| (v, v)).or(self.headcount_band)
    }

    /// Turnover as an interval: the exact figure, else the band.
    pub fn turnover_range(&self) -> Option<(i64, i64)> {
        self.turnover_eur.map(|v| (v, v)).or(self.turnover_band)
    }

    /// Size category; with bands, known only when both ends of the bands agree.
    pub fn size(&self) -> Option<SizeCategory> {
        let h = self.headcount_range();
        let t = self.turnover_range();
        let lo = SizeCategory::of(h.map(|x| x.0), t.map(|x| x.0));
        let hi = SizeCategory::of(h.map(|x| x.1), t.map(|x| x.1));
        if lo == hi { lo } else { None }
    }

    /// Age in whole years from the creation year (the year counts as started).
    pub fn age_years(&self, today: NaiveDate) -> Option<i64> {
        self.creation_year.map(|y| i64::from(today.year()) - y)
    }

    /// The profile with nothing known: the starting point of the questionnaire.
    pub fn unknown() -> Profile {
        Profile::default()
    }
}

/// EU size categories (headcount and turnover; the balance-sheet alternative is not asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum SizeCategory {
    Micro,
    Small,
    Medium,
    Eti,
    Large,
}

impl SizeCategory {
    pub const ALL: [SizeCategory; 5] = [
        SizeCategory::Micro,
        SizeCategory::Small,
        SizeCategory::Medium,
        SizeCategory::Eti,
        SizeCategory::Large,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SizeCategory::Micro => "micro",
            SizeCategory::Small => "small",
            SizeCategory::Medium => "medium",
            SizeCategory::Eti => "eti",
            SizeCategory::Large => "large",
        }
    }
    pub fn parse(s: &str) -> Option<SizeCategory> {
        SizeCategory::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// The category from headcount and turnover: (headcount limit exclusive, turnover limit).
    /// With one figure missing, the answer is known only when that figure alone decides it.
    pub fn of(headcount: Option<i64>, turnover: Option<i64>) -> Option<SizeCategory> {
        const LIMITS: [(i64, i64, SizeCategory); 4] = [
            (10, 2_000_000, SizeCategory::Micro),
            (50, 10_000_000, SizeCategory::Small),
            (250, 50_000_000, SizeCategory::Medium),
            (5_000, 1_500_000_000, SizeCategory::Eti),
        ];
        let by_head = headcount.map(|h| {
            LIMITS
                .iter()
                .find(|(lh, _, _)| h < *lh)
                .map_or(SizeCategory::Large, |l| l.2)
        });
        let by_turn = turnover.map(|t| {
            LIMITS
                .iter()
                .find(|(_, lt, _)| t <= *lt)
                .map_or(SizeCategory::Large, |l| l.2)
        });
        match (by_head, by_turn) {
            // Both ceilings must hold: the larger of the two categories applies.
            (Some(a), Some(b)) => Some(a.max(b)),
            // One figure alone is decisive only when it already puts the company at the top.
            (Some(SizeCategory::Large), None) | (None, Some(SizeCategory::Large)) => {
                Some(SizeCategory::Large)
            }
            _ => None,
        }
    }
}
