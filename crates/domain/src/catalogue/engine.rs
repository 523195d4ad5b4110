//! The orientation engine, pure: each criterion evaluates to pass / fail / unknown with the
//! value used; results fall into buckets (Éligible, À confirmer, Non éligible); a score with
//! visible lines ranks them. No partner is boosted: ties break on stage fit, then scheme id.
//!
//! Results borrow from the catalogue and carry numbers, not text, so evaluating thousands of
//! schemes allocates little; wording is the web layer's job.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::compile::{CompiledScheme, Criterion, NumField, Rule};
use super::profile::{Experience, Offer, Profile, SizeCategory};
use super::spec::{AvailabilityKind, Level};

/// Score weights, from `catalogue/weights.toml` (the Team tunes them without a release).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub need_primary: u32,
    pub need_secondary: u32,
    pub stage: u32,
    pub stage_adjacent: u32,
    pub market_in_zone: u32,
    pub market_any: u32,
    pub market_undecided: u32,
    pub preferred_max: u32,
    pub closing_soon: u32,
    pub closing_soon_days: i64,
    pub open: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            need_primary: 40,
            need_secondary: 20,
            stage: 20,
            stage_adjacent: 10,
            market_in_zone: 15,
            market_any: 8,
            market_undecided: 8,
            preferred_max: 15,
            closing_soon: 10,
            closing_soon_days: 30,
            open: 5,
        }
    }
}

