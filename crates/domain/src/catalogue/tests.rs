//! Engine tests on small hand-written schemes, and the property tests the catalogue relies on.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::compile::{CompiledScheme, compile_scheme};
use super::engine::{Bucket, Outcome, ScoreKind, Weights, evaluate, orient};
use super::profile::{Profile, ProfileInput};
use super::taxonomy::{Taxonomies, TaxonomySources};

pub fn taxonomies() -> Taxonomies {
    Taxonomies::parse(&TaxonomySources {
        needs: r#"
[[needs]]
id = "finance_prospection"
fr = "Financer ma prospection"
en = "Fund my prospecting"
path = "financer"
[[needs]]
id = "trade_fair"
fr = "Aller sur un salon"
en = "Attend a trade fair"
path = "prospecter"
[[needs]]
id = "orientation"
fr = "Être orienté"
en = "Get guidance"
path = "preparer"
"#,
        stages: r#"
[[stages]]
id = "M0"
fr = "Projet"
en = "Project"
[[stages]]
id = "M1"
fr = "Primo"
en = "First"
[[stages]]
id = "M2"
fr = "Occasionnel"
en = "Occasional"
[[stages]]
id = "M3"
fr = "Régulier"
en = "Regular"
[[stages]]
id = "M4"
fr = "Confirmé"
en = "Established"
"#,
        natures: "[[natures]]\nid = \"grant\"\nfr = \"Subvention\"\nen = \"Grant\"\n[[natures]]\nid = \"service\"\nfr = \"Service\"\nen = \"Service\"\n",
        organisations: "[[organisations]]\nid = \"bpifrance\"\nfr = \"Bpifrance\"\nen = \"Bpifrance\"\n[[organisations]]\nid = \"cci-hdf\"\nfr = \"CCI\"\nen = \"CCI\"\n",
        paths: "[[paths]]\nid = \"preparer\"\nfr = \"Préparer\"\nen = \"Prepare\"\norder = 1\n[[paths]]\nid = \"prospecter\"\nfr = \"Prospecter\"\nen = \"Prospect\"\norder = 2\n[[paths]]\nid = \"financer\"\nfr = \"Financer\"\nen = \"Finance\"\norder = 3\n",
    })
    .expect("test taxonomies")
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

const HEADER: &str = r#"
status = "published"
natures = ["grant"]
stages = ["M1", "M2"]
[name]
fr = "Nom"
en = "Name"
[summary]
fr = "Résumé"
[benefit]
fr = "Bénéfice"
[[operators]]
org = "bpifrance"
roles = ["operator"]
[availability]
kind = "permanent"
[[sources]]
url = "https://example.org/source"
seen = 2026-11-26
[verification]
on = 2026-11-26
by = "test"
confidence = "to_confirm"
"#;

pub fn scheme(id: &str, needs: &str, extra: &str) -> CompiledScheme {
    // Top-level keys of `extra` (before its first table) go before the header's tables.
    let (top, tables) = match extra.find("[[") {
        Some(i) => extra.split_at(i),
        None => (extra, ""),
    };
    let text = format!("id = \"{id}\"\nneeds = [{needs}]\n{top}\n{HEADER}\n{tables}");
    compile_scheme(&format!("{id}.toml"), &text, &taxonomies(), today())
        .unwrap_or_else(|d| panic!("{d:?}"))
}

/// An AP-like scheme: turnover ≤ 500 M€, ≥ 1 closed year, not a trader, French share > 20 %.
pub fn ap() -> CompiledScheme {
    scheme(
        "ap",
        "\"finance_prospection\"",
        r#"
[[criteria]]
id = "ca"
kind = "turnover"
max = 500_000_000
[[criteria]]
id = "exercice"
kind = "closed_fiscal_years"
min = 1
[[criteria]]
id = "negoce"
kind = "activity_flag"
must_not_have = ["international_trading"]
[[criteria]]
id = "part"
kind = "french_share"
min = 20
strict = true
[[criteria]]
id = "budget"
kind = "budget"
min = 30_000
level = "preferred"
weight = 5
[[criteria]]
id = "obligations"
kind = "manual"
level = "to_verify"
text = { fr = "À jour de ses obligations." }
"#,
    )
}

fn profile(input: ProfileInput) -> Profile {
    input.parse(&taxonomies(), today()).expect("valid profile")
}

#[test]
fn buckets_follow_required_criteria() {
    let s = ap();
    let w = Weights::default();
    let full = profile(ProfileInput {
        turnover_eur: Some(9_000_000),
        closed_fiscal_years: Some(4),
        activity_flags: Some(vec![]),
        french_share_pct: Some(80),
        needs: Some(vec!["finance_prospection".into()]),
        ..Default::default()
    });
    let e = evaluate(&s, &full, today(), &w);
    assert_eq!(e.bucket, Bucket::Eligible);
    assert!(e.missing_inputs().is_empty());
    let verify = e
        .criteria
        .iter()
        .find(|r| r.id == "obligations")
        .expect("manual");
    assert_eq!(verify.outcome, Outcome::ToVerify);

    let mut partial = full.clone();
    partial.french_share_pct = None;
    let e = evaluate(&s, &partial, today(), &w);
    assert_eq!(e.bucket, Bucket::ToConfirm);
    assert_eq!(e.missing_inputs(), ["french_share_pct"]);

    let mut trader = full.clone();
    trader.activity_flags = Some(vec!["international_trading"]);
    trader.french_share_pct = Some(20); // strict: 20 is not > 20
    let e = evaluate(&s, &trader, today(), &w);
    assert_eq!(e.bucket, Bucket::NotEligible);
    let failing: Vec<&str> = e.failures().iter().map(|r| r.id).collect();
    assert_eq!(
        failing,
        ["negoce", "part"],
        "every failing criterion is listed"
    );
    assert_eq!(e.score, 0);
}

#[test]
fn score_lines_are_visible_and_add_up() {
    let s = ap();
    let w = Weights::default();
    let p = profile(ProfileInput {
        needs: Some(vec!["finance_prospection".into()]),
        export_experience: Some("never".into()),
        budget_eur: Some(50_000),
        ..Default::default()
    });
    let e = evaluate(&s, &p, today(), &w);
    let kinds: Vec<ScoreKind> = e.lines.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            ScoreKind::NeedPrimary,
            ScoreKind::Stage,
            ScoreKind::MarketAny,
            ScoreKind::Preferred,
            ScoreKind::Open
        ]
    );
    assert_eq!(e.score, 40 + 20 + 8 + 15 + 5);
    assert_eq!(e.score, e.lines.iter().map(|l| l.points).sum::<u32>());
}

