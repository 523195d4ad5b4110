//! Orientation results as data for pages and the API: every criterion, score line and missing
//! input explained in the request's language, from the engine's numbers.

use serde::Serialize;
use tremplin_domain::catalogue::compile::{Criterion, NumField, Rule};
use tremplin_domain::catalogue::engine::{Actual, CriterionResult, ScoreKind};
use tremplin_domain::catalogue::spec::{Confidence, Level, OperatorRole, OperatorSpec};
use tremplin_domain::catalogue::{Catalogue, CompiledScheme, Evaluation, Outcome};
use tremplin_domain::geo::{CountryCode, Zone};
use tremplin_domain::money::Cents;
use utoipa::ToSchema;

use crate::http::i18n::{Lang, country_name, zone_name};
use crate::http::json::json_id;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoreLineOut {
    /// need_primary, need_secondary, stage, stage_adjacent, market_in_zone, market_any,
    /// market_undecided, preferred, closing_soon, open
    pub kind: String,
    pub points: u32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CriterionOut {
    /// Stable id of the criterion within its scheme.
    pub id: String,
    pub kind: String,
    /// required, preferred or to_verify
    pub level: String,
    /// pass, fail, unknown or to_verify
    pub outcome: String,
    /// What the criterion asks, in words, with its threshold.
    pub requirement: String,
    /// The company's value used, when known.
    pub value: Option<String>,
    /// Profile fields that would settle an unknown outcome.
    pub missing: Vec<String>,
    #[schema(no_recursion)]
    pub children: Vec<CriterionOut>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResultOut {
    pub scheme_id: String,
    pub name: String,
    pub summary: String,
    pub benefit: String,
    /// eligible, to_confirm or not_eligible
    pub bucket: String,
    pub score: u32,
    pub score_lines: Vec<ScoreLineOut>,
    pub criteria: Vec<CriterionOut>,
    /// Inputs that would turn "to confirm" into an answer.
    pub missing_inputs: Vec<String>,
    /// Points to check with an adviser (never evaluated).
    pub to_verify: Vec<String>,
    pub operators: Vec<String>,
    /// Organisation ids to contact (their branch for the company's département).
    pub contacts: Vec<String>,
    /// The path the scheme belongs to: preparer, prospecter, financer, securiser, formalites.
    pub path: String,
    /// confirmed or to_confirm: facts not yet confirmed by the operator.
    pub confidence: String,
    pub verified_on: Option<String>,
    pub sources: Vec<SourceOut>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceOut {
    pub url: String,
    pub seen: String,
}

pub(super) fn fmt_num(lang: Lang, field: NumField, v: i64) -> String {
    match field {
        NumField::Turnover | NumField::ExportTurnover | NumField::Budget => {
            let c = Cents(v.saturating_mul(100));
            match lang {
                Lang::Fr => c.format_fr(),
                Lang::En => c.format_en(),
            }
            .replace(",00", "")
            .replace(".00", "")
        }
        NumField::FrenchShare => format!("{v} %"),
        NumField::Headcount => lang.t1("unit-employees", "n", v),
        NumField::AgeYears => lang.t1("unit-years", "n", v),
        NumField::ClosedFiscalYears => lang.t1("unit-fiscal-years", "n", v),
    }
}

pub(super) fn num_field(r: &Rule) -> Option<NumField> {
    match r {
        Rule::Range { field, .. } => Some(*field),
        _ => None,
    }
}

pub(super) fn kind_id(r: &Rule) -> &'static str {
    match r {
        Rule::Range { field, .. } => match field {
            NumField::Headcount => "headcount",
            NumField::Turnover => "turnover",
            NumField::ExportTurnover => "export_turnover",
            NumField::AgeYears => "age_years",
            NumField::ClosedFiscalYears => "closed_fiscal_years",
            NumField::Budget => "budget",
            NumField::FrenchShare => "french_share",
        },
        Rule::Size(_) => "size_category",
        Rule::Location { .. } => "location",
        Rule::Naf { .. } => "naf",
        Rule::Flags { .. } => "activity_flag",
        Rule::Registry(_) => "registry",
        Rule::Maturity(_) => "maturity",
        Rule::Experience(_) => "experience",
        Rule::TargetZone { .. } => "target_zone",
        Rule::Offer { .. } => "offer_type",
        Rule::Manual(_) => "manual",
        Rule::AnyOf(_) => "any_of",
        Rule::AllOf(_) => "all_of",
    }
}

/// What a criterion asks, in words.
pub fn requirement(lang: Lang, cat: &Catalogue, c: &Criterion) -> String {
    let l = lang.code();
    if let Some(label) = &c.label {
        return label.get(l).to_string();
    }
    let join = |v: Vec<String>| v.join(", ");
    let what = lang.t(&format!("crit-{}", kind_id(&c.rule)));
    let detail = match &c.rule {
        Rule::Range {
            field,
            min,
            max,
            strict,
        } => range_text(lang, *field, *min, *max, *strict),
        Rule::Size(any) => join(
            any.iter()
                .map(|s| lang.t(&format!("size-{}", s.as_str())))
                .collect(),
        ),
        Rule::Location {
            departements,
            regions,
        } => join(places(departements, regions)),
        Rule::Naf { include, exclude } => naf_text(lang, include, exclude),
        Rule::Flags {
            must_have,
            must_not_have,
        } => join(flags(lang, must_have, must_not_have)),
        Rule::Registry(any) => join(
            any.iter()
                .map(|r| lang.t(&format!("registry-{r}")))
                .collect(),
        ),
        Rule::Maturity(any) => join(
            any.iter()
                .filter_map(|i| cat.taxonomies.stages.get(usize::from(*i)))
                .map(|s| s.label(lang.code()).to_string())
                .collect(),
        ),
        Rule::Experience(any) => join(
            any.iter()
                .map(|e| lang.t(&format!("exp-{}", e.as_str())))
                .collect(),
        ),
        Rule::TargetZone {
            zones,
            countries,
            exclude,
        } => target_zone_text(lang, zones, countries, exclude),
        Rule::Offer { goods, services } => join(offers(lang, *goods, *services)),
        Rule::Manual(t) => return t.get(l).to_string(),
        Rule::AnyOf(_) => return lang.t("crit-any_of"),
        Rule::AllOf(_) => return lang.t("crit-all_of"),
    };
    format!("{what} : {detail}").replace(" : ", if lang == Lang::En { ": " } else { " : " })
}

/// A range's bounds in words ("between a and b", "at least a"…).
fn range_text(
    lang: Lang,
    field: NumField,
    min: Option<i64>,
    max: Option<i64>,
    strict: bool,
) -> String {
    let f = |v: i64| fmt_num(lang, field, v);
    match (min, max, strict) {
        (Some(a), Some(b), _) => lang.t2("req-between", ("a", f(a)), ("b", f(b))),
        (Some(a), None, false) => lang.t1("req-min", "v", f(a)),
        (Some(a), None, true) => lang.t1("req-more-than", "v", f(a)),
        (None, Some(b), false) => lang.t1("req-max", "v", f(b)),
        (None, Some(b), true) => lang.t1("req-less-than", "v", f(b)),
        (None, None, _) => String::new(),
    }
}

/// The regions then the départements (by name) a location criterion names.
fn places(departements: &[String], regions: &[String]) -> Vec<String> {
    let mut v: Vec<String> = regions
        .iter()
        .map(|r| {
            if r == "32" {
                "Hauts-de-France".to_string()
            } else {
                format!("région {r}")
            }
        })
        .collect();
    v.extend(departements.iter().map(|d| {
        tremplin_domain::refdata::refdata()
            .departement(d)
            .map(|x| format!("{} ({d})", x.name))
            .unwrap_or_else(|| d.clone())
    }));
    v
}

/// The NAF codes included and excluded.
fn naf_text(lang: Lang, include: &[String], exclude: &[String]) -> String {
    let mut parts = Vec::new();
    if !include.is_empty() {
        parts.push(lang.t1("req-naf-in", "v", include.join(", ")));
    }
    if !exclude.is_empty() {
        parts.push(lang.t1("req-naf-out", "v", exclude.join(", ")));
    }
    parts.join(" ; ")
}

/// The activity flags required, then those excluded ("not …").
fn flags(lang: Lang, must_have: &[&str], must_not_have: &[&str]) -> Vec<String> {
    let mut parts: Vec<String> = must_have
        .iter()
        .map(|f| lang.t(&format!("flag-{f}")))
        .collect();
    parts.extend(
        must_not_have
            .iter()
            .map(|f| lang.t1("req-not", "v", lang.t(&format!("flag-{f}")))),
    );
    parts
}

/// The zones and countries targeted, with the countries excepted.
fn target_zone_text(
    lang: Lang,
    zones: &[Zone],
    countries: &[CountryCode],
    exclude: &[CountryCode],
) -> String {
    let mut v: Vec<String> = zones.iter().map(|z| zone_name(lang, z)).collect();
    v.extend(countries.iter().map(|c| country_name(lang, c)));
    let mut s = v.join(", ");
    if !exclude.is_empty() {
        let ex: Vec<String> = exclude.iter().map(|c| country_name(lang, c)).collect();
        s = format!("{s} {}", lang.t1("req-except", "v", ex.join(", ")));
    }
    s
}

/// The kinds of offer accepted (goods, services).
fn offers(lang: Lang, goods: bool, services: bool) -> Vec<String> {
    let mut v = Vec::new();
    if goods {
        v.push(lang.t("offer-goods"));
    }
    if services {
        v.push(lang.t("offer-services"));
    }
    v
}

pub(super) fn value(lang: Lang, cat: &Catalogue, rule: &Rule, a: Actual) -> Option<String> {
    Some(match a {
        Actual::None => return None,
        Actual::Number(v) => fmt_num(lang, num_field(rule)?, v),
        Actual::Band(lo, hi) => {
            let f = num_field(rule)?;
            lang.t2(
                "req-between",
                ("a", fmt_num(lang, f, lo)),
                ("b", fmt_num(lang, f, hi)),
            )
        }
        Actual::Size(s) => lang.t(&format!("size-{}", s.as_str())),
        Actual::Stage(i) => cat
            .taxonomies
            .stages
            .get(usize::from(i))?
            .label(lang.code())
            .to_string(),
        Actual::Experience(e) => lang.t(&format!("exp-{}", e.as_str())),
        Actual::Offer(o) => lang.t(&format!("offer-{}", o.as_str())),
    })
}

pub(super) fn outcome_str(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Unknown => "unknown",
        Outcome::ToVerify => "to_verify",
    }
}

pub(super) fn level_str(l: Level) -> &'static str {
    match l {
        Level::Required => "required",
        Level::Preferred => "preferred",
        Level::ToVerify => "to_verify",
    }
}

