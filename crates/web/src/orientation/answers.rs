//! The answers of the questionnaire as form and query fields, and the company profile they
//! describe (errors by form field). The SIREN never goes into a URL.

use crate::http::ctx::Ctx;
use crate::http::forms;
use crate::http::render::FormState;
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use tremplin_domain::catalogue::ProfileInput;
use tremplin_domain::catalogue::profile::{FieldError, Profile};
use tremplin_domain::company::{HEADCOUNT_BANDS, TURNOVER_BANDS};

pub(super) const SIREN_KEY: &str = "orientation_siren";

/// Every answer of the questionnaire, as form/query fields (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Answers {
    #[serde(default)]
    pub siren: String,
    #[serde(default, rename = "activite")]
    pub activity: String,
    #[serde(default)]
    pub naf: String,
    #[serde(default)]
    pub departement: String,
    #[serde(default, rename = "effectif")]
    pub headcount: String,
    #[serde(default, rename = "ca")]
    pub turnover: String,
    #[serde(default)]
    pub creation: String,
    #[serde(default)]
    pub experience: String,
    #[serde(default, rename = "offre")]
    pub offer: String,
    #[serde(default, rename = "sh")]
    pub hs_chapter: String,
    #[serde(default, rename = "pays")]
    pub countries: Vec<String>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default, rename = "besoins")]
    pub needs: Vec<String>,
    #[serde(default, rename = "exercices")]
    pub fiscal_years: String,
    #[serde(default, rename = "part_fr")]
    pub french_share: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default, rename = "ca_export")]
    pub export_turnover: String,
    #[serde(default, rename = "negoce")]
    pub trading: String,
    #[serde(default, rename = "registre")]
    pub registry: String,
    #[serde(default, rename = "non_eligibles")]
    pub show_not_eligible: String,
    #[serde(default)]
    pub action: String,
}

/// Form field of each profile field, to show an engine error next to its input.
pub(super) fn form_field(profile_field: &str) -> &str {
    match profile_field {
        "headcount" => "effectif",
        "turnover_eur" => "ca",
        "creation_year" => "creation",
        "export_experience" => "experience",
        "offer" => "offre",
        "hs_chapters" => "sh",
        "target_countries" => "pays",
        "target_zones" => "zones",
        "needs" => "besoins",
        "closed_fiscal_years" => "exercices",
        "french_share_pct" => "part_fr",
        "budget_eur" => "budget",
        "export_turnover_eur" => "ca_export",
        "activity_flags" => "negoce",
        "registries" => "registre",
        other => other,
    }
}

/// The band of an answer among `bands`, as (min, max); an unknown band is an error.
fn band(
    v: &str,
    bands: &[(&str, i64, i64)],
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<(i64, i64)> {
    let v = opt(v)?;
    match bands.iter().find(|b| b.0 == v) {
        Some(b) => Some((b.1, b.2)),
        None => {
            errors.push(FieldError {
                field: field.into(),
                code: "value_unknown",
                valid: bands.iter().map(|b| b.0.to_string()).collect(),
            });
            None
        }
    }
}

pub(super) fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "inconnu").then(|| s.to_string())
}

pub(super) fn int(s: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let s = opt(s)?;
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .collect();
    match digits.parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                field: field.to_string(),
                code: if digits.starts_with('-') {
                    "value_negative"
                } else {
                    "number_invalid"
                },
                valid: vec![],
            });
            None
        }
    }
}

impl Answers {
    /// The profile these answers describe, or the errors by form field.
    pub fn profile(&self, state: &AppState) -> (ProfileInput, Result<Profile, Vec<FieldError>>) {
        let mut errors = Vec::new();
        let headcount_band = band(&self.headcount, &HEADCOUNT_BANDS, "effectif", &mut errors);
        let turnover_band = band(&self.turnover, &TURNOVER_BANDS, "ca", &mut errors);
        let input = self.input(&mut errors);
        let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
        let live = state.catalogue();
        let parsed = input.parse(&live.catalogue.taxonomies, today);
        let result = match parsed {
            Ok(mut p) if errors.is_empty() => {
                p.headcount_band = headcount_band;
                p.turnover_band = turnover_band;
                Ok(p)
            }
            Ok(_) => Err(errors),
            Err(mut e) => {
                for x in &mut e {
                    x.field = form_field(&x.field).to_string();
                }
                e.extend(errors);
                Err(e)
            }
        };
        (input, result)
    }

