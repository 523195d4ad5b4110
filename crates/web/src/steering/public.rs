//! Public statistics without personal data: the companies accompanied per year against the
//! target, response times, and the latest year by département and by sector (HTML, CSV/XLSX,
//! JSON).

use super::figures::YearQ;
use super::figures::{YearView, year_views};
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use std::sync::Arc;
use tremplin_domain::dates::paris_date;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::kpi as store;

pub(super) async fn public_stats(
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
    let fig = figures(&ctx, &views);
    if q.format == "json" {
        return Ok(json_response(&ctx, &fig));
    }
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        return Ok(export_response(&ctx, profile, &q.table, &fig));
    }
    let shown = fig
        .years
        .iter()
        .filter(|y| y.has_data || !y.target.is_empty())
        .count();
    Ok(render(
        &views::PublicStats {
            ctx,
            years: fig.years,
            shown,
            breakdown_year: fig.breakdown_year,
            by_dep: fig.by_dep,
            by_sec: fig.by_sec,
        },
        StatusCode::OK,
    ))
}

/// The public figures: per year (newest first), and the breakdowns of the latest year with
/// companies counted, as (code, label, companies).
struct Figures {
    years: Vec<views::PublicYear>,
    breakdown_year: Option<i32>,
    by_dep: Vec<(String, String, usize)>,
    by_sec: Vec<(String, String, usize)>,
}

/// The public figures of the years counted (oldest first).
fn figures(ctx: &Ctx, views: &[Arc<YearView>]) -> Figures {
    // The breakdowns are those of the latest year with companies counted.
    let latest = views.iter().rev().find(|v| v.count > 0);
    let refdata = tremplin_domain::refdata::refdata();
    let unknown = ctx.t("steer-unknown");
    let by_dep: Vec<(String, String, usize)> = latest
        .iter()
        .flat_map(|v| v.by_departement.iter())
        .map(|(code, n)| {
            let name = refdata
                .departement(code)
                .map(|d| format!("{} ({code})", d.name))
                .unwrap_or_else(|| unknown_code(code, &unknown));
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
                .unwrap_or_else(|| unknown_code(code, &unknown));
            (code.clone(), label, *n)
        })
        .collect();
    Figures {
        years: views.iter().rev().map(|v| public_year(v)).collect(),
        breakdown_year: latest.map(|v| v.year),
        by_dep,
        by_sec,
    }
}

/// The label of a code the reference data does not know: "unknown" for `-`, else the code.
fn unknown_code(code: &str, unknown: &str) -> String {
    if code == "-" {
        unknown.to_string()
    } else {
        code.to_string()
    }
}

/// A year's line: count, target, median time to take charge, share within 72 h.
fn public_year(v: &YearView) -> views::PublicYear {
    views::PublicYear {
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
    }
}

/// The figures as JSON, cacheable for five minutes.
fn json_response(ctx: &Ctx, fig: &Figures) -> Response {
    let (by_dep, by_sec, years) = (&fig.by_dep, &fig.by_sec, &fig.years);
    let body = serde_json::json!({
        "definition": ctx.t("stats-definition"),
        "breakdown_year": fig.breakdown_year,
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
    res
}

/// The figures as CSV/XLSX: a breakdown (`table` "departements" or "secteurs"), else the years.
fn export_response(
    ctx: &Ctx,
    profile: crate::http::export::Profile,
    table: &str,
    fig: &Figures,
) -> Response {
    if let Some((title, rows)) = match table {
        "departements" => Some(("q-departement", &fig.by_dep)),
        "secteurs" => Some(("stats-sector", &fig.by_sec)),
        _ => None,
    } {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|(_, name, n)| vec![name.clone(), n.to_string()])
            .collect();
        return crate::http::export::table_response(
            profile,
            &format!("statistiques-{table}"),
            &[ctx.t(title), ctx.t("steer-count")],
            &rows,
        );
    }
    let headers = vec![
        ctx.t("stats-year"),
        ctx.t("steer-count"),
        ctx.t("steer-target"),
        ctx.t("stats-median"),
        ctx.t("stats-within-72h"),
    ];
    let rows: Vec<Vec<String>> = fig
        .years
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
    crate::http::export::table_response(profile, "statistiques", &headers, &rows)
}
