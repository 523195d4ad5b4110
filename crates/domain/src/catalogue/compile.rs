//! Validation of scheme files into the compiled form the engine evaluates. Every problem is a
//! [`Diagnostic`] with the file and line it comes from, so `tremplin catalogue check` can list
//! them all at once.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::profile::{ACTIVITY_FLAGS, Experience, REGISTRIES, STAGES, SizeCategory};
use super::spec::{CriterionSpec, Kind, Level, SchemeSpec, Status, Text, line_of_offset};
use super::taxonomy::Taxonomies;
use crate::geo::{CountryCode, DepartementCode, Zone};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Numeric profile fields that range criteria read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumField {
    Headcount,
    Turnover,
    ExportTurnover,
    AgeYears,
    ClosedFiscalYears,
    Budget,
    FrenchShare,
}

impl NumField {
    /// The profile field to fill in when this value is unknown.
    pub fn input(self) -> &'static str {
        match self {
            NumField::Headcount => "headcount",
            NumField::Turnover => "turnover_eur",
            NumField::ExportTurnover => "export_turnover_eur",
            NumField::AgeYears => "creation_year",
            NumField::ClosedFiscalYears => "closed_fiscal_years",
            NumField::Budget => "budget_eur",
            NumField::FrenchShare => "french_share_pct",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Range {
        field: NumField,
        min: Option<i64>,
        max: Option<i64>,
        strict: bool,
    },
    Size(Vec<SizeCategory>),
    Location {
        departements: Vec<String>,
        regions: Vec<String>,
    },
    /// Prefixes normalised: upper case, no dots.
    Naf {
        include: Vec<String>,
        exclude: Vec<String>,
    },
    Flags {
        must_have: Vec<&'static str>,
        must_not_have: Vec<&'static str>,
    },
    Registry(Vec<&'static str>),
    Maturity(Vec<u8>),
    Experience(Vec<Experience>),
    TargetZone {
        zones: Vec<Zone>,
        countries: Vec<CountryCode>,
        exclude: Vec<CountryCode>,
    },
    Offer {
        goods: bool,
        services: bool,
    },
    Manual(Text),
    AnyOf(Vec<Criterion>),
    AllOf(Vec<Criterion>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub level: Level,
    pub weight: u8,
    pub label: Option<Text>,
    pub source: Option<String>,
    pub rule: Rule,
}

/// A validated scheme: the spec (for display and export) and its compiled criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledScheme {
    pub spec: SchemeSpec,
    pub criteria: Vec<Criterion>,
    pub zones: Vec<Zone>,
    pub countries: Vec<CountryCode>,
    pub stages: Vec<u8>,
}

impl CompiledScheme {
    /// Whether the scheme may be recommended today: published, inside its validity window, and
    /// its call (if any) not closed.
    pub fn recommendable(&self, today: NaiveDate) -> bool {
        let s = &self.spec;
        s.status == Status::Published
            && s.valid_from.is_none_or(|d| d <= today)
            && s.valid_until.is_none_or(|d| today <= d)
            && s.availability.closes.is_none_or(|d| today <= d)
    }

    /// True when the scheme is restricted to some markets.
    pub fn has_market(&self) -> bool {
        !self.zones.is_empty() || !self.countries.is_empty()
    }

    pub fn covers(&self, c: &CountryCode) -> bool {
        self.countries.contains(c) || self.zones.iter().any(|z| z.contains(c))
    }
}

/// The compiled catalogue with its taxonomies and a version (hash of the content).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub taxonomies: Taxonomies,
    pub schemes: Vec<CompiledScheme>,
    pub version: String,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&CompiledScheme> {
        self.schemes.iter().find(|s| s.spec.id == id)
    }
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
    tax: &'a Taxonomies,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Reports a problem at the first line containing `needle` (or line 1).
    fn err(&mut self, needle: &str, message: String) {
        let line = if needle.is_empty() {
            1
        } else {
            self.text
                .find(needle)
                .map(|o| line_of_offset(self.text, o))
                .unwrap_or(1)
        };
        self.diags.push(Diagnostic {
            file: self.file.to_string(),
            line,
            message,
        });
    }

    /// Keeps the values `parse` accepts; reports each other one at its own line.
    fn parse_each<T>(
        &mut self,
        values: &[String],
        parse: impl Fn(&str) -> Option<T>,
        message: impl Fn(&str) -> String,
    ) -> Vec<T> {
        values
            .iter()
            .filter_map(|v| {
                let x = parse(v);
                if x.is_none() {
                    self.err(&format!("\"{v}\""), message(v));
                }
                x
            })
            .collect()
    }
}

/// Parses and validates one scheme file. `today` is for the "published but expired" check.
pub fn compile_scheme(
    file: &str,
    text: &str,
    tax: &Taxonomies,
    today: NaiveDate,
) -> Result<CompiledScheme, Vec<Diagnostic>> {
    compile_scheme_with(file, text, tax, today, true)
}

/// As [`compile_scheme`]; `check_expiry` false skips the "published but past its validity"
/// check, for loading the live catalogue (an expired scheme is then simply not recommended).
pub fn compile_scheme_with(
    file: &str,
    text: &str,
    tax: &Taxonomies,
    today: NaiveDate,
    check_expiry: bool,
) -> Result<CompiledScheme, Vec<Diagnostic>> {
    let spec = SchemeSpec::from_toml(text).map_err(|(line, message)| {
        vec![Diagnostic {
            file: file.to_string(),
            line,
            message,
        }]
    })?;
    compile_spec(file, text, spec, tax, today, check_expiry)
}

/// Validates a spec (from a file, or from the editing form with `text` = its TOML).
pub fn compile_spec(
    file: &str,
    text: &str,
    spec: SchemeSpec,
    tax: &Taxonomies,
    today: NaiveDate,
    check_expiry: bool,
) -> Result<CompiledScheme, Vec<Diagnostic>> {
    let mut c = Ctx {
        file,
        text,
        tax,
        diags: Vec::new(),
    };
    let s = &spec;
    if s.id.is_empty()
        || !s
            .id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        c.err(
            "id",
            format!("id \"{}\": use lower-case letters, digits and dashes", s.id),
        );
    }
    let stem = file
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".toml"))
        .unwrap_or(file);
    if file.ends_with(".toml") && stem != s.id {
        c.err(
            "id",
            format!("id \"{}\" differs from the file name \"{stem}.toml\"", s.id),
        );
    }
    for (what, t) in [
        ("name", &s.name),
        ("summary", &s.summary),
        ("benefit", &s.benefit),
    ] {
        if t.fr.trim().is_empty() {
            c.err(
                &format!("[{what}]"),
                format!("{what}: the French text (fr) is missing"),
            );
        }
    }
    for n in &s.natures {
        if c.tax.nature(n).is_none() {
            let valid = c
                .tax
                .natures
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            c.err(
                &format!("\"{n}\""),
                format!("unknown nature \"{n}\" (valid: {valid})"),
            );
        }
    }
    if s.natures.is_empty() {
        c.err("natures", "natures: give at least one".into());
    }
    for n in &s.needs {
        if c.tax.need(n).is_none() {
            let valid = c.tax.need_ids().join(", ");
            c.err(
                &format!("\"{n}\""),
                format!("unknown need \"{n}\" (valid: {valid})"),
            );
        }
    }
    let tax = c.tax;
    let stages = c.parse_each(
        &s.stages,
        |st| {
            let i = STAGES.iter().position(|x| *x == st)?;
            tax.stage(st).map(|_| i as u8)
        },
        |st| format!("unknown stage \"{st}\" (valid: M0…M4)"),
    );
    let zones = c.parse_each(
        &s.zones,
        |z| Zone::parse(z).ok(),
        |z| format!("unknown zone \"{z}\""),
    );
    let countries = c.parse_each(
        &s.countries,
        |k| CountryCode::parse(k).ok(),
        |k| format!("unknown ISO country code \"{k}\""),
    );
    if s.operators.is_empty() {
        c.err(
            "operators",
            "operators: name at least one organisation".into(),
        );
    }
    for o in &s.operators {
        if c.tax.organisation(&o.org).is_none() {
            c.err(
                &format!("\"{}\"", o.org),
                format!("unknown organisation \"{}\"", o.org),
            );
        }
        if o.roles.is_empty() {
            c.err(
                &format!("\"{}\"", o.org),
                format!("operator \"{}\" has no role", o.org),
            );
        }
    }
    if let (Some(a), Some(b)) = (s.valid_from, s.valid_until)
        && a > b
    {
        c.err(
            "valid_until",
            format!("valid_from {a} is after valid_until {b}"),
        );
    }
    if let (Some(a), Some(b)) = (s.availability.opens, s.availability.closes)
        && a > b
    {
        c.err(
            "closes",
            format!("the call opens ({a}) after it closes ({b})"),
        );
    }
    match s.status {
        Status::Published => {
            if s.sources.is_empty() {
                c.err(
                    "status",
                    "a published scheme needs at least one [[sources]]".into(),
                );
            }
            if s.verification.is_none() {
                c.err(
                    "status",
                    "a published scheme needs a [verification] date".into(),
                );
            }
            if check_expiry && s.valid_until.is_some_and(|d| d < today) {
                c.err(
                    "valid_until",
                    format!(
                        "published but valid_until ({}) is past: close or update it",
                        s.valid_until.unwrap_or(today)
                    ),
                );
            }
        }
        Status::Closed if s.valid_until.is_none() => {
            c.err(
                "status",
                "a closed scheme needs valid_until (when it ended)".into(),
            );
        }
        _ => {}
    }
    for src in &s.sources {
        if !(src.url.starts_with("https://") || src.url.starts_with("http://")) {
            c.err(
                &src.url,
                format!("source URL \"{}\" must start with https://", src.url),
            );
        }
    }
    let mut ids = HashSet::new();
    let criteria = s
        .criteria
        .iter()
        .filter_map(|cr| criterion(&mut c, cr, 0, &mut ids))
        .collect();
    let names: HashSet<&str> = s.examples.iter().map(|e| e.name.as_str()).collect();
    if names.len() != s.examples.len() {
        c.err("[[examples]]", "two examples have the same name".into());
    }
    for ex in &s.examples {
        if let Err(errs) = ex.profile.parse(c.tax, today) {
            for e in errs {
                c.err(
                    &ex.name,
                    format!("example \"{}\": {} ({})", ex.name, e.field, e.code),
                );
            }
        }
    }
    if c.diags.is_empty() {
        Ok(CompiledScheme {
            spec,
            criteria,
            zones,
            countries,
            stages,
        })
    } else {
        Err(c.diags)
    }
}

