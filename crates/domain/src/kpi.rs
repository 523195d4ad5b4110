//! The Team's headline number: companies accompanied in a year, counted once for the Team.
//!
//! The rule, in one place (see `CountRule` for what is configurable):
//! - a company is **accompanied in year Y** when it has at least one *completed* accompaniment
//!   whose date (end date, else start date) falls in Y, or a need its partner closed "done"
//!   (accompanied) at an instant that falls in Y — years in Europe/Paris time;
//! - cancelled, planned or in-progress accompaniments never count; a need reopened since is not
//!   "done" any more and does not count;
//! - it counts **once for the Team**, whichever partners worked with it; merged duplicate files
//!   count once (the caller passes the surviving file);
//! - **each partner involved is credited**: partner counts may add up to more than the Team's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// One piece of evidence that a company was accompanied, already dated in Paris time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The surviving company file (merged files resolved by the caller).
    pub company: Uuid,
    pub partner: Uuid,
    pub on: NaiveDate,
    pub kind: EvidenceKind,
    /// The catalogue scheme of an accompaniment, when it has one.
    pub scheme: Option<String>,
    /// The need it answers (its subject), when known.
    pub subject: Option<String>,
    /// The partner's branch that handled it, when known.
    pub branch: Option<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// A completed accompaniment (its end date, else its start date).
    Accompaniment,
    /// A need closed "done" by a partner.
    NeedDone,
}

/// What counts as evidence (both by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountRule {
    pub accompaniments: bool,
    pub needs_done: bool,
}

impl Default for CountRule {
    fn default() -> Self {
        CountRule {
            accompaniments: true,
            needs_done: true,
        }
    }
}

impl CountRule {
    fn admits(&self, e: &Evidence) -> bool {
        match e.kind {
            EvidenceKind::Accompaniment => self.accompaniments,
            EvidenceKind::NeedDone => self.needs_done,
        }
    }
}

/// The count of a period: the Team's distinct companies, and each partner's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub team: usize,
    pub per_partner: BTreeMap<Uuid, usize>,
}

/// Companies accompanied between `from` and `to` inclusive.
pub fn count(evidence: &[Evidence], from: NaiveDate, to: NaiveDate, rule: CountRule) -> Counts {
    let mut team = BTreeSet::new();
    let mut partners: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
    for e in evidence
        .iter()
        .filter(|e| rule.admits(e) && e.on >= from && e.on <= to)
    {
        team.insert(e.company);
        partners.entry(e.partner).or_default().insert(e.company);
    }
    Counts {
        team: team.len(),
        per_partner: partners.into_iter().map(|(p, s)| (p, s.len())).collect(),
    }
}

/// Companies accompanied in `year`.
pub fn count_year(evidence: &[Evidence], year: i32, rule: CountRule) -> Counts {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) => count(evidence, a, b, rule),
        _ => Counts::default(),
    }
}

/// The Team's cumulative count at the end of each month of `year` (a company counts from the
/// first month it is accompanied in that year).
pub fn monthly_cumulative(evidence: &[Evidence], year: i32, rule: CountRule) -> [usize; 12] {
    let mut first: BTreeMap<Uuid, u32> = BTreeMap::new();
    for e in evidence
        .iter()
        .filter(|e| rule.admits(e) && e.on.year() == year)
    {
        let m = e.on.month0();
        first
            .entry(e.company)
            .and_modify(|x| *x = (*x).min(m))
            .or_insert(m);
    }
    let mut per_month = [0usize; 12];
    for m in first.values() {
        per_month[*m as usize] += 1;
    }
    let mut out = [0usize; 12];
    let mut acc = 0;
    for (i, n) in per_month.iter().enumerate() {
        acc += n;
        out[i] = acc;
    }
    out
}

/// What a company's evidence in a period says about who helped it and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Involvement {
    pub partners: BTreeSet<Uuid>,
    pub schemes: BTreeSet<String>,
    pub subjects: BTreeSet<String>,
    /// Branches; `None` when a piece of evidence has no branch (an accompaniment without a need).
    pub branches: BTreeSet<Option<Uuid>>,
}

/// The distinct companies accompanied between two dates, with the partners, schemes, need
/// subjects and branches of their evidence in that period (for breakdowns and drill-down).
pub fn companies(
    evidence: &[Evidence],
    from: NaiveDate,
    to: NaiveDate,
    rule: CountRule,
) -> BTreeMap<Uuid, Involvement> {
    let mut out: BTreeMap<Uuid, Involvement> = BTreeMap::new();
    for e in evidence
        .iter()
        .filter(|e| rule.admits(e) && e.on >= from && e.on <= to)
    {
        let entry = out.entry(e.company).or_default();
        entry.partners.insert(e.partner);
        if let Some(s) = &e.scheme {
            entry.schemes.insert(s.clone());
        }
        if let Some(s) = &e.subject {
            entry.subjects.insert(s.clone());
        }
        entry.branches.insert(e.branch);
    }
    out
}

