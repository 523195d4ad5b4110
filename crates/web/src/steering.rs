//! Steering: yearly targets, the count of companies accompanied against them (progress, same
//! date last year, projection, monthly cumulative chart), response times, and the public
//! statistics page. The counting rule lives in `tremplin_domain::kpi`.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use tremplin_domain::dates::paris_date;
use tremplin_domain::kpi::{self, CountRule, Evidence, Projection};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{kpi as store, orgs};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, FieldErrors};
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pilotage/objectifs", get(targets_page).post(save_targets))
        .route("/pilotage/tableau-de-bord", get(dashboard))
        .route("/pilotage/tableau-de-bord/repartition", get(breakdown))
        .route("/statistiques", get(public_stats))
}

/// Years a target or a dashboard may be about.
const YEARS: std::ops::RangeInclusive<i32> = 2015..=2100;
/// Largest plausible yearly target (companies of a region).
const MAX_TARGET: i64 = 100_000;

#[derive(Deserialize, Default)]
struct YearQ {
    #[serde(default)]
    annee: String,
    #[serde(default)]
    format: String,
}

fn year_of(q: &str) -> Result<i32, AppError> {
    let this = paris_date(chrono::Utc::now()).year();
    if q.trim().is_empty() {
        return Ok(this);
    }
    q.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| AppError::Invalid([("annee".into(), "year_out_of_range".into())].into()))
}

async fn targets_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<YearQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageTargets, Resource::Global)?;
    let year = year_of(&q.annee)?;
    let stored = store::targets(state.db(), year).await?;
    let value = |scope: &str| {
        stored
            .iter()
            .find(|(s, _)| s == scope)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let l = ctx.lang.code();
    let partners = orgs::list(state.db())
        .await?
        .into_iter()
        .filter(|o| o.slug != "region-hdf")
        .map(|o| {
            (
                o.id.to_string(),
                o.name(l).to_string(),
                value(&o.id.to_string()),
            )
        })
        .collect();
    Ok(render(
        &tpl::Targets {
            year,
            team: value("team"),
            partners,
            errors: FieldErrors::new(),
            ctx,
        },
        StatusCode::OK,
    ))
}

async fn save_targets(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageTargets, Resource::Global)?;
    let year = year_of(f.get("annee").map(String::as_str).unwrap_or(""))?;
    let orgs = orgs::list(state.db()).await?;
    let mut errors = FieldErrors::new();
    let mut values = Vec::new();
    for (k, v) in &f {
        let scope = match k.strip_prefix("cible_") {
            Some("team") => "team".to_string(),
            Some(id) if orgs.iter().any(|o| o.id.to_string() == id) => id.to_string(),
            Some(_) => {
                errors.insert(k.clone(), "value_unknown".into());
                continue;
            }
            None => continue,
        };
        let v = v.trim().replace([' ', '\u{a0}', '\u{202f}'], "");
        if v.is_empty() {
            values.push((scope, None));
            continue;
        }
        match v.parse::<i64>() {
            Ok(n) if n <= 0 => {
                errors.insert(k.clone(), "target_not_positive".into());
            }
            Ok(n) if n > MAX_TARGET => {
                errors.insert(k.clone(), "value_too_large".into());
            }
            Ok(n) => values.push((scope, Some(n))),
            Err(_) => {
                errors.insert(k.clone(), "number_invalid".into());
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    store::set_targets(state.db(), &ctx.actor(), year, &values).await?;
    Ok(Redirect::to(&format!("/pilotage/tableau-de-bord?annee={year}")).into_response())
}

/// Everything the dashboard and the public page show for a year.
pub struct YearView {
    pub year: i32,
    /// The last day counted (today for the current year, 31 December for a past one).
    pub to: NaiveDate,
    pub current: bool,
    pub count: usize,
    pub target: Option<i64>,
    pub last_year_same_date: usize,
    pub projection: Projection,
    pub cumulative: [usize; 12],
    pub last_cumulative: [usize; 12],
    pub per_partner: Vec<(Uuid, usize)>,
    pub has_data: bool,
    pub response: ResponseTimes,
}

/// Time to take charge of the requests received in the period.
#[derive(Debug, Default, Clone, Copy)]
pub struct ResponseTimes {
    pub requests: usize,
    pub taken: usize,
    pub median_hours: Option<f64>,
    pub within_72h: Option<f64>,
    pub within_5_days: Option<f64>,
}

fn response_times(hours: &[Option<f64>]) -> ResponseTimes {
    let mut taken: Vec<f64> = hours.iter().flatten().copied().collect();
    taken.sort_by(f64::total_cmp);
    let n = hours.len();
    let median = match taken.len() {
        0 => None,
        k if k % 2 == 1 => Some(taken[k / 2]),
        k => Some((taken[k / 2 - 1] + taken[k / 2]) / 2.0),
    };
    let share = |limit: f64| {
        (n > 0).then(|| taken.iter().filter(|h| **h <= limit).count() as f64 / n as f64)
    };
    ResponseTimes {
        requests: n,
        taken: taken.len(),
        median_hours: median,
        within_72h: share(72.0),
        within_5_days: share(120.0),
    }
}

/// The evidence a view of years `first..=last` needs (three years before, for seasonality).
async fn evidence_for(state: &AppState, first: i32, last: i32) -> Result<Vec<Evidence>, AppError> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(first - 3, 1, 1),
        NaiveDate::from_ymd_opt(last, 12, 31),
    ) else {
        return Err(AppError::BadRequest("bad_request"));
    };
    Ok(store::evidence(state.db(), from, to).await?)
}

