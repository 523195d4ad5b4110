//! Routing a need to partners by explainable rules: subject × territory (branch coverage by
//! commune or département) × company filters (size, age, NAF, registry). Every match carries
//! the rule that selected it, so advisers and companies can see "why this partner". Pure.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Which registries a rule accepts. The usual ones: a company only on the trade register (RCS)
/// is not for the CMA; one only on the craft register (RM) is not for the CCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryRule {
    Any,
    /// Refuse companies registered at the RCS only.
    NotRcsOnly,
    /// Refuse companies registered at the RM only.
    NotRmOnly,
    /// Only companies registered at the RM.
    RmOnly,
}

impl RegistryRule {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistryRule::Any => "any",
            RegistryRule::NotRcsOnly => "not_rcs_only",
            RegistryRule::NotRmOnly => "not_rm_only",
            RegistryRule::RmOnly => "rm_only",
        }
    }
    pub fn parse(s: &str) -> Option<RegistryRule> {
        [
            RegistryRule::Any,
            RegistryRule::NotRcsOnly,
            RegistryRule::NotRmOnly,
            RegistryRule::RmOnly,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: Uuid,
    /// A need id, or "*" for every subject.
    pub subject: String,
    pub organisation: Uuid,
    pub min_headcount: Option<i64>,
    pub max_headcount: Option<i64>,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    /// NAF prefixes (section letter, division, code); empty = every activity.
    pub naf_include: Vec<String>,
    pub naf_exclude: Vec<String>,
    pub registry: RegistryRule,
    pub active: bool,
}

/// What routing knows of the company. Unknown facts never exclude.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFacts {
    pub departement: Option<String>,
    pub commune: Option<String>,
    pub headcount: Option<i64>,
    pub age_years: Option<i64>,
    /// Compact NAF code (`1071C`), with its section letter.
    pub naf: Option<(String, char)>,
    /// None = unknown; otherwise the registries declared (rcs, rm).
    pub registries: Option<Vec<String>>,
}

impl CompanyFacts {
    /// The NAF fact routing reads: the compact code and its section (none for NAF 2025 codes).
    pub fn naf_of(n: &crate::naf::NafCode) -> Option<(String, char)> {
        n.section().map(|s| (n.compact().to_string(), s))
    }
}

/// A branch of a partner and the territory it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub id: Uuid,
    pub organisation: Uuid,
    /// (département, commune) pairs; commune empty = the whole département.
    pub coverage: Vec<(String, String)>,
}

/// Why a rule selected (or refused) a partner, as codes the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub organisation: Uuid,
    pub branch: Option<Uuid>,
    pub rule: Uuid,
    /// Reasons the rule applies: "subject", "territory_commune", "territory_departement",
    /// "no_branch_here", "size", "age", "naf", "registry".
    pub why: Vec<&'static str>,
}

/// A NAF filter of a rule: a section letter (A–U), a division (`10`), a group (`10.7`), a
/// class (`10.71`) or a full code (`10.71C`).
pub fn valid_naf_prefix(s: &str) -> bool {
    let p: String = s
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let b = p.as_bytes();
    match b.len() {
        1 => (b'A'..=b'U').contains(&b[0]),
        2..=4 => b.iter().all(u8::is_ascii_digit),
        5 => b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase(),
        _ => false,
    }
}

fn naf_hit(prefix: &str, naf: &(String, char)) -> bool {
    let p: String = prefix
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if p.len() == 1 {
        p.starts_with(naf.1)
    } else {
        naf.0.starts_with(&p)
    }
}

/// Does the rule accept this company? Returns the reasons, or None.
pub fn accepts(rule: &Rule, subject: &str, c: &CompanyFacts) -> Option<Vec<&'static str>> {
    if !rule.active || (rule.subject != "*" && rule.subject != subject) {
        return None;
    }
    let mut why = vec!["subject"];
    if let Some(h) = c.headcount {
        if rule.min_headcount.is_some_and(|m| h < m) || rule.max_headcount.is_some_and(|m| h > m) {
            return None;
        }
        if rule.min_headcount.is_some() || rule.max_headcount.is_some() {
            why.push("size");
        }
    }
    if let Some(a) = c.age_years {
        if rule.min_age.is_some_and(|m| a < m) || rule.max_age.is_some_and(|m| a > m) {
            return None;
        }
        if rule.min_age.is_some() || rule.max_age.is_some() {
            why.push("age");
        }
    }
    if let Some(naf) = &c.naf {
        if !rule.naf_include.is_empty() && !rule.naf_include.iter().any(|p| naf_hit(p, naf)) {
            return None;
        }
        if rule.naf_exclude.iter().any(|p| naf_hit(p, naf)) {
            return None;
        }
        if !rule.naf_include.is_empty() || !rule.naf_exclude.is_empty() {
            why.push("naf");
        }
    }
    if let Some(regs) = &c.registries {
        let rcs = regs.iter().any(|r| r == "rcs");
        let rm = regs.iter().any(|r| r == "rm");
        let ok = match rule.registry {
            RegistryRule::Any => true,
            RegistryRule::NotRcsOnly => !rcs || rm,
            RegistryRule::NotRmOnly => !rm || rcs,
            RegistryRule::RmOnly => rm,
        };
        if !ok {
            return None;
        }
        if rule.registry != RegistryRule::Any {
            why.push("registry");
        }
    } else if rule.registry == RegistryRule::RmOnly {
        // "Only craft companies" needs the registry to be known.
        return None;
    }
    Some(why)
}