/// The first day each company was accompanied in each year, for the Team and per partner: one
/// pass over the evidence answers every "from 1 January to this date" question of a dashboard
/// (a company is counted in [1 January, d] exactly when its first day that year is ≤ d).
#[derive(Debug, Default, Clone)]
pub struct Firsts {
    /// Per year, its companies by first day, sorted.
    team: BTreeMap<i32, Vec<(NaiveDate, Uuid)>>,
    /// Per (year, partner), the sorted first days of that partner's companies.
    partner: BTreeMap<(i32, Uuid), Vec<NaiveDate>>,
}

impl Firsts {
    pub fn new(evidence: &[Evidence], rule: CountRule) -> Self {
        let mut team: HashMap<(i32, Uuid), NaiveDate> = HashMap::new();
        let mut partner: HashMap<(i32, Uuid, Uuid), NaiveDate> = HashMap::new();
        for e in evidence.iter().filter(|e| rule.admits(e)) {
            let y = e.on.year();
            team.entry((y, e.company))
                .and_modify(|d| *d = (*d).min(e.on))
                .or_insert(e.on);
            partner
                .entry((y, e.partner, e.company))
                .and_modify(|d| *d = (*d).min(e.on))
                .or_insert(e.on);
        }
        let mut out = Firsts::default();
        for ((y, c), d) in team {
            out.team.entry(y).or_default().push((d, c));
        }
        for ((y, p, _), d) in partner {
            out.partner.entry((y, p)).or_default().push(d);
        }
        out.team.values_mut().for_each(|v| v.sort_unstable());
        out.partner.values_mut().for_each(|v| v.sort_unstable());
        out
    }

    /// The Team's count from 1 January of `year` to `to` inclusive.
    pub fn team_to(&self, year: i32, to: NaiveDate) -> usize {
        self.team
            .get(&year)
            .map_or(0, |v| v.partition_point(|(d, _)| *d <= to))
    }

    /// The Team's companies from 1 January of `year` to `to` inclusive.
    pub fn companies_to(&self, year: i32, to: NaiveDate) -> Vec<Uuid> {
        self.team.get(&year).map_or(Vec::new(), |v| {
            v[..v.partition_point(|(d, _)| *d <= to)]
                .iter()
                .map(|(_, c)| *c)
                .collect()
        })
    }

