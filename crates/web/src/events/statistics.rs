//! The event's statistics: requests, meetings held, no-shows, outcomes by country and sector.

use super::data::EventData;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use tremplin_domain::events::{Attendance, MeetingOutcome, RequestStatus, RequestedBy};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::events::{self};
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub(super) struct StatsQ {
    #[serde(default)]
    format: String,
}

/// Requests sent and accepted, meetings scheduled and held, the no-show rate, outcomes by the
/// guest's country and by the company's sector.
pub(super) async fn stats(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<StatsQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let EventData {
        e,
        regs,
        guests,
        meetings,
    } = EventData::load(&state, id).await?;
    let reqs = events::meeting_requests(state.db(), id).await?;
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let f = Figures::of(&regs, &guests, &meetings, &reqs, today);
    let figures = figure_rows(&ctx, &f);
    let tables = outcome_tables(&ctx, &f);
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        let name = format!("evenement-{}-statistiques", e.day);
        return Ok(export_response(&ctx, profile, &name, &figures, &tables));
    }
    Ok(render(
        &views::EventStats {
            ctx,
            e,
            figures,
            tables,
        },
        StatusCode::OK,
    ))
}

/// `n` as a share of `d` ("—" when `d` is zero).
fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "—".to_string()
    } else {
        format!("{:.0} %", 100.0 * n as f64 / d as f64)
    }
}

/// The figures as (label, value) lines.
fn figure_rows(ctx: &Ctx, f: &Figures) -> Vec<(String, String)> {
    vec![
        (ctx.t("estat-registrations"), f.registrations.to_string()),
        (ctx.t("estat-guests"), f.guests.to_string()),
        (
            ctx.t("estat-checked-in"),
            format!("{} / {}", f.checked_in, f.registrations + f.guests),
        ),
        (
            ctx.t("estat-requests-by-companies"),
            f.requests_by_companies.to_string(),
        ),
        (
            ctx.t("estat-requests-by-guests"),
            f.requests_by_guests.to_string(),
        ),
        (
            ctx.t("estat-accepted"),
            format!("{} ({})", f.accepted, pct(f.accepted, f.requests)),
        ),
        (ctx.t("estat-expired"), f.expired.to_string()),
        (ctx.t("estat-scheduled"), f.scheduled.to_string()),
        (ctx.t("estat-held"), f.held.to_string()),
        (
            ctx.t("estat-no-show-rate"),
            pct(f.no_show, f.held + f.no_show),
        ),
        (ctx.t("estat-cancelled"), f.cancelled.to_string()),
    ]
}

/// The outcome tables: by the guest's country and by the company's sector.
fn outcome_tables(ctx: &Ctx, f: &Figures) -> Vec<views::StatsTable> {
    let unknown = ctx.t("steer-unknown");
    let mut by_country: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for (code, n) in &f.by_country {
        let name = code
            .as_deref()
            .and_then(|c| tremplin_domain::geo::CountryCode::parse(c).ok())
            .map(|c| crate::http::i18n::country_name(ctx.lang, &c))
            .unwrap_or_else(|| unknown.clone());
        add(by_country.entry(name).or_default(), n);
    }
    let by_sector: BTreeMap<String, [usize; 4]> = f
        .by_section
        .iter()
        .map(|(section, n)| {
            let name = section
                .map(|c| {
                    let label = tremplin_domain::refdata::refdata()
                        .naf(&c.to_string())
                        .map(|e| e.label_fr.clone())
                        .unwrap_or_default();
                    format!("{c} — {label}")
                })
                .unwrap_or_else(|| unknown.clone());
            (name, *n)
        })
        .collect();
    vec![
        (
            "pays".to_string(),
            ctx.t("estat-by-country"),
            outcome_headers(ctx, "estat-country"),
            outcome_rows(by_country),
        ),
        (
            "secteurs".to_string(),
            ctx.t("estat-by-sector"),
            outcome_headers(ctx, "estat-sector"),
            outcome_rows(by_sector),
        ),
    ]
}

/// The headers of an outcome table, its first column named by `first`.
fn outcome_headers(ctx: &Ctx, first: &str) -> Vec<String> {
    vec![
        ctx.t(first),
        ctx.t("outcome-cooperation"),
        ctx.t("outcome-informative"),
        ctx.t("outcome-no_interest"),
        ctx.t("estat-no-outcome"),
    ]
}