    /// The engine's input from the answers; numbers that do not parse are errors.
    fn input(&self, errors: &mut Vec<FieldError>) -> ProfileInput {
        let mut zones: Vec<String> = self.zones.iter().filter_map(|z| opt(z)).collect();
        zones.retain(|z| z != "indecis");
        ProfileInput {
            siren: opt(&self.siren),
            naf: opt(&self.naf),
            departement: opt(&self.departement).filter(|d| d != "autre"),
            creation_year: int(&self.creation, "creation", errors),
            closed_fiscal_years: int(&self.fiscal_years, "exercices", errors),
            export_experience: opt(&self.experience),
            offer: opt(&self.offer),
            hs_chapters: opt(&self.hs_chapter).map(|s| vec![s]),
            target_countries: Some(self.countries.iter().filter_map(|p| opt(p)).collect())
                .filter(|v: &Vec<String>| !v.is_empty()),
            target_zones: Some(zones).filter(|v| !v.is_empty()),
            needs: Some(self.needs.iter().filter_map(|p| opt(p)).collect())
                .filter(|v: &Vec<String>| !v.is_empty()),
            activity_flags: match opt(&self.trading).as_deref() {
                Some("oui") => Some(vec!["international_trading".into()]),
                Some("non") => Some(vec![]),
                _ => None,
            },
            registries: match opt(&self.registry).as_deref() {
                Some("both") => Some(vec!["rcs".into(), "rm".into()]),
                Some(r) => Some(vec![r.to_string()]),
                None => None,
            },
            french_share_pct: int(&self.french_share, "part_fr", errors),
            budget_eur: int(&self.budget, "budget", errors),
            export_turnover_eur: int(&self.export_turnover, "ca_export", errors),
            ..ProfileInput::default()
        }
    }

    /// The one-value answers by parameter name (the SIREN and activity text apart).
    fn single_answers(&self) -> [(&'static str, &String); 14] {
        [
            ("naf", &self.naf),
            ("departement", &self.departement),
            ("effectif", &self.headcount),
            ("ca", &self.turnover),
            ("creation", &self.creation),
            ("experience", &self.experience),
            ("offre", &self.offer),
            ("sh", &self.hs_chapter),
            ("exercices", &self.fiscal_years),
            ("part_fr", &self.french_share),
            ("budget", &self.budget),
            ("ca_export", &self.export_turnover),
            ("negoce", &self.trading),
            ("registre", &self.registry),
        ]
    }

    /// The answers given, as (parameter, value) pairs, without the SIREN (never in a URL).
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        let lists = [
            ("pays", &self.countries),
            ("zones", &self.zones),
            ("besoins", &self.needs),
        ];
        self.single_answers()
            .into_iter()
            .map(|(k, v)| (k, v.as_str()))
            .chain(
                lists
                    .into_iter()
                    .flat_map(|(k, vs)| vs.iter().map(move |v| (k, v.as_str()))),
            )
            .map(|(k, v)| (k, v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// The answers as a query string, without the SIREN (never in a URL).
    pub fn query(&self) -> String {
        forms::query(self.pairs())
    }

    pub(super) fn form_state(&self, ctx: &Ctx) -> FormState {
        let mut f = FormState::new(ctx.lang);
        let identity = [("siren", &self.siren), ("activite", &self.activity)];
        for (k, v) in identity.into_iter().chain(self.single_answers()) {
            f.values.insert(k.into(), v.clone());
        }
        f
    }
}

pub(super) fn fail_all(form: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        form.fail(&e.field, e.code);
    }
}
