//! Service quality: requests, taken in charge, accompanied, time to take charge, requests never
//! answered and referral acceptance, per partner or per branch.

use super::charts::funnel_svg;
use super::figures::response_times;
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
use serde::Deserialize;
use std::collections::BTreeMap;
use tremplin_domain::followup::MatchStatus;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub(super) struct QualityQ {
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
        self.accompanied += usize::from(m.status == MatchStatus::Done);
        self.never_answered +=
            usize::from(m.taken_at.is_none() && m.status == MatchStatus::Waiting);
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
pub(super) async fn quality(
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
    let org_name = |id: Uuid| tremplin_store::orgs::name_in(&all_orgs, id, l);
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
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        return Ok(crate::http::export::table_response(
            profile,
            &format!(
                "qualite-{}-{year}",
                if by_branch { "antennes" } else { "partenaires" }
            ),
            &headers,
            &rows,
        ));
    }
    let funnel = vec![
        (ctx.t("quality-received"), team.received),
        (ctx.t("quality-taken"), team.taken),
        (ctx.t("quality-accompanied"), team.accompanied),
    ];
    let chart = funnel_svg(&ctx, &funnel);
    Ok(render(
        &views::Quality {
            year,
            by_branch,
            headers,
            rows,
            chart,
            funnel,
            ctx,
        },
        StatusCode::OK,
    ))
}