#[test]
fn groups_any_of_and_all_of() {
    let s = scheme(
        "grp",
        "",
        r#"
[[criteria]]
id = "pme-ou-eti"
kind = "any_of"
label = { fr = "PME ou ETI" }
of = [
  { id = "pme", kind = "size_category", any_of = ["micro", "small", "medium"] },
  { id = "jeune", kind = "age_years", max = 3 },
]
"#,
    );
    let w = Weights::default();
    let big_old = profile(ProfileInput {
        headcount: Some(9000),
        creation_year: Some(1990),
        ..Default::default()
    });
    assert_eq!(
        evaluate(&s, &big_old, today(), &w).bucket,
        Bucket::NotEligible
    );
    let big_young = profile(ProfileInput {
        headcount: Some(9000),
        creation_year: Some(2025),
        ..Default::default()
    });
    assert_eq!(
        evaluate(&s, &big_young, today(), &w).bucket,
        Bucket::Eligible
    );
    let big_unknown_age = profile(ProfileInput {
        headcount: Some(9000),
        ..Default::default()
    });
    assert_eq!(
        evaluate(&s, &big_unknown_age, today(), &w).bucket,
        Bucket::ToConfirm
    );
}

#[test]
fn target_zone_and_location() {
    let s = scheme(
        "afrique",
        "",
        r#"
zones = ["m49-002"]
[[criteria]]
id = "afrique"
kind = "target_zone"
zones = ["m49-002"]
[[criteria]]
id = "hdf"
kind = "location"
regions = ["32"]
"#,
    );
    let w = Weights::default();
    let p = profile(ProfileInput {
        target_countries: Some(vec!["SN".into()]),
        commune: Some("59350".into()),
        ..Default::default()
    });
    let e = evaluate(&s, &p, today(), &w);
    assert_eq!(e.bucket, Bucket::Eligible);
    assert!(e.lines.iter().any(|l| l.kind == ScoreKind::MarketInZone));
    let p = profile(ProfileInput {
        target_zones: Some(vec!["maghreb".into()]),
        departement: Some("75".into()),
        ..Default::default()
    });
    let e = evaluate(&s, &p, today(), &w);
    assert_eq!(
        e.bucket,
        Bucket::NotEligible,
        "Paris is not in Hauts-de-France"
    );
    let p = profile(ProfileInput {
        target_countries: Some(vec!["DE".into()]),
        ..Default::default()
    });
    let e = evaluate(&s, &p, today(), &w);
    assert_eq!(e.bucket, Bucket::NotEligible);
}

#[test]
fn closed_and_draft_schemes_are_never_recommended() {
    let open = ap();
    let closed = scheme("ferme", "\"finance_prospection\"", "").with_status_closed();
    let list = [open, closed];
    let p = Profile::default();
    let r = orient(&list, &p, today(), &Weights::default(), true);
    let ids: Vec<&str> = r.iter().map(|e| e.scheme_id).collect();
    assert_eq!(ids, ["ap"]);
}

