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
use std::sync::Arc;
use tremplin_domain::dates::paris_date;

use tremplin_domain::kpi::{self, CountRule, Firsts, Projection};
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
        .route("/pilotage/qualite", get(quality))
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
    /// Which table of the public page to export (`departements`, `secteurs`; default the years).
    #[serde(default)]
    table: String,
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
#[derive(Clone)]
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
    /// Companies counted per département code and per NAF section ("-" unknown), most first.
    pub by_departement: Vec<(String, usize)>,
    pub by_section: Vec<(String, usize)>,
    /// When these figures were counted.
    pub computed_at: chrono::DateTime<chrono::Utc>,
    /// A recount is under way: these are the previous figures.
    pub stale: bool,
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

/// Computed year figures, each valid for one version of the data and one day (the current
/// year's figures run to today). At a million accompaniments a recount takes seconds, so views
/// read from here: fresh figures at once; after a change, they wait up to [`FRESH_WAIT`] for
/// the recount and otherwise show the previous figures, labelled with their time, while the
/// recount finishes in the background. `warm` recounts ahead of views.
#[derive(Default)]
pub struct KpiCache {
    views: std::collections::HashMap<i32, Cached>,
}

#[derive(Clone)]
struct Cached {
    version: i64,
    today: NaiveDate,
    view: Arc<YearView>,
}

/// How long a view waits for a recount before showing the previous figures.
const FRESH_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The figures of each year of `years`, fresh when the recount is quick, else the last ones
/// (their `computed_at` says when; `stale` is set).
pub async fn year_views(
    state: &AppState,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<Arc<YearView>>, AppError> {
    // Read the version first: figures computed after it are at least as new.
    let version = store::version(state.db()).await?;
    let today = paris_date(chrono::Utc::now());
    let lookup = |fresh_only: bool| -> Option<Vec<Arc<YearView>>> {
        let cache = state.kpi_cache();
        years
            .clone()
            .map(|y| {
                let c = cache.views.get(&y)?;
                let fresh = c.version >= version && c.today == today;
                if fresh {
                    Some(c.view.clone())
                } else if fresh_only {
                    None
                } else {
                    let mut v = (*c.view).clone();
                    v.stale = true;
                    Some(Arc::new(v))
                }
            })
            .collect()
    };
    if let Some(v) = lookup(true) {
        return Ok(v);
    }
    let mut task = tokio::spawn(recount(state.clone(), years.clone(), version, today));
    match tokio::time::timeout(FRESH_WAIT, &mut task).await {
        Ok(done) => done.map_err(|e| AppError::Internal(e.into()))??,
        Err(_) => {
            if let Some(v) = lookup(false) {
                return Ok(v);
            }
            // Nothing to show yet (the first view after start): wait for it.
            task.await.map_err(|e| AppError::Internal(e.into()))??;
        }
    }
    lookup(false).ok_or(AppError::BadRequest("bad_request"))
}

/// Recounts the years of `years` not yet counted for `version` (one recount at a time).
async fn recount(
    state: AppState,
    years: std::ops::RangeInclusive<i32>,
    version: i64,
    today: NaiveDate,
) -> Result<(), AppError> {
    let _one = state.kpi_recount().lock().await;
    let missing: Vec<i32> = {
        let cache = state.kpi_cache();
        years
            .filter(|y| {
                cache
                    .views
                    .get(y)
                    .is_none_or(|c| c.version < version || c.today != today)
            })
            .collect()
    };
    let (Some(first), Some(last)) = (missing.first(), missing.last()) else {
        return Ok(());
    };
    // Three years before, for the seasonality of the projection.
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(first - 3, 1, 1),
        NaiveDate::from_ymd_opt(*last, 12, 31),
    ) else {
        return Err(AppError::BadRequest("bad_request"));
    };
    let started = std::time::Instant::now();
    // The version the data read below is at least as new as.
    let version = store::version(state.db()).await?.max(version);
    let evidence = store::evidence(state.db(), from, to, false).await?;
    let pieces = evidence.len();
    let firsts = Firsts::new(&evidence, CountRule::default());
    drop(evidence);
    let places = store::company_places(state.db()).await?;
    for y in &missing {
        let view = Arc::new(compute_year(&state, &firsts, &places, *y, today).await?);
        state.kpi_cache().views.insert(
            *y,
            Cached {
                version,
                today,
                view,
            },
        );
    }
    tracing::info!(
        years = ?missing,
        pieces,
        version,
        ms = started.elapsed().as_millis() as u64,
        "companies accompanied recounted"
    );
    Ok(())
}