fn criterion(
    c: &mut Ctx<'_>,
    cr: &CriterionSpec,
    depth: u8,
    ids: &mut HashSet<String>,
) -> Option<Criterion> {
    let at = format!("\"{}\"", cr.id);
    if cr.id.is_empty() {
        c.err("[[criteria]]", "a criterion has an empty id".into());
    }
    if !ids.insert(cr.id.clone()) {
        c.err(&at, format!("criterion id \"{}\" is used twice", cr.id));
    }
    let level = cr.level.unwrap_or(Level::Required);
    let weight = match (level, cr.weight) {
        (Level::Preferred, Some(w)) if (1..=20).contains(&w) => w,
        (Level::Preferred, None) => 5,
        (Level::Preferred, Some(w)) => {
            c.err(
                &at,
                format!("criterion \"{}\": weight {w} must be 1..=20", cr.id),
            );
            1
        }
        (_, Some(_)) => {
            c.err(
                &at,
                format!(
                    "criterion \"{}\": a weight only applies to preferred criteria",
                    cr.id
                ),
            );
            0
        }
        (_, None) => 0,
    };
    // Parameters allowed for each kind; anything else set is an error.
    let set: Vec<&str> = [
        ("min", cr.min.is_some()),
        ("max", cr.max.is_some()),
        ("strict", cr.strict.is_some()),
        ("any_of", cr.any_of.is_some()),
        ("departements", cr.departements.is_some()),
        ("regions", cr.regions.is_some()),
        ("include_prefixes", cr.include_prefixes.is_some()),
        ("exclude_prefixes", cr.exclude_prefixes.is_some()),
        ("must_have", cr.must_have.is_some()),
        ("must_not_have", cr.must_not_have.is_some()),
        ("zones", cr.zones.is_some()),
        ("countries", cr.countries.is_some()),
        ("exclude_countries", cr.exclude_countries.is_some()),
        ("text", cr.text.is_some()),
        ("of", cr.of.is_some()),
    ]
    .into_iter()
    .filter(|(_, on)| *on)
    .map(|(k, _)| k)
    .collect();
    let allowed: &[&str] = match cr.kind {
        Kind::Headcount
        | Kind::Turnover
        | Kind::ExportTurnover
        | Kind::AgeYears
        | Kind::ClosedFiscalYears
        | Kind::Budget
        | Kind::FrenchShare => &["min", "max", "strict"],
        Kind::SizeCategory
        | Kind::Registry
        | Kind::Maturity
        | Kind::Experience
        | Kind::OfferType => &["any_of"],
        Kind::Location => &["departements", "regions"],
        Kind::Naf => &["include_prefixes", "exclude_prefixes"],
        Kind::ActivityFlag => &["must_have", "must_not_have"],
        Kind::TargetZone => &["zones", "countries", "exclude_countries"],
        Kind::Manual => &["text"],
        Kind::AnyOf | Kind::AllOf => &["of"],
    };
    for k in &set {
        if !allowed.contains(k) {
            c.err(
                &at,
                format!(
                    "criterion \"{}\" ({}): \"{k}\" does not apply to this kind",
                    cr.id,
                    cr.kind.as_str()
                ),
            );
        }
    }
    let list = |v: &Option<Vec<String>>| v.clone().unwrap_or_default();
    let rule = match cr.kind {
        Kind::Headcount
        | Kind::Turnover
        | Kind::ExportTurnover
        | Kind::AgeYears
        | Kind::ClosedFiscalYears
        | Kind::Budget
        | Kind::FrenchShare => {
            let field = match cr.kind {
                Kind::Headcount => NumField::Headcount,
                Kind::Turnover => NumField::Turnover,
                Kind::ExportTurnover => NumField::ExportTurnover,
                Kind::AgeYears => NumField::AgeYears,
                Kind::ClosedFiscalYears => NumField::ClosedFiscalYears,
                Kind::Budget => NumField::Budget,
                _ => NumField::FrenchShare,
            };
            if cr.min.is_none() && cr.max.is_none() {
                c.err(&at, format!("criterion \"{}\": give min or max", cr.id));
            }
            if let (Some(a), Some(b)) = (cr.min, cr.max)
                && a > b
            {
                c.err(
                    &at,
                    format!("criterion \"{}\": min {a} is greater than max {b}", cr.id),
                );
            }
            if cr.min.is_some_and(|v| v < 0) || cr.max.is_some_and(|v| v < 0) {
                c.err(
                    &at,
                    format!("criterion \"{}\": thresholds cannot be negative", cr.id),
                );
            }
            if field == NumField::FrenchShare
                && (cr.min.is_some_and(|v| v > 100) || cr.max.is_some_and(|v| v > 100))
            {
                c.err(
                    &at,
                    format!("criterion \"{}\": a share is at most 100", cr.id),
                );
            }
            Rule::Range {
                field,
                min: cr.min,
                max: cr.max,
                strict: cr.strict.unwrap_or(false),
            }
        }
        Kind::SizeCategory => Rule::Size(
            list(&cr.any_of)
                .iter()
                .filter_map(|v| {
                    let s = SizeCategory::parse(v);
                    if s.is_none() {
                        c.err(
                            &at,
                            format!("criterion \"{}\": unknown size category \"{v}\"", cr.id),
                        );
                    }
                    s
                })
                .collect(),
        ),
        Kind::Location => {
            let deps = c.parse_each(
                &list(&cr.departements),
                |d| {
                    DepartementCode::parse(d)
                        .ok()
                        .map(|d| d.as_str().to_string())
                },
                |d| {
                    format!(
                        "criterion \"{}\": invalid INSEE département code \"{d}\"",
                        cr.id
                    )
                },
            );
            let regions = list(&cr.regions);
            for r in &regions {
                if !KNOWN_REGIONS.contains(&r.as_str()) {
                    c.err(
                        &format!("\"{r}\""),
                        format!("criterion \"{}\": invalid INSEE region code \"{r}\"", cr.id),
                    );
                }
            }
            Rule::Location {
                departements: deps,
                regions,
            }
        }
        Kind::Naf => {
            let mut norm = |v: &Option<Vec<String>>| -> Vec<String> {
                list(v)
                    .into_iter()
                    .map(|p| {
                        let n: String = p
                            .chars()
                            .filter(|ch| *ch != '.' && !ch.is_whitespace())
                            .collect::<String>()
                            .to_ascii_uppercase();
                        let ok = if n.len() == 1 {
                            crate::refdata::refdata().naf(&n).is_some()
                        } else {
                            crate::refdata::refdata()
                                .naf_entries()
                                .any(|e| e.code_compact.starts_with(&n))
                        };
                        if !ok {
                            c.err(
                                &format!("\"{p}\""),
                                format!(
                                    "criterion \"{}\": \"{p}\" is not a NAF rév. 2 code or prefix",
                                    cr.id
                                ),
                            );
                        }
                        n
                    })
                    .collect()
            };
            let include = norm(&cr.include_prefixes);
            let exclude = norm(&cr.exclude_prefixes);
            Rule::Naf { include, exclude }
        }
        Kind::ActivityFlag => {
            let mut flags = |v: &Option<Vec<String>>| -> Vec<&'static str> {
                c.parse_each(
                    &list(v),
                    |f| ACTIVITY_FLAGS.iter().find(|a| **a == f).copied(),
                    |f| format!("criterion \"{}\": unknown activity flag \"{f}\"", cr.id),
                )
            };
            let must_have = flags(&cr.must_have);
            let must_not_have = flags(&cr.must_not_have);
            Rule::Flags {
                must_have,
                must_not_have,
            }
        }
        Kind::Registry => Rule::Registry(c.parse_each(
            &list(&cr.any_of),
            |r| REGISTRIES.iter().find(|a| **a == r).copied(),
            |r| {
                format!(
                    "criterion \"{}\": unknown registry \"{r}\" (rcs, rm)",
                    cr.id
                )
            },
        )),
        Kind::Maturity => Rule::Maturity(c.parse_each(
            &list(&cr.any_of),
            |m| STAGES.iter().position(|s| *s == m).map(|i| i as u8),
            |m| format!("criterion \"{}\": unknown stage \"{m}\"", cr.id),
        )),
        Kind::Experience => {
            Rule::Experience(c.parse_each(&list(&cr.any_of), Experience::parse, |m| {
                format!("criterion \"{}\": unknown export experience \"{m}\"", cr.id)
            }))
        }
        Kind::TargetZone => {
            let zones = c.parse_each(
                &list(&cr.zones),
                |z| Zone::parse(z).ok(),
                |z| format!("criterion \"{}\": unknown zone \"{z}\"", cr.id),
            );
            let mut countries = |v: &Option<Vec<String>>| -> Vec<CountryCode> {
                c.parse_each(
                    &list(v),
                    |k| CountryCode::parse(k).ok(),
                    |k| format!("criterion \"{}\": unknown ISO country code \"{k}\"", cr.id),
                )
            };
            let cs = countries(&cr.countries);
            let ex = countries(&cr.exclude_countries);
            if zones.is_empty() && cs.is_empty() && ex.is_empty() {
                c.err(
                    &at,
                    format!(
                        "criterion \"{}\": give zones, countries or exclude_countries",
                        cr.id
                    ),
                );
            }
            Rule::TargetZone {
                zones,
                countries: cs,
                exclude: ex,
            }
        }
        Kind::OfferType => {
            let v = list(&cr.any_of);
            for o in &v {
                if o != "goods" && o != "services" {
                    c.err(
                        &format!("\"{o}\""),
                        format!(
                            "criterion \"{}\": offer type is goods or services, not \"{o}\"",
                            cr.id
                        ),
                    );
                }
            }
            Rule::Offer {
                goods: v.iter().any(|o| o == "goods"),
                services: v.iter().any(|o| o == "services"),
            }
        }
        Kind::Manual => {
            let t = cr.text.clone().unwrap_or_default();
            if t.fr.trim().is_empty() {
                c.err(
                    &at,
                    format!("criterion \"{}\": a manual criterion needs text.fr", cr.id),
                );
            }
            if level != Level::ToVerify {
                c.err(
                    &at,
                    format!(
                        "criterion \"{}\": a manual criterion is always level = \"to_verify\"",
                        cr.id
                    ),
                );
            }
            Rule::Manual(t)
        }
        Kind::AnyOf | Kind::AllOf => {
            if depth >= 2 {
                c.err(
                    &at,
                    format!("criterion \"{}\": groups nest at most two levels", cr.id),
                );
            }
            let of: Vec<Criterion> = cr
                .of
                .iter()
                .flatten()
                .filter_map(|sub| criterion(c, sub, depth + 1, ids))
                .collect();
            if of.len() < 2 {
                c.err(
                    &at,
                    format!(
                        "criterion \"{}\": a group needs at least two criteria",
                        cr.id
                    ),
                );
            }
            if cr.kind == Kind::AnyOf {
                Rule::AnyOf(of)
            } else {
                Rule::AllOf(of)
            }
        }
    };
    if let Some(l) = &cr.label
        && l.fr.trim().is_empty()
    {
        c.err(
            &at,
            format!("criterion \"{}\": label without French text", cr.id),
        );
    }
    Some(Criterion {
        id: cr.id.clone(),
        level,
        weight,
        label: cr.label.clone(),
        source: cr.source.clone(),
        rule,
    })
}

