//! The year figures every steering page shows: counted once per data version and day, kept in
//! memory, recounted in the background after a change. The counting rule is
//! `tremplin_domain::kpi`.

use crate::http::error::AppError;
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use tremplin_domain::dates::paris_date;
use tremplin_domain::kpi::{self, CountRule, Firsts, Projection};
use tremplin_store::kpi as store;
use uuid::Uuid;

/// Years a target or a dashboard may be about.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 2015..=2100;

#[derive(Deserialize, Default)]
pub(super) struct YearQ {
    #[serde(default, rename = "annee")]
    pub(super) year: String,
    #[serde(default)]
    pub(super) format: String,
    /// Which table of the public page to export (`departements`, `secteurs`; default the years).
    #[serde(default)]
    pub(super) table: String,
}

pub(super) fn year_of(q: &str) -> Result<i32, AppError> {
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

pub(super) fn response_times(hours: &[Option<f64>]) -> ResponseTimes {
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
#[derive(Clone, Default)]
pub(super) struct KpiCache {
    views: Arc<std::sync::Mutex<std::collections::HashMap<i32, Cached>>>,
    /// Held while recounting, so that concurrent views recount once.
    recount: Arc<tokio::sync::Mutex<()>>,
}

impl KpiCache {
    /// The process's cache (kept in the application state).
    fn of(state: &AppState) -> KpiCache {
        state.feature_state::<KpiCache>()
    }

    fn views(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<i32, Cached>> {
        match self.views.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }
}

#[derive(Clone)]
pub(super) struct Cached {
    version: i64,
    today: NaiveDate,
    view: Arc<YearView>,
}

/// How long a view waits for a recount before showing the previous figures.
pub(super) const FRESH_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The figures of each year of `years`, fresh when the recount is quick, else the last ones
/// (their `computed_at` says when; `stale` is set).
pub async fn year_views(
    state: &AppState,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<Arc<YearView>>, AppError> {
    // Read the version first: figures computed after it are at least as new.
    let version = store::version(state.db()).await?;
    let today = paris_date(chrono::Utc::now());
    let kpi = KpiCache::of(state);
    let lookup = |fresh_only: bool| -> Option<Vec<Arc<YearView>>> {
        let cache = kpi.views();
        years
            .clone()
            .map(|y| {
                let c = cache.get(&y)?;
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
pub(super) async fn recount(
    state: AppState,
    years: std::ops::RangeInclusive<i32>,
    version: i64,
    today: NaiveDate,
) -> Result<(), AppError> {
    let kpi = KpiCache::of(&state);
    let _one = kpi.recount.lock().await;
    let missing: Vec<i32> = {
        let cache = kpi.views();
        years
            .filter(|y| {
                cache
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
        kpi.views().insert(
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

pub(super) async fn year_view(state: &AppState, year: i32) -> Result<Arc<YearView>, AppError> {
    year_views(state, year..=year)
        .await?
        .pop()
        .ok_or(AppError::BadRequest("bad_request"))
}

/// A year's figures from the first days of each company (see [`Firsts`]).
pub(super) async fn compute_year(
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
    let projection = if current {
        kpi::project(count, to, &past_years(firsts, year, to))
    } else {
        Projection::None
    };
    let targets = store::targets(state.db(), year).await?;
    let target = targets.iter().find(|(s, _)| s == "team").map(|(_, v)| *v);
    let hours = store::take_charge_hours(state.db(), jan1(year), to).await?;
    let (by_departement, by_section) = breakdowns(firsts, places, year, to);
    Ok(YearView {
        by_departement,
        by_section,
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

/// The three years before, each as (count at the same date, count at year end).
fn past_years(firsts: &Firsts, year: i32, to: NaiveDate) -> Vec<(usize, usize)> {
    (1..=3)
        .filter_map(|k| {
            let y = year - k;
            let at = kpi::same_day_in(to, y)?;
            let dec31 = NaiveDate::from_ymd_opt(y, 12, 31)?;
            Some((firsts.team_to(y, at), firsts.team_to(y, dec31)))
        })
        .collect()
}

/// Counts by value, most first.
type Ranked = Vec<(String, usize)>;

/// The companies counted in the year by département and by NAF section, most first.
fn breakdowns(
    firsts: &Firsts,
    places: &std::collections::HashMap<Uuid, (Option<String>, Option<String>)>,
    year: i32,
    to: NaiveDate,
) -> (Ranked, Ranked) {
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
    (most_first(by_dep), most_first(by_sec))
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