impl Weights {
    pub fn from_toml(text: &str) -> Result<Weights, String> {
        toml::from_str(text).map_err(|e| format!("weights.toml: {}", e.message()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    Eligible,
    ToConfirm,
    NotEligible,
}

impl Bucket {
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Eligible => "eligible",
            Bucket::ToConfirm => "to_confirm",
            Bucket::NotEligible => "not_eligible",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
    /// `to_verify` criteria: shown, never evaluated.
    ToVerify,
}

/// The company value a criterion looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Actual {
    None,
    Number(i64),
    /// A band answered instead of a figure (inclusive bounds).
    Band(i64, i64),
    Size(SizeCategory),
    Stage(u8),
    Experience(Experience),
    Offer(Offer),
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionResult<'a> {
    #[serde(skip)]
    pub criterion: &'a Criterion,
    pub id: &'a str,
    pub outcome: Outcome,
    pub actual: Actual,
    /// Profile fields that would settle an unknown outcome.
    pub missing: &'static [&'static str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<CriterionResult<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    NeedPrimary,
    NeedSecondary,
    Stage,
    StageAdjacent,
    MarketInZone,
    MarketAny,
    MarketUndecided,
    Preferred,
    ClosingSoon,
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreLine {
    pub kind: ScoreKind,
    pub points: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation<'a> {
    #[serde(skip)]
    pub scheme: &'a CompiledScheme,
    pub scheme_id: &'a str,
    pub bucket: Bucket,
    pub score: u32,
    pub lines: Vec<ScoreLine>,
    pub criteria: Vec<CriterionResult<'a>>,
}

impl<'a> Evaluation<'a> {
    /// Inputs that would settle the unknown required criteria, without repeats.
    pub fn missing_inputs(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        fn walk(r: &CriterionResult<'_>, out: &mut Vec<&'static str>) {
            if r.outcome == Outcome::Unknown && r.criterion.level == Level::Required {
                for m in r.missing {
                    if !out.contains(m) {
                        out.push(m);
                    }
                }
            }
        }
        for r in &self.criteria {
            walk(r, &mut out);
        }
        out
    }

    /// Every required criterion that failed.
    pub fn failures(&self) -> Vec<&CriterionResult<'a>> {
        self.criteria
            .iter()
            .filter(|r| r.outcome == Outcome::Fail && r.criterion.level == Level::Required)
            .collect()
    }

    fn stage_points(&self) -> u32 {
        self.lines
            .iter()
            .filter(|l| matches!(l.kind, ScoreKind::Stage | ScoreKind::StageAdjacent))
            .map(|l| l.points)
            .sum()
    }
}

const NONE: &[&str] = &[];

/// True when the band [a, b] contains values inside the constraint although both ends fall
/// outside it (the constraint lies strictly within the band).
fn straddles(min: Option<i64>, max: Option<i64>, strict: bool, a: i64, b: i64) -> bool {
    if a == b {
        return false;
    }
    let lo = min
        .map(|m| if strict { m + 1 } else { m })
        .unwrap_or(i64::MIN);
    let hi = max
        .map(|m| if strict { m - 1 } else { m })
        .unwrap_or(i64::MAX);
    lo <= hi && a < lo && hi < b
}

fn missing_of(rule: &Rule) -> &'static [&'static str] {
    match rule {
        Rule::Range { field, .. } => match field {
            NumField::Headcount => &["headcount"],
            NumField::Turnover => &["turnover_eur"],
            NumField::ExportTurnover => &["export_turnover_eur"],
            NumField::AgeYears => &["creation_year"],
            NumField::ClosedFiscalYears => &["closed_fiscal_years"],
            NumField::Budget => &["budget_eur"],
            NumField::FrenchShare => &["french_share_pct"],
        },
        Rule::Size(_) => &["headcount", "turnover_eur"],
        Rule::Location { .. } => &["departement"],
        Rule::Naf { .. } => &["naf"],
        Rule::Flags { .. } => &["activity_flags"],
        Rule::Registry(_) => &["registries"],
        Rule::Maturity(_) => &["export_experience"],
        Rule::Experience(_) => &["export_experience"],
        Rule::TargetZone { .. } => &["target_countries"],
        Rule::Offer { .. } => &["offer"],
        Rule::Manual(_) | Rule::AnyOf(_) | Rule::AllOf(_) => NONE,
    }
}

/// The value of a numeric field as an interval (a figure is a one-point interval).
fn num(p: &Profile, f: NumField, today: NaiveDate) -> Option<(i64, i64)> {
    let exact = |v: Option<i64>| v.map(|v| (v, v));
    match f {
        NumField::Headcount => p.headcount_range(),
        NumField::Turnover => p.turnover_range(),
        NumField::ExportTurnover => exact(p.export_turnover_eur),
        NumField::AgeYears => exact(p.age_years(today)),
        NumField::ClosedFiscalYears => exact(p.closed_fiscal_years),
        NumField::Budget => exact(p.budget_eur),
        NumField::FrenchShare => exact(p.french_share_pct),
    }
}

fn pass_if(b: bool) -> Outcome {
    if b { Outcome::Pass } else { Outcome::Fail }
}

fn eval_criterion<'a>(c: &'a Criterion, p: &Profile, today: NaiveDate) -> CriterionResult<'a> {
    let mut actual = Actual::None;
    let mut missing = missing_of(&c.rule);
    let mut children = Vec::new();
    let outcome = match &c.rule {
        _ if c.level == Level::ToVerify => Outcome::ToVerify,
        Rule::Range {
            field,
            min,
            max,
            strict,
        } => match num(p, *field, today) {
            None => Outcome::Unknown,
            Some((a, b)) => {
                actual = if a == b {
                    Actual::Number(a)
                } else {
                    Actual::Band(a, b)
                };
                let ok = |v: i64| {
                    min.is_none_or(|m| if *strict { v > m } else { v >= m })
                        && max.is_none_or(|m| if *strict { v < m } else { v <= m })
                };
                // A band decides only when both ends agree and the constraint does not lie
                // strictly inside it.
                match (ok(a), ok(b)) {
                    (true, true) => Outcome::Pass,
                    (false, false) if !straddles(*min, *max, *strict, a, b) => Outcome::Fail,
                    _ => Outcome::Unknown,
                }
            }
        },
        Rule::Size(any) => match p.size() {
            None => Outcome::Unknown,
            Some(s) => {
                actual = Actual::Size(s);
                pass_if(any.contains(&s))
            }
        },
        Rule::Location {
            departements,
            regions,
        } => match &p.departement {
            None => Outcome::Unknown,
            Some(d) => {
                let in_dep = departements.iter().any(|x| x == d.as_str());
                // Only Hauts-de-France is known by département; region 32 is it.
                let in_region = regions.iter().any(|r| r == "32") && d.is_hdf();
                pass_if(in_dep || in_region)
            }
        },
        Rule::Naf { include, exclude } => match &p.naf {
            None => Outcome::Unknown,
            Some(n) => {
                let code = n.compact();
                let section = n.section();
                let hit = |pref: &String| {
                    if pref.len() == 1 {
                        section.is_some_and(|s| pref.starts_with(s))
                    } else {
                        code.starts_with(pref.as_str())
                    }
                };
                let inc = include.is_empty() || include.iter().any(hit);
                let exc = exclude.iter().any(hit);
                pass_if(inc && !exc)
            }
        },
        Rule::Flags {
            must_have,
            must_not_have,
        } => match &p.activity_flags {
            None => Outcome::Unknown,
            Some(flags) => pass_if(
                must_have.iter().all(|f| flags.contains(f))
                    && !must_not_have.iter().any(|f| flags.contains(f)),
            ),
        },
        Rule::Registry(any) => match &p.registries {
            None => Outcome::Unknown,
            Some(regs) => pass_if(any.iter().any(|r| regs.contains(r))),
        },
        Rule::Maturity(any) => match (p.export_experience, p.stage()) {
            (Some(Experience::Last12m), _) if p.export_turnover_eur.is_none() => {
                // M3 or M4: undecided without the export turnover, unless both or neither fit.
                match (any.contains(&3), any.contains(&4)) {
                    (true, true) => Outcome::Pass,
                    (false, false) => Outcome::Fail,
                    _ => {
                        missing = &["export_turnover_eur"];
                        Outcome::Unknown
                    }
                }
            }
            (_, Some(s)) => {
                actual = Actual::Stage(s);
                pass_if(any.contains(&s))
            }
            _ => Outcome::Unknown,
        },
        Rule::Experience(any) => match p.export_experience {
            None => Outcome::Unknown,
            Some(e) => {
                actual = Actual::Experience(e);
                pass_if(any.contains(&e))
            }
        },
        Rule::TargetZone {
            zones,
            countries,
            exclude,
        } => {
            if p.target_countries.is_empty() && p.target_zones.is_empty() {
                Outcome::Unknown
            } else {
                let covered = |k: &crate::geo::CountryCode| {
                    !exclude.contains(k)
                        && ((zones.is_empty() && countries.is_empty())
                            || countries.contains(k)
                            || zones.iter().any(|z| z.contains(k)))
                };
                let by_country = p.target_countries.iter().any(covered);
                let by_zone = !by_country
                    && p.target_zones
                        .iter()
                        .any(|z| zones.contains(z) || z.members().iter().any(covered));
                pass_if(by_country || by_zone)
            }
        }
        Rule::Offer { goods, services } => match p.offer {
            None => Outcome::Unknown,
            Some(o) => {
                actual = Actual::Offer(o);
                pass_if(match o {
                    Offer::Goods => *goods,
                    Offer::Services => *services,
                    Offer::Both => *goods || *services,
                })
            }
        },
        Rule::Manual(_) => Outcome::ToVerify,
        Rule::AnyOf(of) | Rule::AllOf(of) => {
            children = of.iter().map(|sub| eval_criterion(sub, p, today)).collect();
            let outs = children
                .iter()
                .map(|r| r.outcome)
                .filter(|o| *o != Outcome::ToVerify);
            let (mut pass, mut fail, mut unknown) = (0, 0, 0);
            for o in outs {
                match o {
                    Outcome::Pass => pass += 1,
                    Outcome::Fail => fail += 1,
                    _ => unknown += 1,
                }
            }
            if matches!(c.rule, Rule::AnyOf(_)) {
                if pass > 0 {
                    Outcome::Pass
                } else if unknown == 0 {
                    Outcome::Fail
                } else {
                    Outcome::Unknown
                }
            } else if fail > 0 {
                Outcome::Fail
            } else if unknown == 0 {
                Outcome::Pass
            } else {
                Outcome::Unknown
            }
        }
    };
    CriterionResult {
        criterion: c,
        id: &c.id,
        outcome,
        actual,
        missing: if outcome == Outcome::Unknown {
            missing
        } else {
            NONE
        },
        children,
    }
}