/// INSEE codes of the 18 current regions.
const KNOWN_REGIONS: [&str; 18] = [
    "01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84",
    "93", "94",
];

/// Compiles every scheme file (name, text) with the taxonomies; all diagnostics at once.
pub fn compile_catalogue(
    taxonomies: Taxonomies,
    files: &[(String, String)],
    today: NaiveDate,
    check_expiry: bool,
) -> Result<Catalogue, Vec<Diagnostic>> {
    let mut schemes = Vec::new();
    let mut diags = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in files {
        // FNV-1a over names and contents: a stable catalogue version.
        for b in name.bytes().chain(text.bytes()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        match compile_scheme_with(name, text, &taxonomies, today, check_expiry) {
            Ok(s) => {
                if let Some(other) = seen.insert(s.spec.id.clone(), name.clone()) {
                    diags.push(Diagnostic {
                        file: name.clone(),
                        line: 1,
                        message: format!("id \"{}\" is also used by {other}", s.spec.id),
                    });
                }
                schemes.push(s);
            }
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    schemes.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
    Ok(Catalogue {
        taxonomies,
        schemes,
        version: format!("{hash:016x}"),
    })
}

/// Runs every scheme's `[[examples]]` and reports those whose bucket differs from `expect`.
pub fn check_examples(
    catalogue: &Catalogue,
    weights: &super::engine::Weights,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    use super::spec::ExpectedBucket;
    let mut out = Vec::new();
    for s in &catalogue.schemes {
        for ex in &s.spec.examples {
            let Ok(p) = ex.profile.parse(&catalogue.taxonomies, today) else {
                continue; // reported by compile_spec
            };
            let got = super::engine::evaluate(s, &p, today, weights).bucket;
            let want = match ex.expect {
                ExpectedBucket::Eligible => super::engine::Bucket::Eligible,
                ExpectedBucket::ToConfirm => super::engine::Bucket::ToConfirm,
                ExpectedBucket::NotEligible => super::engine::Bucket::NotEligible,
            };
            if got != want {
                out.push(Diagnostic {
                    file: format!("schemes/{}.toml", s.spec.id),
                    line: 1,
                    message: format!(
                        "example \"{}\": expected {}, the engine says {}",
                        ex.name,
                        want.as_str(),
                        got.as_str()
                    ),
                });
            }
        }
    }
    out
}