/// A year's figures from evidence loaded by [`evidence_for`] (it may cover later years too).
pub async fn year_view(
    state: &AppState,
    evidence: &[Evidence],
    year: i32,
) -> Result<YearView, AppError> {
    let today = paris_date(chrono::Utc::now());
    let current = year == today.year();
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::BadRequest("bad_request"))?;
    let to = if current { today } else { end };
    let rule = CountRule::default();
    let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(end);
    let counts = kpi::count(evidence, jan1(year), to, rule);
    let last_to = kpi::same_day_in(to, year - 1).unwrap_or(to);
    let last_year_same_date = kpi::count(evidence, jan1(year - 1), last_to, rule).team;
    let past: Vec<(usize, usize)> = (1..=3)
        .filter_map(|k| {
            let y = year - k;
            let at = kpi::same_day_in(to, y)?;
            Some((
                kpi::count(evidence, jan1(y), at, rule).team,
                kpi::count_year(evidence, y, rule).team,
            ))
        })
        .collect();
    let projection = if current {
        kpi::project(counts.team, to, &past)
    } else {
        Projection::None
    };
    let targets = store::targets(state.db(), year).await?;
    let target = targets.iter().find(|(s, _)| s == "team").map(|(_, v)| *v);
    let hours = store::take_charge_hours(state.db(), jan1(year), to).await?;
    Ok(YearView {
        year,
        to,
        current,
        count: counts.team,
        target,
        last_year_same_date,
        projection,
        cumulative: kpi::monthly_cumulative(evidence, year, rule),
        last_cumulative: kpi::monthly_cumulative(evidence, year - 1, rule),
        per_partner: counts.per_partner.into_iter().collect(),
        has_data: evidence
            .iter()
            .any(|e| (year - 3..=year).contains(&e.on.year())),
        response: response_times(&hours),
    })
}