pub(super) fn criterion_out(lang: Lang, cat: &Catalogue, r: &CriterionResult<'_>) -> CriterionOut {
    CriterionOut {
        id: r.id.to_string(),
        kind: kind_id(&r.criterion.rule).to_string(),
        level: level_str(r.criterion.level).to_string(),
        outcome: outcome_str(r.outcome).to_string(),
        requirement: requirement(lang, cat, r.criterion),
        value: value(lang, cat, &r.criterion.rule, r.actual),
        missing: r.missing.iter().map(|m| m.to_string()).collect(),
        children: r
            .children
            .iter()
            .map(|c| criterion_out(lang, cat, c))
            .collect(),
    }
}

pub fn score_label(lang: Lang, k: ScoreKind) -> String {
    let id = match k {
        ScoreKind::NeedPrimary => "score-need_primary",
        ScoreKind::NeedSecondary => "score-need_secondary",
        ScoreKind::Stage => "score-stage",
        ScoreKind::StageAdjacent => "score-stage_adjacent",
        ScoreKind::MarketInZone => "score-market_in_zone",
        ScoreKind::MarketAny => "score-market_any",
        ScoreKind::MarketUndecided => "score-market_undecided",
        ScoreKind::Preferred => "score-preferred",
        ScoreKind::ClosingSoon => "score-closing_soon",
        ScoreKind::Open => "score-open",
    };
    lang.t(id)
}