/// The branch of an organisation covering the company: a commune match first, then the
/// département.
pub fn branch_for(
    branches: &[Branch],
    org: Uuid,
    c: &CompanyFacts,
) -> Option<(Uuid, &'static str)> {
    let mine = branches.iter().filter(|b| b.organisation == org);
    if let Some(com) = &c.commune
        && let Some(b) = mine
            .clone()
            .find(|b| b.coverage.iter().any(|(_, cm)| cm == com))
    {
        return Some((b.id, "territory_commune"));
    }
    let dep = c.departement.as_ref()?;
    mine.clone()
        .find(|b| b.coverage.iter().any(|(d, cm)| d == dep && cm.is_empty()))
        .map(|b| (b.id, "territory_departement"))
}

/// Routes a need: one match per organisation (its first accepting rule), in rule order.
pub fn route(rules: &[Rule], branches: &[Branch], subject: &str, c: &CompanyFacts) -> Vec<Match> {
    let mut out: Vec<Match> = Vec::new();
    for r in rules {
        if out.iter().any(|m| m.organisation == r.organisation) {
            continue;
        }
        if let Some(mut why) = accepts(r, subject, c) {
            let branch = branch_for(branches, r.organisation, c);
            why.push(branch.map(|b| b.1).unwrap_or("no_branch_here"));
            out.push(Match {
                organisation: r.organisation,
                branch: branch.map(|b| b.0),
                rule: r.id,
                why,
            });
        }
    }
    out
}

/// The reason of a match made because no rule covers the need.
pub const NO_RULE: &str = "no_rule";

/// The partners a need goes to: those the published rules select (see [`route`]); a need no
/// rule covers goes to the pilot organisation, which steers the coverage (reason [`NO_RULE`]).
pub fn dispatch(
    rules: &[Rule],
    branches: &[Branch],
    subject: &str,
    c: &CompanyFacts,
    pilot: Option<Uuid>,
) -> Vec<Match> {
    let mut matches = route(rules, branches, subject, c);
    if matches.is_empty()
        && let Some(pilot) = pilot
    {
        matches.push(Match {
            organisation: pilot,
            branch: None,
            rule: Uuid::nil(),
            why: vec![NO_RULE],
        });
    }
    matches
}

/// The subjects a request is routed by: its needs in order (the first one leads), or
/// "orientation" when it names none.
pub fn subjects_of(needs: &[String]) -> Vec<String> {
    if needs.is_empty() {
        vec!["orientation".into()]
    } else {
        needs.to_vec()
    }
}