/// The monthly cumulative chart as SVG: this year, last year (dashed) and the target's pace.
pub fn chart_svg(ctx: &Ctx, v: &YearView) -> String {
    let (w, h, left, bottom, top, right) = (640.0, 260.0, 48.0, 28.0, 12.0, 12.0);
    let months_shown = if v.current { v.to.month() as usize } else { 12 };
    let max = v
        .cumulative
        .iter()
        .chain(v.last_cumulative.iter())
        .map(|x| *x as f64)
        .chain(v.target.map(|t| t as f64))
        .fold(1.0_f64, f64::max)
        * 1.1;
    let x = |i: usize| left + (w - left - right) * (i as f64 + 1.0) / 12.0;
    let y = |val: f64| top + (h - top - bottom) * (1.0 - val / max);
    let line = |values: &[usize], n: usize| {
        std::iter::once(format!("{:.1},{:.1}", left, y(0.0)))
            .chain(
                values
                    .iter()
                    .take(n)
                    .enumerate()
                    .map(|(i, c)| format!("{:.1},{:.1}", x(i), y(*c as f64))),
            )
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        crate::tpl::escape(&ctx.t1("steer-chart-title", "year", v.year)),
        crate::tpl::escape(&ctx.t("steer-chart-desc")),
    );
    // Axes and a few horizontal grid lines with their values.
    for k in 0..=4 {
        let val = max / 1.1 * k as f64 / 4.0;
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d0d4d9\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{}</text>",
            w - right, y(val), y(val), left - 6.0, y(val) + 4.0, val.round()
        ));
    }
    for (i, m) in ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]
        .iter()
        .enumerate()
    {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{m}</text>",
            x(i),
            h - 8.0
        ));
    }
    if let Some(t) = v.target {
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b35900\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>",
            y(0.0),
            x(11),
            y(t as f64)
        ));
    }
    svg.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#6b7280\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"{}\"/>",
        line(&v.last_cumulative, 12)
    ));
    svg.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"3\" points=\"{}\"/></svg>",
        line(&v.cumulative, months_shown)
    ));
    svg
}

async fn dashboard(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<YearQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let year = year_of(&q.annee)?;
    let evidence = evidence_for(&state, year, year).await?;
    let v = year_view(&state, &evidence, year).await?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let targets = store::targets(state.db(), year).await?;
    let partners: Vec<tpl::PartnerCount> = all_orgs
        .iter()
        .filter(|o| o.slug != "region-hdf")
        .map(|o| {
            let count = v
                .per_partner
                .iter()
                .find(|(p, _)| *p == o.id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let target = targets
                .iter()
                .find(|(s, _)| *s == o.id.to_string())
                .map(|(_, t)| *t);
            tpl::PartnerCount {
                name: o.name(l).to_string(),
                count,
                target: target.map(|t| t.to_string()).unwrap_or_default(),
                share: target
                    .map(|t| format!("{:.0} %", 100.0 * count as f64 / t as f64))
                    .unwrap_or_default(),
            }
        })
        .collect();
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let headers = vec![
            ctx.t("steer-partner"),
            ctx.t("steer-count"),
            ctx.t("steer-target"),
            ctx.t("steer-share"),
        ];
        let rows: Vec<Vec<String>> = partners
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.count.to_string(),
                    p.target.clone(),
                    p.share.clone(),
                ]
            })
            .collect();
        return Ok(crate::export::table_response(
            profile,
            &format!("accompagnees-{year}"),
            &headers,
            &rows,
        ));
    }
    let chart = chart_svg(&ctx, &v);
    Ok(render(
        &tpl::Dashboard {
            months: months(&ctx, &v),
            projection: projection_text(&ctx, &v),
            chart,
            partners,
            v,
            ctx,
        },
        StatusCode::OK,
    ))
}

/// (month label, this year's cumulative or "" past today, last year's).
fn months(ctx: &Ctx, v: &YearView) -> Vec<(String, String, String)> {
    let shown = if v.current { v.to.month() as usize } else { 12 };
    (0..12)
        .map(|i| {
            (
                ctx.tp("month-", i + 1),
                if i < shown {
                    v.cumulative[i].to_string()
                } else {
                    String::new()
                },
                v.last_cumulative[i].to_string(),
            )
        })
        .collect()
}

fn projection_text(ctx: &Ctx, v: &YearView) -> String {
    match v.projection {
        Projection::Seasonal { value, share } => ctx.t2(
            "steer-projection-seasonal",
            ("value", value.round()),
            ("share", (share * 100.0).round()),
        ),
        Projection::Linear { value, .. } => {
            ctx.t1("steer-projection-linear", "value", value.round())
        }
        Projection::None => ctx.t("steer-projection-none"),
    }
}