/// The rows of an outcome table: the name, then the count of each outcome.
fn outcome_rows(m: BTreeMap<String, [usize; 4]>) -> Vec<Vec<String>> {
    m.into_iter()
        .map(|(k, v)| {
            std::iter::once(k)
                .chain(v.iter().map(|n| n.to_string()))
                .collect()
        })
        .collect()
}

/// The figures then each table (after a blank line and its title) as one CSV/XLSX sheet.
fn export_response(
    ctx: &Ctx,
    profile: crate::http::export::Profile,
    name: &str,
    figures: &[(String, String)],
    tables: &[views::StatsTable],
) -> Response {
    let mut out: Vec<Vec<String>> = figures
        .iter()
        .map(|(k, v)| vec![k.clone(), v.clone()])
        .collect();
    for (_, title, h, r) in tables {
        out.push(Vec::new());
        out.push(vec![title.clone()]);
        out.push(h.clone());
        out.extend(r.iter().cloned());
    }
    crate::http::export::table_response(
        profile,
        name,
        &[ctx.t("estat-figure"), ctx.t("estat-value")],
        &out,
    )
}

fn add(to: &mut [usize; 4], n: &[usize; 4]) {
    for (a, b) in to.iter_mut().zip(n) {
        *a += b;
    }
}

/// The event's figures, counted from its rows. Outcomes of held meetings are counted as
/// cooperation, informative, no interest and not recorded, by the guest's country code and by
/// the company's NAF section (`None` when unknown).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Figures {
    registrations: usize,
    guests: usize,
    checked_in: usize,
    requests: usize,
    requests_by_companies: usize,
    requests_by_guests: usize,
    accepted: usize,
    expired: usize,
    scheduled: usize,
    held: usize,
    no_show: usize,
    cancelled: usize,
    by_country: BTreeMap<Option<String>, [usize; 4]>,
    by_section: BTreeMap<Option<char>, [usize; 4]>,
}

impl Figures {
    pub(super) fn of(
        regs: &[events::Registration],
        guests: &[events::Guest],
        meetings: &[events::Meeting],
        reqs: &[events::MeetingRequest],
        today: NaiveDate,
    ) -> Self {
        let requests =
            |f: &dyn Fn(&events::MeetingRequest) -> bool| reqs.iter().filter(|r| f(r)).count();
        let meetings_in = |a: Attendance| meetings.iter().filter(|m| m.attendance == a).count();
        let mut f = Figures {
            registrations: regs.len(),
            guests: guests.len(),
            checked_in: regs.iter().filter(|r| r.checked_in_at.is_some()).count()
                + guests.iter().filter(|g| g.checked_in_at.is_some()).count(),
            requests: reqs.len(),
            requests_by_companies: requests(&|r| r.requested_by == RequestedBy::Company),
            requests_by_guests: requests(&|r| r.requested_by == RequestedBy::Guest),
            accepted: requests(&|r| r.status == RequestStatus::Accepted),
            expired: requests(&|r| r.status_on(today) == RequestStatus::Expired),
            scheduled: meetings.len() - meetings_in(Attendance::Cancelled),
            held: meetings_in(Attendance::Held),
            no_show: meetings_in(Attendance::NoShow),
            cancelled: meetings_in(Attendance::Cancelled),
            ..Figures::default()
        };
        for m in meetings.iter().filter(|m| m.attendance == Attendance::Held) {
            let k = match m.outcome() {
                Some(MeetingOutcome::Cooperation) => 0,
                Some(MeetingOutcome::Informative) => 1,
                Some(MeetingOutcome::NoInterest) => 2,
                None => 3,
            };
            let country = guests
                .iter()
                .find(|g| g.id == m.guest_id)
                .map(|g| g.country.clone());
            let section = regs
                .iter()
                .find(|r| r.id == m.registration_id)
                .and_then(|r| r.naf.as_deref())
                .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
                .and_then(|n| n.section());
            f.by_country.entry(country).or_default()[k] += 1;
            f.by_section.entry(section).or_default()[k] += 1;
        }
        f
    }
}