impl CompanyFacts {
    /// What routing reads of an orientation profile (its age counted at `today`).
    pub fn from_profile(p: &crate::catalogue::Profile, today: chrono::NaiveDate) -> CompanyFacts {
        use chrono::Datelike;
        CompanyFacts {
            departement: p.departement.map(|d| d.as_str().to_string()),
            commune: p.commune.as_ref().map(|c| c.as_str().to_string()),
            headcount: p.headcount.or(p.headcount_band.map(|b| b.0)),
            age_years: p.creation_year.map(|y| i64::from(today.year()) - y),
            naf: p.naf.as_ref().and_then(CompanyFacts::naf_of),
            registries: p
                .registries
                .as_ref()
                .map(|r| r.iter().map(|s| s.to_string()).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(n: u128, subject: &str, org: u128, registry: RegistryRule) -> Rule {
        Rule {
            id: Uuid::from_u128(n),
            subject: subject.into(),
            organisation: Uuid::from_u128(org),
            min_headcount: None,
            max_headcount: None,
            min_age: None,
            max_age: None,
            naf_include: vec![],
            naf_exclude: vec![],
            registry,
            active: true,
        }
    }

    const CCI: u128 = 1;
    const CMA: u128 = 2;
    const BF: u128 = 3;

    fn rules() -> Vec<Rule> {
        vec![
            rule(10, "orientation", CMA, RegistryRule::RmOnly),
            rule(11, "orientation", CCI, RegistryRule::NotRmOnly),
            rule(12, "trade_fair", BF, RegistryRule::Any),
            rule(13, "*", CCI, RegistryRule::NotRmOnly),
        ]
    }

    fn branches() -> Vec<Branch> {
        vec![
            Branch {
                id: Uuid::from_u128(100),
                organisation: Uuid::from_u128(CCI),
                coverage: vec![("59".into(), String::new())],
            },
            Branch {
                id: Uuid::from_u128(101),
                organisation: Uuid::from_u128(CMA),
                coverage: vec![("59".into(), String::new())],
            },
            Branch {
                id: Uuid::from_u128(102),
                organisation: Uuid::from_u128(CMA),
                coverage: vec![("59".into(), "59350".into())],
            },
        ]
    }

    #[test]
    fn craft_companies_go_to_the_cma_traders_to_the_cci() {
        let craft = CompanyFacts {
            departement: Some("59".into()),
            commune: Some("59350".into()),
            registries: Some(vec!["rm".into()]),
            ..Default::default()
        };
        let m = route(&rules(), &branches(), "orientation", &craft);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].organisation, Uuid::from_u128(CMA));
        assert_eq!(
            m[0].branch,
            Some(Uuid::from_u128(102)),
            "the commune's branch first"
        );
        assert!(m[0].why.contains(&"registry") && m[0].why.contains(&"territory_commune"));
        let trader = CompanyFacts {
            departement: Some("59".into()),
            registries: Some(vec!["rcs".into()]),
            ..Default::default()
        };
        let m = route(&rules(), &branches(), "orientation", &trader);
        assert_eq!(
            m.iter().map(|m| m.organisation).collect::<Vec<_>>(),
            [Uuid::from_u128(CCI)]
        );
        assert_eq!(m[0].branch, Some(Uuid::from_u128(100)));
    }

    #[test]
    fn unknown_facts_never_exclude_and_one_match_per_partner() {
        let unknown = CompanyFacts::default();
        let m = route(&rules(), &branches(), "orientation", &unknown);
        // RmOnly needs the registry: only the CCI (its two rules give one match).
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].why.last(), Some(&"no_branch_here"));
        let fair = route(&rules(), &branches(), "trade_fair", &unknown);
        assert_eq!(fair.len(), 2, "Business France and the CCI catch-all");
    }

    #[test]
    fn size_age_and_naf_filters() {
        let mut r = rule(20, "*", BF, RegistryRule::Any);
        r.max_headcount = Some(249);
        r.naf_exclude = vec!["A".into()];
        r.min_age = Some(2);
        let big = CompanyFacts {
            headcount: Some(300),
            ..Default::default()
        };
        assert!(accepts(&r, "x", &big).is_none());
        let farm = CompanyFacts {
            naf: Some(("0111Z".into(), 'A')),
            ..Default::default()
        };
        assert!(accepts(&r, "x", &farm).is_none());
        let young = CompanyFacts {
            age_years: Some(1),
            ..Default::default()
        };
        assert!(accepts(&r, "x", &young).is_none());
        let ok = CompanyFacts {
            headcount: Some(20),
            age_years: Some(5),
            naf: Some(("6201Z".into(), 'J')),
            ..Default::default()
        };
        assert_eq!(
            accepts(&r, "x", &ok),
            Some(vec!["subject", "size", "age", "naf"])
        );
    }

    #[test]
    fn naf_prefixes_of_rules() {
        for ok in ["C", "u", "10", "10.7", "10.71", "10.71C", "1071C"] {
            assert!(super::valid_naf_prefix(ok), "{ok}");
        }
        for bad in ["", "V", "1", "10.71CC", "AB", "10.7a1"] {
            assert!(!super::valid_naf_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn a_need_no_rule_covers_goes_to_the_pilot_and_says_so() {
        let pilot = Uuid::from_u128(99);
        let only_fairs = vec![rule(12, "trade_fair", BF, RegistryRule::Any)];
        let c = CompanyFacts::default();
        let m = dispatch(&only_fairs, &branches(), "fx_risk", &c, Some(pilot));
        assert_eq!(m.len(), 1);
        assert_eq!(
            (m[0].organisation, m[0].why.clone()),
            (pilot, vec![NO_RULE])
        );
        assert!(dispatch(&only_fairs, &branches(), "fx_risk", &c, None).is_empty());
        // A covered need never reaches the pilot.
        let m = dispatch(&only_fairs, &branches(), "trade_fair", &c, Some(pilot));
        assert_eq!(m[0].organisation, Uuid::from_u128(BF));
        assert_eq!(subjects_of(&[]), vec!["orientation".to_string()]);
        assert_eq!(
            subjects_of(&["fx_risk".into()]),
            vec!["fx_risk".to_string()]
        );
    }
}