/// Recounts this year's figures if the data changed (called every few seconds by the server),
/// so that the pilot rarely waits for a recount.
pub async fn warm(state: &AppState) -> Result<(), AppError> {
    let year = paris_date(chrono::Utc::now()).year();
    let version = store::version(state.db()).await?;
    recount(
        state.clone(),
        year..=year,
        version,
        paris_date(chrono::Utc::now()),
    )
    .await
}

async fn year_view(state: &AppState, year: i32) -> Result<Arc<YearView>, AppError> {
    year_views(state, year..=year)
        .await?
        .pop()
        .ok_or(AppError::BadRequest("bad_request"))
}

/// A year's figures from the first days of each company (see [`Firsts`]).
async fn compute_year(
    state: &AppState,
    firsts: &Firsts,
    places: &std::collections::HashMap<Uuid, (Option<String>, Option<String>)>,
    year: i32,
    today: NaiveDate,
) -> Result<YearView, AppError> {
    let current = year == today.year();
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::BadRequest("bad_request"))?;
    let to = if current { today } else { end };
    let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(end);
    let count = firsts.team_to(year, to);
    let last_to = kpi::same_day_in(to, year - 1).unwrap_or(to);
    let last_year_same_date = firsts.team_to(year - 1, last_to);
    let past: Vec<(usize, usize)> = (1..=3)
        .filter_map(|k| {
            let y = year - k;
            let at = kpi::same_day_in(to, y)?;
            let dec31 = NaiveDate::from_ymd_opt(y, 12, 31)?;
            Some((firsts.team_to(y, at), firsts.team_to(y, dec31)))
        })
        .collect();
    let projection = if current {
        kpi::project(count, to, &past)
    } else {
        Projection::None
    };
    let targets = store::targets(state.db(), year).await?;
    let target = targets.iter().find(|(s, _)| s == "team").map(|(_, v)| *v);
    let hours = store::take_charge_hours(state.db(), jan1(year), to).await?;
    let (mut by_dep, mut by_sec) = (
        BTreeMap::<String, usize>::new(),
        BTreeMap::<String, usize>::new(),
    );
    for c in firsts.companies_to(year, to) {
        let (dep, naf) = places.get(&c).cloned().unwrap_or_default();
        *by_dep.entry(dep.unwrap_or_else(|| "-".into())).or_default() += 1;
        let sec = naf
            .as_deref()
            .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
            .and_then(|n| n.section())
            .map(|c| c.to_string());
        *by_sec.entry(sec.unwrap_or_else(|| "-".into())).or_default() += 1;
    }
    let most_first = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    Ok(YearView {
        by_departement: most_first(by_dep),
        by_section: most_first(by_sec),
        year,
        to,
        current,
        count,
        target,
        last_year_same_date,
        projection,
        cumulative: firsts.monthly_cumulative(year),
        last_cumulative: firsts.monthly_cumulative(year - 1),
        per_partner: firsts.partners_to(year, to).into_iter().collect(),
        has_data: firsts.any_in(year - 3..=year),
        response: response_times(&hours),
        computed_at: chrono::Utc::now(),
        stale: false,
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
    let v = year_view(&state, year).await?;
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
    if let Some(profile) = crate::export::Profile::parse(&q.format)
        && q.table == "mois"
    {
        let headers = vec![
            ctx.t("stats-month"),
            v.year.to_string(),
            (v.year - 1).to_string(),
        ];
        let rows: Vec<Vec<String>> = months(&ctx, &v)
            .into_iter()
            .map(|(m, a, b)| vec![m, a, b])
            .collect();
        return Ok(crate::export::table_response(
            profile,
            &format!("cumul-mensuel-{year}"),
            &headers,
            &rows,
        ));
    }
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
    let views = year_views(&state, first..=this).await?;
    // The breakdowns are those of the latest year with companies counted.
    let latest = views.iter().rev().find(|v| v.count > 0).cloned();
    let refdata = tremplin_domain::refdata::refdata();
    let unknown = ctx.t("steer-unknown");
    let by_dep: Vec<(String, String, usize)> = latest
        .iter()
        .flat_map(|v| v.by_departement.iter())
        .map(|(code, n)| {
            let name = refdata
                .departement(code)
                .map(|d| format!("{} ({code})", d.name))
                .unwrap_or_else(|| {
                    if code == "-" {
                        unknown.clone()
                    } else {
                        code.clone()
                    }
                });
            (code.clone(), name, *n)
        })
        .collect();
    let by_sec: Vec<(String, String, usize)> = latest
        .iter()
        .flat_map(|v| v.by_section.iter())
        .map(|(code, n)| {
            let label = refdata
                .naf(code)
                .map(|e| format!("{code} — {}", e.label_fr))
                .unwrap_or_else(|| {
                    if code == "-" {
                        unknown.clone()
                    } else {
                        code.clone()
                    }
                });
            (code.clone(), label, *n)
        })
        .collect();
    let mut years = Vec::new();
    for v in views.into_iter().rev() {
        years.push(tpl::PublicYear {
            year: v.year,
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
                "breakdown_year": latest.as_ref().map(|v| v.year),
                "by_departement": by_dep.iter().map(|(c, n, k)| serde_json::json!({"code": c, "name": n, "companies_accompanied": k})).collect::<Vec<_>>(),
                "by_sector": by_sec.iter().map(|(c, n, k)| serde_json::json!({"naf_section": c, "label": n, "companies_accompanied": k})).collect::<Vec<_>>(),
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
            if let Some(profile) = crate::export::Profile::parse(f)
                && let Some((title, rows)) = match q.table.as_str() {
                    "departements" => Some(("q-departement", &by_dep)),
                    "secteurs" => Some(("stats-sector", &by_sec)),
                    _ => None,
                }
            {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(_, name, n)| vec![name.clone(), n.to_string()])
                    .collect();
                return Ok(crate::export::table_response(
                    profile,
                    &format!("statistiques-{}", q.table),
                    &[ctx.t(title), ctx.t("steer-count")],
                    &rows,
                ));
            }
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
                &tpl::PublicStats {
                    ctx,
                    years,
                    shown,
                    breakdown_year: latest.map(|v| v.year),
                    by_dep,
                    by_sec,
                },
                StatusCode::OK,
            ))
        }
    }
}

