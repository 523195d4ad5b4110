//! Benchmark fixtures: the shipped catalogue read from `catalogue/`, and a generated catalogue
//! of any size made by varying the shipped schemes (ids, thresholds, needs, zones).

use std::path::Path;

use chrono::NaiveDate;
use tremplin_domain::catalogue::{self, Catalogue, CatalogueFiles, TAXONOMY_FILES, Weights};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// Reads the repository's catalogue directory.
pub fn shipped() -> (Catalogue, Weights) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalogue");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap_or_default();
    let taxonomies = TAXONOMY_FILES.map(|f| {
        let rel = format!("taxonomies/{f}");
        let t = read(&rel);
        (rel, t)
    });
    let mut schemes: Vec<(String, String)> = std::fs::read_dir(dir.join("schemes"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    let rel = format!("schemes/{}", e.file_name().to_string_lossy());
                    let t = read(&rel);
                    (rel, t)
                })
                .collect()
        })
        .unwrap_or_default();
    schemes.sort();
    let files = CatalogueFiles {
        taxonomies,
        weights: read("weights.toml"),
        schemes,
    };
    catalogue::load(&files, today()).unwrap_or_else(|d| panic!("catalogue: {d:?}"))
}

/// A catalogue of `n` published schemes derived from the shipped ones.
pub fn generated(n: usize) -> (Catalogue, Weights) {
    let (base, w) = shipped();
    let needs: Vec<String> = base.taxonomies.needs.iter().map(|x| x.id.clone()).collect();
    let zones = [
        "eu27",
        "maghreb",
        "asean",
        "m49-002",
        "north_america",
        "gulf",
    ];
    let published: Vec<_> = base
        .schemes
        .iter()
        .filter(|s| !s.criteria.is_empty())
        .cloned()
        .collect();
    let mut schemes = Vec::with_capacity(n);
    for i in 0..n {
        let mut s = published[i % published.len()].clone();
        s.spec.id = format!("{}-{i}", s.spec.id);
        s.spec.status = catalogue::spec::Status::Published;
        s.spec.valid_until = None;
        s.spec.needs = vec![
            needs[i % needs.len()].clone(),
            needs[(i * 7 + 3) % needs.len()].clone(),
        ];
        if i % 3 == 0 {
            s.zones = vec![
                tremplin_domain::geo::Zone::parse(zones[i % zones.len()])
                    .unwrap_or_else(|_| unreachable!()),
            ];
        }
        for c in &mut s.criteria {
            if let catalogue::compile::Rule::Range { max: Some(m), .. } = &mut c.rule {
                *m = *m / 2 + (i as i64 % 97) * (*m / 100 + 1);
            }
        }
        schemes.push(s);
    }
    (
        Catalogue {
            taxonomies: base.taxonomies,
            schemes,
            version: "generated".into(),
        },
        w,
    )
}

/// A typical profile: a small manufacturer in Nord exporting to Germany and Morocco.
pub fn profile(cat: &Catalogue) -> catalogue::Profile {
    catalogue::ProfileInput {
        naf: Some("25.62B".into()),
        departement: Some("59".into()),
        headcount: Some(35),
        turnover_eur: Some(6_000_000),
        creation_year: Some(2004),
        closed_fiscal_years: Some(12),
        export_experience: Some("last_12m".into()),
        offer: Some("goods".into()),
        target_countries: Some(vec!["DE".into(), "MA".into()]),
        needs: Some(vec!["finance_prospection".into(), "trade_fair".into()]),
        activity_flags: Some(vec![]),
        french_share_pct: Some(70),
        ..Default::default()
    }
    .parse(&cat.taxonomies, today())
    .unwrap_or_else(|e| panic!("{e:?}"))
}