impl CompiledScheme {
    fn with_status_closed(mut self) -> Self {
        self.spec.status = super::spec::Status::Closed;
        self.spec.valid_until = Some(NaiveDate::from_ymd_opt(2023, 12, 31).expect("date"));
        self
    }
}

#[test]
fn ranking_is_deterministic_and_neutral() {
    // Two schemes identical but for their id and operator: order by id, whatever the operator.
    let a = scheme("b-scheme", "\"trade_fair\"", "");
    let mut b = scheme("a-scheme", "\"trade_fair\"", "");
    b.spec.operators[0].org = "cci-hdf".into();
    let list = [a, b];
    let p = profile(ProfileInput {
        needs: Some(vec!["trade_fair".into()]),
        ..Default::default()
    });
    let r1: Vec<&str> = orient(&list, &p, today(), &Weights::default(), false)
        .iter()
        .map(|e| e.scheme_id)
        .collect();
    assert_eq!(r1, ["a-scheme", "b-scheme"]);
}

#[test]
fn invalid_files_name_file_and_line() {
    let t = taxonomies();
    let bad = format!(
        "id = \"x\"\nneeds = [\"finance_prospectio\"]\n{HEADER}\n[[criteria]]\nid = \"c\"\nkind = \"turnover\"\nmin = 10\nmax = 5\n"
    );
    let d = compile_scheme("x.toml", &bad, &t, today()).expect_err("invalid");
    assert!(
        d.iter()
            .any(|d| d.line == 2 && d.message.contains("unknown need")),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|d| d.message.contains("min 10 is greater than max 5")),
        "{d:?}"
    );
    let typo = format!("id = \"x\"\nneedz = []\n{HEADER}");
    let d = compile_scheme("x.toml", &typo, &t, today()).expect_err("unknown key");
    assert_eq!(d[0].line, 2, "{d:?}");
    assert!(d[0].message.contains("needz"), "{d:?}");
    let broken = "id = \"x\"\nstatus = \n";
    let d = compile_scheme("x.toml", broken, &t, today()).expect_err("syntax");
    assert_eq!(d[0].line, 2, "{d:?}");
}

#[test]
fn bad_profiles_get_field_errors_with_valid_values() {
    let t = taxonomies();
    let bad = ProfileInput {
        turnover_eur: Some(-5),
        headcount: Some(1_000_000_000_000),
        french_share_pct: Some(150),
        needs: Some(vec!["fly_to_mars".into()]),
        target_zones: Some(vec!["atlantis".into()]),
        target_countries: Some(vec!["XX".into()]),
        ..Default::default()
    };
    let errs = bad.parse(&t, today()).expect_err("invalid");
    let fields: Vec<(&str, &str)> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
    for expected in [
        ("turnover_eur", "value_negative"),
        ("headcount", "value_too_large"),
        ("french_share_pct", "percent_out_of_range"),
        ("needs", "need_unknown"),
        ("target_zones", "zone_unknown"),
        ("target_countries", "country_unknown"),
    ] {
        assert!(fields.contains(&expected), "{expected:?} in {fields:?}");
    }
    let needs = errs.iter().find(|e| e.field == "needs").expect("needs");
    assert!(needs.valid.contains(&"trade_fair".to_string()));
}

fn arb_input() -> impl Strategy<Value = ProfileInput> {
    (
        proptest::option::of(0i64..2_000_000_000),
        proptest::option::of(0i64..20_000),
        proptest::option::of(0i64..10),
        proptest::option::of(0i64..=100),
        proptest::option::of(prop_oneof![
            Just(vec![]),
            Just(vec!["international_trading".to_string()])
        ]),
        proptest::option::of(1950i64..2026),
        proptest::option::of(prop_oneof![
            Just("never"),
            Just("last_12m"),
            Just("no_offer"),
            Just("not_last_12m")
        ]),
        proptest::option::of(prop_oneof![
            Just(vec!["SN".to_string()]),
            Just(vec!["DE".to_string()])
        ]),
        proptest::option::of(0i64..100_000_000),
        proptest::option::of(prop_oneof![Just("59"), Just("75")]),
    )
        .prop_map(|(t, h, y, fs, fl, cy, ex, tc, b, d)| ProfileInput {
            turnover_eur: t,
            headcount: h,
            closed_fiscal_years: y,
            french_share_pct: fs,
            activity_flags: fl,
            creation_year: cy,
            export_experience: ex.map(str::to_string),
            target_countries: tc,
            budget_eur: b,
            departement: d.map(str::to_string),
            ..Default::default()
        })
}