/// Evaluates one scheme for one profile.
pub fn evaluate<'a>(
    scheme: &'a CompiledScheme,
    p: &Profile,
    today: NaiveDate,
    w: &Weights,
) -> Evaluation<'a> {
    let criteria: Vec<CriterionResult<'a>> = scheme
        .criteria
        .iter()
        .map(|c| eval_criterion(c, p, today))
        .collect();
    let required = criteria
        .iter()
        .filter(|r| r.criterion.level == Level::Required);
    let (mut fail, mut unknown) = (false, false);
    for r in required {
        fail |= r.outcome == Outcome::Fail;
        unknown |= r.outcome == Outcome::Unknown;
    }
    let bucket = if fail {
        Bucket::NotEligible
    } else if unknown {
        Bucket::ToConfirm
    } else {
        Bucket::Eligible
    };
    let mut lines = Vec::new();
    if bucket != Bucket::NotEligible {
        score_lines(scheme, &criteria, p, today, w, &mut lines);
    }
    let score = lines.iter().map(|l| l.points).sum::<u32>().min(100);
    Evaluation {
        scheme,
        scheme_id: &scheme.spec.id,
        bucket,
        score,
        lines,
        criteria,
    }
}

fn score_lines(
    s: &CompiledScheme,
    criteria: &[CriterionResult<'_>],
    p: &Profile,
    today: NaiveDate,
    w: &Weights,
    lines: &mut Vec<ScoreLine>,
) {
    let mut push = |kind, points| {
        if points > 0 {
            lines.push(ScoreLine { kind, points });
        }
    };
    let needs = &s.spec.needs;
    match p.needs.first() {
        Some(primary) if needs.contains(primary) => push(ScoreKind::NeedPrimary, w.need_primary),
        _ if p.needs.iter().any(|n| needs.contains(n)) => {
            push(ScoreKind::NeedSecondary, w.need_secondary)
        }
        _ => {}
    }
    if let Some(st) = p.stage() {
        if s.stages.contains(&st) {
            push(ScoreKind::Stage, w.stage);
        } else if s.stages.iter().any(|x| x.abs_diff(st) == 1) {
            push(ScoreKind::StageAdjacent, w.stage_adjacent);
        }
    }
    if !s.has_market() {
        push(ScoreKind::MarketAny, w.market_any);
    } else if p.target_countries.is_empty() && p.target_zones.is_empty() {
        push(ScoreKind::MarketUndecided, w.market_undecided);
    } else if p.target_countries.iter().any(|k| s.covers(k))
        || p.target_zones
            .iter()
            .any(|z| s.zones.contains(z) || z.members().iter().any(|k| s.covers(k)))
    {
        push(ScoreKind::MarketInZone, w.market_in_zone);
    }
    let (mut got, mut total) = (0u32, 0u32);
    for r in criteria
        .iter()
        .filter(|r| r.criterion.level == Level::Preferred)
    {
        total += u32::from(r.criterion.weight);
        if r.outcome == Outcome::Pass {
            got += u32::from(r.criterion.weight);
        }
    }
    if let Some(points) = (w.preferred_max * got).checked_div(total) {
        push(ScoreKind::Preferred, points);
    }
    let a = &s.spec.availability;
    let closes_in = a.closes.map(|d| (d - today).num_days());
    if a.opens.is_some_and(|d| d > today) {
        // Not open yet: no timeliness points.
    } else if closes_in.is_some_and(|n| (0..=w.closing_soon_days).contains(&n)) {
        push(ScoreKind::ClosingSoon, w.closing_soon);
    } else if a.kind == AvailabilityKind::Permanent
        || a.kind == AvailabilityKind::UntilBudgetExhausted
        || closes_in.is_some_and(|n| n > 0)
        || a.kind == AvailabilityKind::RecurringCalls
    {
        push(ScoreKind::Open, w.open);
    }
}

/// Ranks every recommendable scheme for a profile: Éligible first, then À confirmer, then (on
/// request) Non éligible; by score, then stage fit, then scheme id. Closed, draft or expired
/// schemes are never recommended.
pub fn orient<'a>(
    schemes: &'a [CompiledScheme],
    p: &Profile,
    today: NaiveDate,
    w: &Weights,
    include_not_eligible: bool,
) -> Vec<Evaluation<'a>> {
    let mut out: Vec<Evaluation<'a>> = schemes
        .iter()
        .filter(|s| s.recommendable(today))
        .map(|s| evaluate(s, p, today, w))
        .filter(|e| include_not_eligible || e.bucket != Bucket::NotEligible)
        .collect();
    out.sort_by(|a, b| {
        a.bucket
            .cmp(&b.bucket)
            .then(b.score.cmp(&a.score))
            .then(b.stage_points().cmp(&a.stage_points()))
            .then(a.scheme_id.cmp(b.scheme_id))
    });
    out
}
