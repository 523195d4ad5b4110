//! Steering: yearly targets, the count of companies accompanied against them (progress, same
//! date last year, projection, monthly cumulative chart), response times, and the public
//! statistics page. The counting rule lives in `tremplin_domain::kpi`.

use super::charts::chart_svg;
use super::figures::YearQ;
use super::figures::YearView;
use super::figures::year_of;
use super::figures::year_view;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Datelike;

use tremplin_domain::kpi::Projection;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{kpi as store, orgs};

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::export::Profile;
use crate::http::render::render;
use crate::state::AppState;

pub(super) async fn dashboard(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<YearQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let year = year_of(&q.year)?;
    let v = year_view(&state, year).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let targets = store::targets(state.db(), year).await?;
    let partners = partner_counts(&ctx, &all_orgs, &v, &targets);
    if let Some(profile) = Profile::parse(&q.format) {
        return Ok(if q.table == "mois" {
            months_export(&ctx, profile, year, &v)
        } else {
            partners_export(&ctx, profile, year, &partners)
        });
    }
    let chart = chart_svg(&ctx, &v);
    Ok(render(
        &views::Dashboard {
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

/// Each partner's count of companies accompanied, against its target when it has one.
fn partner_counts(
    ctx: &Ctx,
    all_orgs: &[orgs::Organisation],
    v: &YearView,
    targets: &[(String, i64)],
) -> Vec<views::PartnerCount> {
    let l = ctx.lang.code();
    all_orgs
        .iter()
        .filter(|o| !o.pilot)
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
            views::PartnerCount {
                name: o.name(l).to_string(),
                count,
                target: target.map(|t| t.to_string()).unwrap_or_default(),
                share: target
                    .map(|t| format!("{:.0} %", 100.0 * count as f64 / t as f64))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The monthly cumulative counts, this year and last, as CSV/XLSX.
fn months_export(ctx: &Ctx, profile: Profile, year: i32, v: &YearView) -> Response {
    let headers = vec![
        ctx.t("stats-month"),
        v.year.to_string(),
        (v.year - 1).to_string(),
    ];
    let rows: Vec<Vec<String>> = months(ctx, v)
        .into_iter()
        .map(|(m, a, b)| vec![m, a, b])
        .collect();
    crate::http::export::table_response(profile, &format!("cumul-mensuel-{year}"), &headers, &rows)
}

/// The partners' counts and targets as CSV/XLSX.
fn partners_export(
    ctx: &Ctx,
    profile: Profile,
    year: i32,
    partners: &[views::PartnerCount],
) -> Response {
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
    crate::http::export::table_response(profile, &format!("accompagnees-{year}"), &headers, &rows)
}

/// (month label, this year's cumulative or "" past today, last year's).
pub(super) fn months(ctx: &Ctx, v: &YearView) -> Vec<(String, String, String)> {
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

pub(super) fn projection_text(ctx: &Ctx, v: &YearView) -> String {
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
