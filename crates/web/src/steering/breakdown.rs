//! Breakdowns of the companies accompanied in a year by one dimension within filters, each value
//! drilling down to its companies.

use super::figures::year_of;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::dates::paris_date;
use tremplin_domain::kpi::{self, CountRule};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{kpi as store, orgs};
use uuid::Uuid;

/// Dimensions of a breakdown.
pub(super) const DIMENSIONS: [&str; 11] = [
    "partenaire",
    "antenne",
    "departement",
    "epci",
    "naf",
    "taille",
    "dispositif",
    "besoin",
    "zone",
    "experience",
    "primo",
];

/// Dimensions offered as filters above every breakdown.
pub(super) const FILTERS: [&str; 4] = ["partenaire", "departement", "taille", "zone"];

/// The export facts are read only for the dimensions that need them.
pub(super) fn needs_export_facts(dim: &str) -> bool {
    matches!(dim, "zone" | "experience" | "primo")
}

/// The (key, label) values of one company for one dimension; a company with several partners,
/// branches, schemes, needs or zones counts under each.
pub(super) struct Keyer<'a> {
    ctx: &'a Ctx,
    orgs: &'a [orgs::Organisation],
    branches: &'a [orgs::BranchWithCoverage],
    live: crate::state::Shared,
}

impl Keyer<'_> {
    fn unknown(&self) -> (String, String) {
        ("-".into(), self.ctx.t("steer-unknown"))
    }

    /// The (key, label) values of company `f` for dimension `dim`.
    fn keys(
        &self,
        dim: &str,
        f: &store::CompanyFacts,
        inv: &kpi::Involvement,
        ex: Option<&store::ExportFacts>,
    ) -> Vec<(String, String)> {
        match dim {
            "partenaire" => self.partner_keys(inv),
            "antenne" => self.branch_keys(inv),
            "dispositif" => self.scheme_keys(inv),
            "besoin" => self.need_keys(inv),
            "zone" => self.zone_keys(ex),
            "experience" => vec![self.experience_key(ex)],
            "primo" => vec![self.first_export_key(ex)],
            "epci" => vec![self.epci_key(f)],
            "naf" => vec![self.naf_section_key(f)],
            "taille" => vec![self.size_key(f)],
            _ => vec![self.departement_key(f)],
        }
    }

    /// The company's partners, by name.
    fn partner_keys(&self, inv: &kpi::Involvement) -> Vec<(String, String)> {
        let l = self.ctx.lang.code();
        inv.partners
            .iter()
            .map(|p| {
                let name = self.orgs.iter().find(|o| o.id == *p).map(|o| o.name(l));
                (p.to_string(), name.unwrap_or_default().to_string())
            })
            .collect()
    }

    /// The company's branches as "partner — branch" ("no branch" for a partner's own work).
    fn branch_keys(&self, inv: &kpi::Involvement) -> Vec<(String, String)> {
        let l = self.ctx.lang.code();
        inv.branches
            .iter()
            .map(|b| match b {
                Some(b) => {
                    let br = self.branches.iter().find(|x| x.branch.id == *b);
                    let name = br.map(|x| {
                        let org = self
                            .orgs
                            .iter()
                            .find(|o| o.id == x.branch.organisation_id)
                            .map(|o| o.name(l))
                            .unwrap_or_default();
                        format!("{org} — {}", x.branch.name)
                    });
                    (b.to_string(), name.unwrap_or_else(|| b.to_string()))
                }
                None => ("-".into(), self.ctx.t("steer-no-branch")),
            })
            .collect()
    }

    /// The schemes of the company's accompaniments, by name ("no scheme" when none).
    fn scheme_keys(&self, inv: &kpi::Involvement) -> Vec<(String, String)> {
        if inv.schemes.is_empty() {
            return vec![("-".into(), self.ctx.t("acc-no-scheme"))];
        }
        let l = self.ctx.lang.code();
        inv.schemes
            .iter()
            .map(|s| {
                let name = self
                    .live
                    .catalogue
                    .get(s)
                    .map(|x| x.spec.name.get(l).to_string());
                (s.clone(), name.unwrap_or_else(|| s.clone()))
            })
            .collect()
    }

    /// The needs of the company's requests, by label ("no need" when none).
    fn need_keys(&self, inv: &kpi::Involvement) -> Vec<(String, String)> {
        if inv.subjects.is_empty() {
            return vec![("-".into(), self.ctx.t("steer-no-need"))];
        }
        let l = self.ctx.lang.code();
        inv.subjects
            .iter()
            .map(|s| {
                let label = self
                    .live
                    .catalogue
                    .taxonomies
                    .need(s)
                    .map(|n| n.label(l).to_string());
                (s.clone(), label.unwrap_or_else(|| s.clone()))
            })
            .collect()
    }

    /// The M49 regions of the countries the company exports to or targets.
    fn zone_keys(&self, ex: Option<&store::ExportFacts>) -> Vec<(String, String)> {
        let refdata = tremplin_domain::refdata::refdata();
        let mut zones: BTreeMap<String, String> = BTreeMap::new();
        for c in ex
            .into_iter()
            .flat_map(|e| e.exporting.iter().chain(e.targets.iter()))
        {
            if let Some(r) = refdata
                .country(c)
                .and_then(|c| c.region.as_deref())
                .and_then(|r| refdata.m49_region(r))
            {
                zones.insert(
                    r.code.clone(),
                    self.ctx.lang.pick(&r.name_fr, &r.name_en).to_string(),
                );
            }
        }
        if zones.is_empty() {
            vec![self.unknown()]
        } else {
            zones.into_iter().collect()
        }
    }

    /// The company's export experience.
    fn experience_key(&self, ex: Option<&store::ExportFacts>) -> (String, String) {
        ex.and_then(|e| e.experience.as_deref())
            .map(|e| (e.to_string(), self.ctx.tp("exp-", e)))
            .unwrap_or_else(|| self.unknown())
    }

    /// Whether the company exports for the first time (never exported, exports nowhere yet).
    fn first_export_key(&self, ex: Option<&store::ExportFacts>) -> (String, String) {
        let exp = ex.and_then(|e| e.experience.as_deref());
        let exporting = ex.is_some_and(|e| !e.exporting.is_empty());
        match exp {
            Some("never" | "no_offer") if !exporting => {
                ("oui".into(), self.ctx.t("steer-primo-yes"))
            }
            Some(_) => ("non".into(), self.ctx.t("steer-primo-no")),
            None if exporting => ("non".into(), self.ctx.t("steer-primo-no")),
            None => self.unknown(),
        }
    }

    /// The EPCI of the company's commune.
    fn epci_key(&self, f: &store::CompanyFacts) -> (String, String) {
        let refdata = tremplin_domain::refdata::refdata();
        let e = f
            .commune
            .as_deref()
            .and_then(|c| refdata.commune(c))
            .and_then(|c| c.epci_siren.as_deref())
            .and_then(|s| refdata.epci(s));
        e.map(|e| (e.siren.clone(), e.name.clone()))
            .unwrap_or_else(|| self.unknown())
    }

    /// The NAF section of the company's activity.
    fn naf_section_key(&self, f: &store::CompanyFacts) -> (String, String) {
        let refdata = tremplin_domain::refdata::refdata();
        let sec = f
            .naf
            .as_deref()
            .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
            .and_then(|n| n.section());
        // Section labels exist in French only (the reference data has no English).
        sec.map(|c| {
            let label = refdata
                .naf(&c.to_string())
                .map(|e| e.label_fr.clone())
                .unwrap_or_default();
            (c.to_string(), format!("{c} — {label}"))
        })
        .unwrap_or_else(|| self.unknown())
    }

    /// The company's headcount band.
    fn size_key(&self, f: &store::CompanyFacts) -> (String, String) {
        f.headcount_band
            .as_deref()
            .map(|b| (b.to_string(), self.ctx.tp("band-headcount-", b)))
            .unwrap_or_else(|| self.unknown())
    }

    /// The company's département, as "name (code)".
    fn departement_key(&self, f: &store::CompanyFacts) -> (String, String) {
        let refdata = tremplin_domain::refdata::refdata();
        f.departement
            .as_deref()
            .map(|d| {
                let name = refdata
                    .departement(d)
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                (d.to_string(), format!("{name} ({d})"))
            })
            .unwrap_or_else(|| self.unknown())
    }

    /// The values a filter offers (fixed lists: they do not depend on the data shown).
    fn options(&self, dim: &str) -> Vec<(String, String)> {
        let l = self.ctx.lang.code();
        let refdata = tremplin_domain::refdata::refdata();
        match dim {
            "partenaire" => self
                .orgs
                .iter()
                .filter(|o| !o.pilot)
                .map(|o| (o.id.to_string(), o.name(l).to_string()))
                .collect(),
            "departement" => refdata
                .departements()
                .map(|d| (d.code.clone(), format!("{} ({})", d.name, d.code)))
                .collect(),
            "taille" => tremplin_domain::company::HEADCOUNT_BANDS
                .iter()
                .map(|(b, _, _)| (b.to_string(), self.ctx.tp("band-headcount-", b)))
                .collect(),
            "zone" => refdata
                .m49_regions()
                .filter(|r| r.level == tremplin_domain::refdata::M49Level::Region)
                .map(|r| {
                    (
                        r.code.clone(),
                        self.ctx.lang.pick(&r.name_fr, &r.name_en).to_string(),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Companies accompanied in a year by one dimension, within the filters chosen, each value with
/// its count and a link to its companies (the drill-down).
pub(super) async fn breakdown(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let param = |k: &str| param_of(&q, k);
    let year = year_of(&param("annee"))?;
    let dim = DIMENSIONS
        .iter()
        .find(|d| **d == param("par"))
        .copied()
        .unwrap_or("departement");
    let filters = chosen_filters(&q);
    let c = load_counted(&state, year, dim, &filters).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let keyer = Keyer {
        ctx: &ctx,
        orgs: &all_orgs,
        branches: &branches,
        live: state.catalogue(),
    };
    let (groups, total) = group_companies(&keyer, dim, &filters, &c);
    let drill = Some(param("valeur")).filter(|v| !v.is_empty());
    let (headers, rows) = match &drill {
        Some(v) => drill_table(&ctx, &groups, v),
        None => count_table(&ctx, dim, &groups),
    };
    if let Some(profile) = crate::http::export::Profile::parse(&param("format")) {
        let name = format!("repartition-{dim}-{year}");
        return Ok(export_table(profile, &name, &headers, &rows));
    }
    let companies = drill_companies(&groups, drill.as_deref());
    let filter_qs = filter_qs(&filters);
    let filter_fields = filter_fields(&keyer, &q);
    Ok(render(
        &views::Breakdown {
            year,
            dim: dim.to_string(),
            dims: DIMENSIONS.iter().map(|d| d.to_string()).collect(),
            total,
            all: c.counted.len(),
            rows: if drill.is_none() { rows } else { Vec::new() },
            drill,
            companies,
            filter_qs,
            filter_fields,
            ctx,
        },
        StatusCode::OK,
    ))
}

/// A query parameter, trimmed ("" when absent).
fn param_of(q: &BTreeMap<String, String>, k: &str) -> String {
    q.get(k).map(|v| v.trim().to_string()).unwrap_or_default()
}

/// The filters given a value, as (dimension, value).
fn chosen_filters(q: &BTreeMap<String, String>) -> Vec<(&'static str, String)> {
    FILTERS
        .iter()
        .map(|f| (*f, param_of(q, f)))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// The filters as a query-string tail (`&name=value…`).
fn filter_qs(filters: &[(&str, String)]) -> String {
    filters
        .iter()
        .map(|(d, v)| format!("&{}", crate::http::forms::query([(*d, v.as_str())])))
        .collect()
}

/// The filter selects, with the values chosen.
fn filter_fields(keyer: &Keyer, q: &BTreeMap<String, String>) -> Vec<views::FilterField> {
    FILTERS
        .iter()
        .map(|d| views::FilterField {
            name: d.to_string(),
            value: param_of(q, d),
            options: keyer.options(d),
        })
        .collect()
}

/// The companies accompanied in a year (to today for the current one): their involvement, their
/// facts, and their export facts when the dimension or a filter needs them.
struct Counted {
    counted: BTreeMap<Uuid, kpi::Involvement>,
    facts: Vec<store::CompanyFacts>,
    export: HashMap<Uuid, store::ExportFacts>,
}

/// Reads and counts the companies accompanied in `year`.
async fn load_counted(
    state: &AppState,
    year: i32,
    dim: &str,
    filters: &[(&str, String)],
) -> Result<Counted, AppError> {
    let today = paris_date(chrono::Utc::now());
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::BadRequest("bad_request"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::BadRequest("bad_request"))?;
    let to = end.min(today.max(jan1));
    let evidence = store::evidence(state.db(), jan1, to, true).await?;
    let counted = kpi::companies(&evidence, jan1, to, CountRule::default());
    drop(evidence);
    let ids: Vec<Uuid> = counted.keys().copied().collect();
    let facts = store::company_facts(state.db(), &ids).await?;
    let export = if needs_export_facts(dim) || filters.iter().any(|(f, _)| needs_export_facts(f)) {
        store::export_facts(state.db(), &ids).await?
    } else {
        Default::default()
    };
    Ok(Counted {
        counted,
        facts,
        export,
    })
}

/// Per value of the dimension: its label and companies.
type Groups<'a> = BTreeMap<String, (String, Vec<&'a store::CompanyFacts>)>;

/// The companies within the filters grouped by the dimension's values, and their number.
fn group_companies<'a>(
    keyer: &Keyer,
    dim: &str,
    filters: &[(&str, String)],
    c: &'a Counted,
) -> (Groups<'a>, usize) {
    let mut groups: Groups = BTreeMap::new();
    let mut total = 0;
    for f in &c.facts {
        let inv = &c.counted[&f.id];
        let ex = c.export.get(&f.id);
        if !filters
            .iter()
            .all(|(d, v)| keyer.keys(d, f, inv, ex).iter().any(|(k, _)| k == v))
        {
            continue;
        }
        total += 1;
        for (k, label) in keyer.keys(dim, f, inv, ex) {
            groups
                .entry(k)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(f);
        }
    }
    (groups, total)
}

/// The drill-down table: the companies of value `v` (name, SIREN, département).
fn drill_table(ctx: &Ctx, groups: &Groups, v: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let headers = vec![
        ctx.t("company-name"),
        "SIREN".into(),
        ctx.t("q-departement"),
    ];
    let rows = groups
        .get(v)
        .map(|(_, cs)| {
            cs.iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        c.siren.clone().unwrap_or_default(),
                        c.departement.clone().unwrap_or_default(),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    (headers, rows)
}

/// The breakdown table: (label, count, key) per value, most first then by label.
fn count_table(ctx: &Ctx, dim: &str, groups: &Groups) -> (Vec<String>, Vec<Vec<String>>) {
    let headers = vec![ctx.tp("steer-dim-", dim), ctx.t("steer-count")];
    let mut r: Vec<(String, String, usize)> = groups
        .iter()
        .map(|(k, (label, cs))| (k.clone(), label.clone(), cs.len()))
        .collect();
    r.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    let rows = r
        .into_iter()
        .map(|(k, label, n)| vec![label, n.to_string(), k])
        .collect();
    (headers, rows)
}

/// The table as CSV/XLSX (the rows cut to the headers: no key column).
fn export_table(
    profile: crate::http::export::Profile,
    name: &str,
    headers: &[String],
    rows: &[Vec<String>],
) -> Response {
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().take(headers.len()).cloned().collect())
        .collect();
    crate::http::export::table_response(profile, name, headers, &table)
}

/// The value drilled into and its companies as (id, name, SIREN); empty without a drill-down.
fn drill_companies(groups: &Groups, drill: Option<&str>) -> (String, Vec<(Uuid, String, String)>) {
    match drill {
        Some(v) => groups
            .get(v)
            .map(|(label, cs)| {
                (
                    label.clone(),
                    cs.iter()
                        .map(|c| (c.id, c.name.clone(), c.siren.clone().unwrap_or_default()))
                        .collect(),
                )
            })
            .unwrap_or_else(|| (v.to_string(), Vec::new())),
        None => (String::new(), Vec::new()),
    }
}