async fn public_stats(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<YearQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let this = paris_date(chrono::Utc::now()).year();
    let first = store::team_targets(state.db())
        .await?
        .first()
        .map(|(y, _)| *y)
        .unwrap_or(this)
        .min(this);
    let first = first.max(this - 9);
    // One read of the evidence for every year shown.
    let evidence = evidence_for(&state, first, this).await?;
    let mut years = Vec::new();
    for y in (first..=this).rev() {
        let v = year_view(&state, &evidence, y).await?;
        years.push(tpl::PublicYear {
            year: y,
            count: v.count,
            target: v.target.map(|t| t.to_string()).unwrap_or_default(),
            partial: v.current,
            median: v
                .response
                .median_hours
                .map(|h| format!("{h:.0}"))
                .unwrap_or_default(),
            within_72h: v
                .response
                .within_72h
                .map(|s| format!("{:.0} %", s * 100.0))
                .unwrap_or_default(),
            has_data: v.count > 0 || v.response.requests > 0,
        });
    }
    let shown = years
        .iter()
        .filter(|y| y.has_data || !y.target.is_empty())
        .count();
    match q.format.as_str() {
        "json" => {
            let body = serde_json::json!({
                "definition": ctx.t("stats-definition"),
                "years": years.iter().map(|y| serde_json::json!({
                    "year": y.year, "companies_accompanied": y.count, "target": y.target.parse::<i64>().ok(),
                    "year_to_date": y.partial, "median_hours_to_take_charge": y.median.parse::<f64>().ok(),
                })).collect::<Vec<_>>(),
            });
            let mut res = axum::Json(body).into_response();
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("max-age=300"),
            );
            Ok(res)
        }
        f => {
            if let Some(profile) = crate::export::Profile::parse(f) {
                let headers = vec![
                    ctx.t("stats-year"),
                    ctx.t("steer-count"),
                    ctx.t("steer-target"),
                    ctx.t("stats-median"),
                    ctx.t("stats-within-72h"),
                ];
                let rows: Vec<Vec<String>> = years
                    .iter()
                    .map(|y| {
                        vec![
                            y.year.to_string(),
                            y.count.to_string(),
                            y.target.clone(),
                            y.median.clone(),
                            y.within_72h.clone(),
                        ]
                    })
                    .collect();
                return Ok(crate::export::table_response(
                    profile,
                    "statistiques",
                    &headers,
                    &rows,
                ));
            }
            Ok(render(
                &tpl::PublicStats { ctx, years, shown },
                StatusCode::OK,
            ))
        }
    }
}

/// Dimensions of a breakdown.
const DIMENSIONS: [&str; 6] = [
    "partenaire",
    "departement",
    "epci",
    "naf",
    "taille",
    "dispositif",
];

#[derive(Deserialize, Default)]
struct BreakdownQ {
    #[serde(default)]
    annee: String,
    #[serde(default)]
    par: String,
    #[serde(default)]
    valeur: String,
    #[serde(default)]
    format: String,
}

