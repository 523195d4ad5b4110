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
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;
use tremplin_domain::followup::MatchStatus;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub(super) struct QualityQ {
    #[serde(default, rename = "annee")]
    year: String,
    #[serde(default, rename = "par")]
    by: String,
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
    let year = year_of(&q.year)?;
    let by_branch = q.by == "antenne";
    let (from, to) = year_span(year)?;
    let matches = tremplin_store::review::matches_created(state.db(), from, to).await?;
    let refs = tremplin_store::review::referrals_created(state.db(), from, to).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let names = GroupNames {
        ctx: &ctx,
        orgs: &all_orgs,
        branches: &branches,
        by_branch,
    };
    let (team, groups) = funnels(&names, &matches, &refs);
    let headers = quality_headers(&ctx, by_branch);
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

/// The instants a year starts and ends at, in Paris time.
fn year_span(year: i32) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let (Some(jan1), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(AppError::BadRequest("bad_request"));
    };
    Ok((
        tremplin_domain::dates::paris_midnight_utc(jan1),
        tremplin_domain::dates::paris_midnight_utc(next),
    ))
}

/// What names a match's group: its partner, or its partner and branch.
struct GroupNames<'a> {
    ctx: &'a Ctx,
    orgs: &'a [orgs::Organisation],
    branches: &'a [orgs::BranchWithCoverage],
    by_branch: bool,
}

impl GroupNames<'_> {
    /// A partner's name in the page's language.
    fn org(&self, id: Uuid) -> String {
        tremplin_store::orgs::name_in(self.orgs, id, self.ctx.lang.code())
    }

    /// The group of a match: its partner, or "partner — branch" by branch.
    fn of(&self, m: &tremplin_store::review::MatchRow) -> String {
        if !self.by_branch {
            return self.org(m.organisation_id);
        }
        match m
            .branch_id
            .and_then(|b| self.branches.iter().find(|x| x.branch.id == b))
        {
            Some(b) => format!("{} — {}", self.org(m.organisation_id), b.branch.name),
            None => format!(
                "{} — {}",
                self.org(m.organisation_id),
                self.ctx.t("quality-no-branch")
            ),
        }
    }
}

/// The Team's funnel and each group's (referrals count per partner only).
fn funnels(
    names: &GroupNames,
    matches: &[tremplin_store::review::MatchRow],
    refs: &[(Uuid, String)],
) -> (Funnel, BTreeMap<String, Funnel>) {
    let mut team = Funnel::default();
    let mut groups: BTreeMap<String, Funnel> = BTreeMap::new();
    for m in matches {
        team.add(m);
        groups.entry(names.of(m)).or_default().add(m);
    }
    for (to_org, status) in refs {
        team.add_referral(status);
        if !names.by_branch {
            groups
                .entry(names.org(*to_org))
                .or_default()
                .add_referral(status);
        }
    }
    (team, groups)
}

/// The quality table's headers, the first naming the groups.
fn quality_headers(ctx: &Ctx, by_branch: bool) -> Vec<String> {
    [
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
    .collect()
}