fn test_schemes() -> Vec<CompiledScheme> {
    vec![
        ap(),
        scheme(
            "mix",
            "\"trade_fair\"",
            r#"
zones = ["m49-002"]
[[criteria]]
id = "g"
kind = "any_of"
of = [
  { id = "pme", kind = "size_category", any_of = ["micro", "small"] },
  { id = "jeune", kind = "age_years", max = 5 },
]
[[criteria]]
id = "afrique"
kind = "target_zone"
zones = ["m49-002"]
[[criteria]]
id = "hdf"
kind = "location"
regions = ["32"]
[[criteria]]
id = "m"
kind = "maturity"
any_of = ["M1", "M2", "M4"]
"#,
        ),
    ]
}

/// Forgets one field of the input (the index picks which).
fn forget(mut p: ProfileInput, which: usize) -> ProfileInput {
    match which % 10 {
        0 => p.turnover_eur = None,
        1 => p.headcount = None,
        2 => p.closed_fiscal_years = None,
        3 => p.french_share_pct = None,
        4 => p.activity_flags = None,
        5 => p.creation_year = None,
        6 => p.export_experience = None,
        7 => p.target_countries = None,
        8 => p.budget_eur = None,
        _ => p.departement = None,
    }
    p
}

proptest! {
    /// Turning a known input into unknown never moves a scheme from Éligible to Non éligible.
    #[test]
    fn forgetting_never_excludes(input in arb_input(), which in 0usize..10) {
        let t = taxonomies();
        let schemes = test_schemes();
        let known = input.parse(&t, today()).expect("valid");
        let less = forget(input, which).parse(&t, today()).expect("valid");
        for s in &schemes {
            let before = evaluate(s, &known, today(), &Weights::default()).bucket;
            let after = evaluate(s, &less, today(), &Weights::default()).bucket;
            if before == Bucket::Eligible {
                prop_assert_ne!(after, Bucket::NotEligible, "{}", s.spec.id);
            }
            if before != Bucket::NotEligible {
                prop_assert_ne!(after, Bucket::NotEligible, "{}", s.spec.id);
            }
        }
    }

    /// Adding a need that a scheme serves never lowers its score.
    #[test]
    fn a_served_need_never_lowers_the_score(input in arb_input(), front in any::<bool>(), n in 0usize..3) {
        let t = taxonomies();
        let need = ["finance_prospection", "trade_fair", "orientation"][n];
        for s in &test_schemes() {
            if !s.spec.needs.iter().any(|x| x == need) {
                continue;
            }
            let base = input.parse(&t, today()).expect("valid");
            let mut more = base.clone();
            if !more.needs.iter().any(|x| x == need) {
                if front { more.needs.insert(0, need.to_string()) } else { more.needs.push(need.to_string()) }
            }
            let a = evaluate(s, &base, today(), &Weights::default());
            let b = evaluate(s, &more, today(), &Weights::default());
            prop_assert!(b.score >= a.score, "{}: {} < {}", s.spec.id, b.score, a.score);
        }
    }

    /// Whatever the JSON, decoding and evaluating a profile never panics.
    #[test]
    fn any_json_profile_is_safe(json in "\\PC{0,200}") {
        let t = taxonomies();
        if let Ok(input) = serde_json::from_str::<ProfileInput>(&json)
            && let Ok(p) = input.parse(&t, today())
        {
            let _ = orient(&test_schemes(), &p, today(), &Weights::default(), true);
        }
    }
}

#[test]
fn an_all_unknown_profile_has_no_not_eligible_result() {
    let schemes = test_schemes();
    let r = orient(
        &schemes,
        &Profile::default(),
        today(),
        &Weights::default(),
        true,
    );
    assert!(!r.is_empty());
    assert!(r.iter().all(|e| e.bucket != Bucket::NotEligible));
}

#[test]
fn bands_decide_only_when_the_whole_band_agrees() {
    let s = scheme(
        "pme",
        "",
        r#"
[[criteria]]
id = "effectif"
kind = "headcount"
max = 249
[[criteria]]
id = "taille"
kind = "size_category"
any_of = ["micro", "small", "medium"]
"#,
    );
    let w = Weights::default();
    let with = |h: (i64, i64), t: Option<(i64, i64)>| Profile {
        headcount_band: Some(h),
        turnover_band: t,
        ..Profile::default()
    };
    let small = with((10, 49), Some((2_000_001, 10_000_000)));
    assert_eq!(small.size(), Some(super::profile::SizeCategory::Small));
    assert_eq!(evaluate(&s, &small, today(), &w).bucket, Bucket::Eligible);
    let big = with((250, 4_999), Some((50_000_001, 1_500_000_000)));
    assert_eq!(evaluate(&s, &big, today(), &w).bucket, Bucket::NotEligible);
    let across = with((50, 499), None);
    let e = evaluate(&s, &across, today(), &w);
    assert_eq!(
        e.criteria[0].outcome,
        Outcome::Unknown,
        "249 lies inside 50–499"
    );
    assert_eq!(e.bucket, Bucket::ToConfirm);
}