/// Companies accompanied in a year by one dimension, each value with its count and a link to
/// its companies (the drill-down); a company with several partners or schemes counts under each.
async fn breakdown(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<BreakdownQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let year = year_of(&q.annee)?;
    let dim = DIMENSIONS
        .iter()
        .find(|d| **d == q.par)
        .copied()
        .unwrap_or("departement");
    let today = paris_date(chrono::Utc::now());
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::BadRequest("bad_request"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::BadRequest("bad_request"))?;
    let to = end.min(today.max(jan1));
    let evidence = store::evidence(state.db(), jan1, to).await?;
    let counted = kpi::companies(&evidence, jan1, to, CountRule::default());
    let ids: Vec<Uuid> = counted.keys().copied().collect();
    let facts = store::company_facts(state.db(), &ids).await?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let refdata = tremplin_domain::refdata::refdata();
    let live = state.catalogue();
    let unknown = ctx.t("steer-unknown");
    // (key, label) of each company for the dimension.
    let keys_of = |f: &store::CompanyFacts| -> Vec<(String, String)> {
        let (partners, schemes) = &counted[&f.id];
        match dim {
            "partenaire" => partners
                .iter()
                .map(|p| {
                    let name = all_orgs
                        .iter()
                        .find(|o| o.id == *p)
                        .map(|o| o.name(l).to_string());
                    (p.to_string(), name.unwrap_or_default())
                })
                .collect(),
            "dispositif" if schemes.is_empty() => vec![("-".into(), ctx.t("acc-no-scheme"))],
            "dispositif" => schemes
                .iter()
                .map(|s| {
                    let name = live
                        .catalogue
                        .get(s)
                        .map(|x| x.spec.name.get(l).to_string());
                    (s.clone(), name.unwrap_or_else(|| s.clone()))
                })
                .collect(),
            "epci" => {
                let e = f
                    .commune
                    .as_deref()
                    .and_then(|c| refdata.commune(c))
                    .and_then(|c| c.epci_siren.as_deref())
                    .and_then(|s| refdata.epci(s));
                vec![
                    e.map(|e| (e.siren.clone(), e.name.clone()))
                        .unwrap_or(("-".into(), unknown.clone())),
                ]
            }
            "naf" => {
                let sec = f
                    .naf
                    .as_deref()
                    .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
                    .and_then(|n| n.section());
                // Section labels exist in French only (the reference data has no English).
                vec![
                    sec.map(|c| {
                        let label = refdata
                            .naf(&c.to_string())
                            .map(|e| e.label_fr.clone())
                            .unwrap_or_default();
                        (c.to_string(), format!("{c} — {label}"))
                    })
                    .unwrap_or(("-".into(), unknown.clone())),
                ]
            }
            "taille" => vec![
                f.headcount_band
                    .as_deref()
                    .map(|b| (b.to_string(), ctx.tp("band-headcount-", b)))
                    .unwrap_or(("-".into(), unknown.clone())),
            ],
            _ => vec![
                f.departement
                    .as_deref()
                    .map(|d| {
                        let name = refdata
                            .departement(d)
                            .map(|x| x.name.clone())
                            .unwrap_or_default();
                        (d.to_string(), format!("{name} ({d})"))
                    })
                    .unwrap_or(("-".into(), unknown.clone())),
            ],
        }
    };
    let mut groups: BTreeMap<String, (String, Vec<&store::CompanyFacts>)> = BTreeMap::new();
    for f in &facts {
        for (k, label) in keys_of(f) {
            groups
                .entry(k)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(f);
        }
    }
    let drill = (!q.valeur.is_empty()).then(|| q.valeur.clone());
    let headers;
    let rows: Vec<Vec<String>>;
    if let Some(v) = &drill {
        headers = vec![
            ctx.t("company-name"),
            "SIREN".into(),
            ctx.t("q-departement"),
        ];
        rows = groups
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
    } else {
        headers = vec![ctx.tp("steer-dim-", dim), ctx.t("steer-count")];
        let mut r: Vec<(String, String, usize)> = groups
            .iter()
            .map(|(k, (label, cs))| (k.clone(), label.clone(), cs.len()))
            .collect();
        r.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
        rows = r
            .into_iter()
            .map(|(k, label, n)| vec![label, n.to_string(), k])
            .collect();
    }
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().take(headers.len()).cloned().collect())
            .collect();
        return Ok(crate::export::table_response(
            profile,
            &format!("repartition-{dim}-{year}"),
            &headers,
            &table,
        ));
    }
    let companies = match &drill {
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
            .unwrap_or_else(|| (v.clone(), Vec::new())),
        None => (String::new(), Vec::new()),
    };
    Ok(render(
        &tpl::Breakdown {
            year,
            dim: dim.to_string(),
            dims: DIMENSIONS.iter().map(|d| d.to_string()).collect(),
            total: counted.len(),
            rows: if drill.is_none() { rows } else { Vec::new() },
            drill,
            companies,
            ctx,
        },
        StatusCode::OK,
    ))
}

#[cfg(test)]
mod tests {
    use super::response_times;

    #[test]
    fn response_times_count_unanswered_requests_in_the_shares() {
        let r = response_times(&[Some(10.0), Some(100.0), None, Some(50.0)]);
        assert_eq!((r.requests, r.taken), (4, 3));
        assert_eq!(r.median_hours, Some(50.0));
        assert_eq!(
            r.within_72h,
            Some(0.5),
            "2 of 4, the unanswered one included"
        );
        assert_eq!(r.within_5_days, Some(0.75));
        assert!(response_times(&[]).median_hours.is_none());
    }
}