/// Dimensions of a breakdown.
const DIMENSIONS: [&str; 11] = [
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
const FILTERS: [&str; 4] = ["partenaire", "departement", "taille", "zone"];

/// The export facts are read only for the dimensions that need them.
fn needs_export_facts(dim: &str) -> bool {
    matches!(dim, "zone" | "experience" | "primo")
}

/// The (key, label) values of one company for one dimension; a company with several partners,
/// branches, schemes, needs or zones counts under each.
struct Keyer<'a> {
    ctx: &'a Ctx,
    orgs: &'a [orgs::Organisation],
    branches: &'a [orgs::BranchWithCoverage],
    live: crate::catalogue::Shared,
}

impl Keyer<'_> {
    fn unknown(&self) -> (String, String) {
        ("-".into(), self.ctx.t("steer-unknown"))
    }

    fn keys(
        &self,
        dim: &str,
        f: &store::CompanyFacts,
        inv: &kpi::Involvement,
        ex: Option<&store::ExportFacts>,
    ) -> Vec<(String, String)> {
        let l = self.ctx.lang.code();
        let refdata = tremplin_domain::refdata::refdata();
        match dim {
            "partenaire" => inv
                .partners
                .iter()
                .map(|p| {
                    let name = self.orgs.iter().find(|o| o.id == *p).map(|o| o.name(l));
                    (p.to_string(), name.unwrap_or_default().to_string())
                })
                .collect(),
            "antenne" => inv
                .branches
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
                .collect(),
            "dispositif" if inv.schemes.is_empty() => {
                vec![("-".into(), self.ctx.t("acc-no-scheme"))]
            }
            "dispositif" => inv
                .schemes
                .iter()
                .map(|s| {
                    let name = self
                        .live
                        .catalogue
                        .get(s)
                        .map(|x| x.spec.name.get(l).to_string());
                    (s.clone(), name.unwrap_or_else(|| s.clone()))
                })
                .collect(),
            "besoin" if inv.subjects.is_empty() => {
                vec![("-".into(), self.ctx.t("steer-no-need"))]
            }
            "besoin" => inv
                .subjects
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
                .collect(),
            "zone" => {
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
            "experience" => vec![
                ex.and_then(|e| e.experience.as_deref())
                    .map(|e| (e.to_string(), self.ctx.tp("exp-", e)))
                    .unwrap_or_else(|| self.unknown()),
            ],
            "primo" => {
                let exp = ex.and_then(|e| e.experience.as_deref());
                let exporting = ex.is_some_and(|e| !e.exporting.is_empty());
                vec![match exp {
                    Some("never" | "no_offer") if !exporting => {
                        ("oui".into(), self.ctx.t("steer-primo-yes"))
                    }
                    Some(_) => ("non".into(), self.ctx.t("steer-primo-no")),
                    None if exporting => ("non".into(), self.ctx.t("steer-primo-no")),
                    None => self.unknown(),
                }]
            }
            "epci" => {
                let e = f
                    .commune
                    .as_deref()
                    .and_then(|c| refdata.commune(c))
                    .and_then(|c| c.epci_siren.as_deref())
                    .and_then(|s| refdata.epci(s));
                vec![
                    e.map(|e| (e.siren.clone(), e.name.clone()))
                        .unwrap_or_else(|| self.unknown()),
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
                    .unwrap_or_else(|| self.unknown()),
                ]
            }
            "taille" => vec![
                f.headcount_band
                    .as_deref()
                    .map(|b| (b.to_string(), self.ctx.tp("band-headcount-", b)))
                    .unwrap_or_else(|| self.unknown()),
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
                    .unwrap_or_else(|| self.unknown()),
            ],
        }
    }

    /// The values a filter offers (fixed lists: they do not depend on the data shown).
    fn options(&self, dim: &str) -> Vec<(String, String)> {
        let l = self.ctx.lang.code();
        let refdata = tremplin_domain::refdata::refdata();
        match dim {
            "partenaire" => self
                .orgs
                .iter()
                .filter(|o| o.slug != "region-hdf")
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
async fn breakdown(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let param = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let year = year_of(&param("annee"))?;
    let dim = DIMENSIONS
        .iter()
        .find(|d| **d == param("par"))
        .copied()
        .unwrap_or("departement");
    let filters: Vec<(&str, String)> = FILTERS
        .iter()
        .map(|f| (*f, param(f)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
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
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let keyer = Keyer {
        ctx: &ctx,
        orgs: &all_orgs,
        branches: &branches,
        live: state.catalogue(),
    };
    let mut groups: BTreeMap<String, (String, Vec<&store::CompanyFacts>)> = BTreeMap::new();
    let mut total = 0;
    for f in &facts {
        let inv = &counted[&f.id];
        let ex = export.get(&f.id);
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
    let drill = Some(param("valeur")).filter(|v| !v.is_empty());
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
    if let Some(profile) = crate::export::Profile::parse(&param("format")) {
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
    let filter_qs: String = filters
        .iter()
        .map(|(d, v)| format!("&{d}={}", crate::security::urlencode(v)))
        .collect();
    let filter_fields = FILTERS
        .iter()
        .map(|d| tpl::FilterField {
            name: d.to_string(),
            value: param(d),
            options: keyer.options(d),
        })
        .collect();
    Ok(render(
        &tpl::Breakdown {
            year,
            dim: dim.to_string(),
            dims: DIMENSIONS.iter().map(|d| d.to_string()).collect(),
            total,
            all: counted.len(),
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

#[derive(Deserialize, Default)]
struct QualityQ {
    #[serde(default)]
    annee: String,
    #[serde(default)]
    par: String,
    #[serde(default)]
    format: String,
}

/// The funnel and service quality of one group (a partner or a branch, or the Team).
#[derive(Debug, Default, Clone)]
pub struct Funnel {
    pub received: usize,
    pub taken: usize,
    pub accompanied: usize,
    pub never_answered: usize,
    pub hours: Vec<Option<f64>>,
    pub referrals: usize,
    pub referrals_accepted: usize,
    pub referrals_declined: usize,
}

impl Funnel {
    fn add(&mut self, m: &tremplin_store::review::MatchRow) {
        self.received += 1;
        self.taken += usize::from(m.taken_at.is_some());
        self.accompanied += usize::from(m.status == "done");
        self.never_answered += usize::from(m.taken_at.is_none() && m.status == "waiting");
        self.hours.push(
            m.taken_at
                .map(|t| (t - m.created_at).num_minutes() as f64 / 60.0),
        );
    }

    fn add_referral(&mut self, status: &str) {
        self.referrals += 1;
        self.referrals_accepted += usize::from(status == "accepted");
        self.referrals_declined += usize::from(status == "declined");
    }

    /// The row shown and exported: counts, shares and times.
    fn row(&self, name: String, with_referrals: bool) -> Vec<String> {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                "—".to_string()
            } else {
                format!("{:.0} %", 100.0 * n as f64 / d as f64)
            }
        };
        let r = response_times(&self.hours);
        let opt_pct =
            |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{:.0} %", x * 100.0));
        let answered = self.referrals_accepted + self.referrals_declined;
        vec![
            name,
            self.received.to_string(),
            format!("{} ({})", self.taken, pct(self.taken, self.received)),
            format!(
                "{} ({})",
                self.accompanied,
                pct(self.accompanied, self.received)
            ),
            pct(self.never_answered, self.received),
            r.median_hours
                .map_or("—".to_string(), |h| format!("{h:.0} h")),
            opt_pct(r.within_72h),
            opt_pct(r.within_5_days),
            if with_referrals {
                self.referrals.to_string()
            } else {
                "—".into()
            },
            if with_referrals {
                pct(self.referrals_accepted, answered)
            } else {
                "—".into()
            },
        ]
    }
}

/// Requests → taken in charge → accompanied, times to take charge, requests never answered and
/// referral acceptance, per partner or per branch, for the requests received in a year.
async fn quality(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<QualityQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let year = year_of(&q.annee)?;
    let by_branch = q.par == "antenne";
    let (Some(jan1), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(AppError::BadRequest("bad_request"));
    };
    let from = tremplin_domain::dates::paris_midnight_utc(jan1);
    let to = tremplin_domain::dates::paris_midnight_utc(next);
    let matches = tremplin_store::review::matches_created(state.db(), from, to).await?;
    let refs = tremplin_store::review::referrals_created(state.db(), from, to).await?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let org_name = |id: Uuid| crate::org_name(&all_orgs, id, l);
    let mut team = Funnel::default();
    let mut groups: BTreeMap<String, Funnel> = BTreeMap::new();
    for m in &matches {
        team.add(m);
        let name = if by_branch {
            match m
                .branch_id
                .and_then(|b| branches.iter().find(|x| x.branch.id == b))
            {
                Some(b) => format!("{} — {}", org_name(m.organisation_id), b.branch.name),
                None => format!(
                    "{} — {}",
                    org_name(m.organisation_id),
                    ctx.t("quality-no-branch")
                ),
            }
        } else {
            org_name(m.organisation_id)
        };
        groups.entry(name).or_default().add(m);
    }
    for (to_org, status) in &refs {
        team.add_referral(status);
        if !by_branch {
            groups
                .entry(org_name(*to_org))
                .or_default()
                .add_referral(status);
        }
    }
    let headers: Vec<String> = [
        if by_branch {
            "steer-dim-antenne"
        } else {
            "steer-partner"
        },
        "quality-received",
        "quality-taken",
        "quality-accompanied",
        "quality-never-answered",
        "stats-median-short",
        "stats-within-72h",
        "stats-within-5-days",
        "quality-referrals",
        "quality-referrals-accepted",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let mut rows: Vec<Vec<String>> = groups
        .iter()
        .map(|(name, f)| f.row(name.clone(), !by_branch))
        .collect();
    rows.push(team.row(ctx.t("quality-team"), true));
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        return Ok(crate::export::table_response(
            profile,
            &format!(
                "qualite-{}-{year}",
                if by_branch { "antennes" } else { "partenaires" }
            ),
            &headers,
            &rows,
        ));
    }
    let chart = funnel_svg(&ctx, &team);
    Ok(render(
        &tpl::Quality {
            year,
            by_branch,
            headers,
            rows,
            chart,
            funnel: vec![
                (ctx.t("quality-received"), team.received),
                (ctx.t("quality-taken"), team.taken),
                (ctx.t("quality-accompanied"), team.accompanied),
            ],
            ctx,
        },
        StatusCode::OK,
    ))
}

/// The Team's funnel as horizontal bars (SVG), described and given as a table beside it.
fn funnel_svg(ctx: &Ctx, f: &Funnel) -> String {
    let (w, bar, gap, label_w) = (560.0, 34.0, 12.0, 190.0);
    let steps = [
        (ctx.t("quality-received"), f.received),
        (ctx.t("quality-taken"), f.taken),
        (ctx.t("quality-accompanied"), f.accompanied),
    ];
    let max = f.received.max(1) as f64;
    let h = steps.len() as f64 * (bar + gap) + gap;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"funnel-title funnel-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"funnel-title\">{}</title><desc id=\"funnel-desc\">{}</desc>",
        crate::tpl::escape(&ctx.t("quality-funnel-title")),
        crate::tpl::escape(&ctx.t("quality-funnel-desc")),
    );
    for (i, (label, n)) in steps.iter().enumerate() {
        let y = gap + i as f64 * (bar + gap);
        let bw = ((w - label_w - 70.0) * *n as f64 / max).max(1.0);
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bar}\" fill=\"#0b5cad\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#222\">{n}</text>",
            label_w - 8.0,
            y + bar / 2.0 + 5.0,
            crate::tpl::escape(label),
            label_w + bw + 6.0,
            y + bar / 2.0 + 5.0,
        ));
    }
    svg.push_str("</svg>");
    svg
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