/// The path a scheme belongs to: that of its first need, else "preparer".
pub fn path_of(cat: &Catalogue, needs: &[String]) -> String {
    needs
        .iter()
        .find_map(|n| cat.taxonomies.need(n))
        .map(|n| n.path.clone())
        .unwrap_or_else(|| "preparer".into())
}

pub fn result_out(lang: Lang, cat: &Catalogue, e: &Evaluation<'_>) -> ResultOut {
    let sp = &e.scheme.spec;
    let l = lang.code();
    ResultOut {
        scheme_id: sp.id.clone(),
        name: sp.name.get(l).to_string(),
        summary: sp.summary.get(l).to_string(),
        benefit: sp.benefit.get(l).to_string(),
        bucket: e.bucket.as_str().to_string(),
        score: e.score,
        score_lines: e
            .lines
            .iter()
            .map(|s| ScoreLineOut {
                kind: crate::http::json::json_id(&s.kind),
                points: s.points,
                label: score_label(lang, s.kind),
            })
            .collect(),
        criteria: e
            .criteria
            .iter()
            .map(|r| criterion_out(lang, cat, r))
            .collect(),
        missing_inputs: e.missing_inputs().iter().map(|m| m.to_string()).collect(),
        to_verify: to_verify(lang, cat, e),
        operators: operator_labels(cat, &sp.operators, l),
        contacts: sp
            .operators
            .iter()
            .filter(|o| o.roles.contains(&OperatorRole::Contact))
            .map(|o| o.org.clone())
            .collect(),
        path: path_of(cat, &sp.needs),
        confidence: match sp.verification.as_ref().map(|v| v.confidence) {
            Some(Confidence::Confirmed) => "confirmed",
            _ => "to_confirm",
        }
        .to_string(),
        verified_on: sp.verification.as_ref().map(|v| v.on.to_string()),
        sources: sp
            .sources
            .iter()
            .map(|s| SourceOut {
                url: s.url.clone(),
                seen: s.seen.to_string(),
            })
            .collect(),
    }
}