    /// Each partner's count from 1 January of `year` to `to` inclusive.
    pub fn partners_to(&self, year: i32, to: NaiveDate) -> BTreeMap<Uuid, usize> {
        self.partner
            .range((year, Uuid::nil())..=(year, Uuid::max()))
            .map(|((_, p), v)| (*p, v.partition_point(|d| *d <= to)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The Team's cumulative count at the end of each month of `year`.
    pub fn monthly_cumulative(&self, year: i32) -> [usize; 12] {
        let mut out = [0usize; 12];
        for (m, slot) in out.iter_mut().enumerate() {
            let end = NaiveDate::from_ymd_opt(year, m as u32 + 1, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt());
            *slot = end.map_or(0, |e| self.team_to(year, e));
        }
        out
    }

    /// True when some company was accompanied in one of these years.
    pub fn any_in(&self, years: std::ops::RangeInclusive<i32>) -> bool {
        self.team.range(years).any(|(_, v)| !v.is_empty())
    }
}

/// The same calendar day in another year (29 February → 28 February).
pub fn same_day_in(date: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
}

/// How the projection to the year's end was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Projection {
    /// count so far ÷ the share of the full year that past years had reached by this date
    /// (their seasonality), averaged over the past years given.
    Seasonal { value: f64, share: f64 },
    /// No usable past year: count so far ÷ the share of the year elapsed.
    Linear { value: f64, share: f64 },
    /// Too early in the year (under 2 % elapsed) or nothing yet: no projection.
    None,
}

/// Projects the year-end count from the count to `today`.
/// `past` gives, for earlier years, (count at the same date, count at the year's end).
pub fn project(so_far: usize, today: NaiveDate, past: &[(usize, usize)]) -> Projection {
    let shares: Vec<f64> = past
        .iter()
        .filter(|(at, full)| *full > 0 && *at > 0)
        .map(|(at, full)| *at as f64 / *full as f64)
        .collect();
    if so_far > 0 && !shares.is_empty() {
        let share = shares.iter().sum::<f64>() / shares.len() as f64;
        return Projection::Seasonal {
            value: so_far as f64 / share,
            share,
        };
    }
    let days = if NaiveDate::from_ymd_opt(today.year(), 12, 31).is_some_and(|d| d.ordinal() == 366)
    {
        366.0
    } else {
        365.0
    };
    let share = f64::from(today.ordinal()) / days;
    if so_far == 0 || share < 0.02 {
        return Projection::None;
    }
    Projection::Linear {
        value: so_far as f64 / share,
        share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }
    fn ev(company: u128, partner: u128, on: NaiveDate, kind: EvidenceKind) -> Evidence {
        Evidence {
            company: id(company),
            partner: id(partner),
            on,
            kind,
            scheme: None,
            subject: None,
            branch: None,
        }
    }

    const CCI: u128 = 100;
    const CMA: u128 = 200;
    const BPI: u128 = 300;

    /// Worked by hand: company 1 is helped by the CCI and Bpifrance in 2019 (counts once for the
    /// Team, once for each partner); company 2 by the CMA on 31 December 2018 (2018, not 2019);
    /// company 3 only through a need closed "done" by the CMA in 2019; company 4 (the surviving
    /// file of a merge, passed twice by the caller) once.
    #[test]
    fn a_company_counts_once_for_the_team_and_once_per_partner() {
        use EvidenceKind::*;
        let e = vec![
            ev(1, CCI, d(2019, 3, 1), Accompaniment),
            ev(1, BPI, d(2019, 6, 1), Accompaniment),
            ev(1, CCI, d(2019, 9, 1), NeedDone),
            ev(2, CMA, d(2018, 12, 31), Accompaniment),
            ev(3, CMA, d(2019, 1, 1), NeedDone),
            ev(4, CCI, d(2019, 5, 5), Accompaniment),
            ev(4, CCI, d(2019, 7, 7), Accompaniment),
        ];
        let c = count_year(&e, 2019, CountRule::default());
        assert_eq!(c.team, 3, "companies 1, 3, 4");
        assert_eq!(c.per_partner.get(&id(CCI)), Some(&2), "1 and 4");
        assert_eq!(c.per_partner.get(&id(BPI)), Some(&1));
        assert_eq!(c.per_partner.get(&id(CMA)), Some(&1), "3");
        let sum: usize = c.per_partner.values().sum();
        assert_eq!(sum, 4, "partner counts add up to more than the Team's");
        assert_eq!(count_year(&e, 2018, CountRule::default()).team, 1);
        // Needs only, or accompaniments only.
        let needs_only = CountRule {
            accompaniments: false,
            needs_done: true,
        };
        assert_eq!(count_year(&e, 2019, needs_only).team, 2, "1 and 3");
        let cumulative = monthly_cumulative(&e, 2019, CountRule::default());
        assert_eq!(cumulative[0], 1, "company 3 in January");
        assert_eq!(cumulative[2], 2, "company 1 in March");
        assert_eq!(cumulative[4], 3, "company 4 in May");
        assert_eq!(cumulative[11], 3, "no one twice");
        // The one-pass index agrees with the direct count.
        let f = Firsts::new(&e, CountRule::default());
        assert_eq!(f.team_to(2019, d(2019, 12, 31)), 3);
        assert_eq!(f.team_to(2019, d(2019, 2, 28)), 1, "company 3 only");
        assert_eq!(f.team_to(2018, d(2018, 12, 31)), 1);
        assert_eq!(f.partners_to(2019, d(2019, 12, 31)), c.per_partner);
        assert_eq!(f.monthly_cumulative(2019), cumulative);
        assert!(f.any_in(2018..=2018) && !f.any_in(2020..=2030));
        let mut early = f.companies_to(2019, d(2019, 3, 31));
        early.sort();
        assert_eq!(early, vec![id(1), id(3)], "January and March");
    }

    /// On pseudo-random evidence, the one-pass index gives the direct count for every day.
    #[test]
    fn firsts_agree_with_the_direct_count() {
        let mut x: u64 = 42;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let e: Vec<Evidence> = (0..2000)
            .map(|_| {
                let on = d(2018, 1, 1) + chrono::Days::new(next(730));
                let kind = if next(2) == 0 {
                    EvidenceKind::Accompaniment
                } else {
                    EvidenceKind::NeedDone
                };
                ev(u128::from(next(300)), u128::from(next(4)), on, kind)
            })
            .collect();
        let rule = CountRule {
            accompaniments: true,
            needs_done: false,
        };
        let f = Firsts::new(&e, rule);
        for to in [
            d(2018, 1, 1),
            d(2018, 6, 30),
            d(2018, 12, 31),
            d(2019, 3, 3),
        ] {
            let c = count(&e, d(to.year(), 1, 1), to, rule);
            assert_eq!(f.team_to(to.year(), to), c.team, "{to}");
            assert_eq!(f.partners_to(to.year(), to), c.per_partner, "{to}");
        }
        assert_eq!(
            f.monthly_cumulative(2019),
            monthly_cumulative(&e, 2019, rule)
        );
    }

    #[test]
    fn projections_use_past_seasonality_then_fall_back_to_linear() {
        // Last year: 150 by 30 June, 600 at the end → 25 % by then; 160 now → 640.
        match project(160, d(2019, 6, 30), &[(150, 600)]) {
            Projection::Seasonal { value, share } => {
                assert!((share - 0.25).abs() < 1e-9);
                assert!((value - 640.0).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        match project(100, d(2019, 7, 2), &[]) {
            Projection::Linear { value, .. } => {
                assert!((value - 100.0 * 365.0 / 183.0).abs() < 1e-6)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(project(0, d(2019, 7, 2), &[]), Projection::None);
        assert_eq!(
            project(3, d(2019, 1, 3), &[]),
            Projection::None,
            "too early"
        );
        assert_eq!(same_day_in(d(2020, 2, 29), 2019), Some(d(2019, 2, 28)));
    }
}