/// The requirements to check with an adviser, criteria within criteria included.
fn to_verify(lang: Lang, cat: &Catalogue, e: &Evaluation<'_>) -> Vec<String> {
    fn collect(lang: Lang, cat: &Catalogue, r: &CriterionResult<'_>, out: &mut Vec<String>) {
        if r.outcome == Outcome::ToVerify {
            out.push(requirement(lang, cat, r.criterion));
        }
        for c in &r.children {
            collect(lang, cat, c, out);
        }
    }
    let mut to_verify = Vec::new();
    for r in &e.criteria {
        collect(lang, cat, r, &mut to_verify);
    }
    to_verify
}

/// The names of the organisations that run or fund the scheme.
fn operator_labels(cat: &Catalogue, operators: &[OperatorSpec], l: &str) -> Vec<String> {
    operators
        .iter()
        .filter(|o| {
            o.roles.contains(&OperatorRole::Operator) || o.roles.contains(&OperatorRole::Funder)
        })
        .filter_map(|o| {
            cat.taxonomies
                .organisation(&o.org)
                .map(|x| x.label(l).to_string())
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OperatorOut {
    pub org: String,
    pub name: String,
    /// funder, operator, contact
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SchemeOut {
    pub id: String,
    /// draft, review, published, closed, archived
    pub status: String,
    pub name: String,
    pub summary: String,
    pub benefit: String,
    pub natures: Vec<String>,
    pub needs: Vec<String>,
    pub stages: Vec<String>,
    pub zones: Vec<String>,
    pub countries: Vec<String>,
    pub path: String,
    pub operators: Vec<OperatorOut>,
    /// permanent, recurring_calls, one_off_call, until_budget_exhausted
    pub availability: String,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    /// true: facts still to be supplied by the partner.
    pub to_be_supplied: bool,
    pub criteria: Vec<CriterionOut>,
    pub sources: Vec<SourceOut>,
    pub verified_on: Option<String>,
    pub verified_by: Option<String>,
    /// confirmed or to_confirm
    pub confidence: String,
}

pub(super) fn criteria_out(
    lang: Lang,
    cat: &Catalogue,
    list: &[tremplin_domain::catalogue::compile::Criterion],
) -> Vec<CriterionOut> {
    list.iter()
        .map(|c| CriterionOut {
            id: c.id.clone(),
            kind: String::new(),
            level: json_id(&c.level),
            outcome: String::new(),
            requirement: requirement(lang, cat, c),
            value: None,
            missing: vec![],
            children: match &c.rule {
                tremplin_domain::catalogue::compile::Rule::AnyOf(of)
                | tremplin_domain::catalogue::compile::Rule::AllOf(of) => {
                    criteria_out(lang, cat, of)
                }
                _ => vec![],
            },
        })
        .collect()
}

pub fn scheme_out(lang: Lang, cat: &Catalogue, s: &CompiledScheme) -> SchemeOut {
    let sp = &s.spec;
    let l = lang.code();
    SchemeOut {
        id: sp.id.clone(),
        status: sp.status.as_str().to_string(),
        name: sp.name.get(l).to_string(),
        summary: sp.summary.get(l).to_string(),
        benefit: sp.benefit.get(l).to_string(),
        natures: sp.natures.clone(),
        needs: sp.needs.clone(),
        stages: sp.stages.clone(),
        zones: sp.zones.clone(),
        countries: sp.countries.clone(),
        path: path_of(cat, &sp.needs),
        operators: sp
            .operators
            .iter()
            .map(|o| OperatorOut {
                org: o.org.clone(),
                name: cat
                    .taxonomies
                    .organisation(&o.org)
                    .map(|x| x.label(l).to_string())
                    .unwrap_or_default(),
                roles: o.roles.iter().map(json_id).collect(),
            })
            .collect(),
        availability: json_id(&sp.availability.kind),
        opens: sp.availability.opens.map(|d| d.to_string()),
        closes: sp.availability.closes.map(|d| d.to_string()),
        valid_from: sp.valid_from.map(|d| d.to_string()),
        valid_until: sp.valid_until.map(|d| d.to_string()),
        to_be_supplied: sp.to_be_supplied,
        criteria: criteria_out(lang, cat, &s.criteria),
        sources: sp
            .sources
            .iter()
            .map(|x| SourceOut {
                url: x.url.clone(),
                seen: x.seen.to_string(),
            })
            .collect(),
        verified_on: sp.verification.as_ref().map(|v| v.on.to_string()),
        verified_by: sp.verification.as_ref().map(|v| v.by.clone()),
        confidence: sp
            .verification
            .as_ref()
            .map(|v| json_id(&v.confidence))
            .unwrap_or_else(|| "to_confirm".into()),
    }
}
