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
use serde::Deserialize;
use std::collections::BTreeMap;
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
    let count = |f: &dyn Fn(&events::MeetingRequest) -> bool| reqs.iter().filter(|r| f(r)).count();
    let held = meetings.iter().filter(|m| m.attendance == "held").count();
    let no_show = meetings
        .iter()
        .filter(|m| m.attendance == "no_show")
        .count();
    let pct = |n: usize, d: usize| {
        if d == 0 {
            "—".to_string()
        } else {
            format!("{:.0} %", 100.0 * n as f64 / d as f64)
        }
    };
    let figures = vec![
        (ctx.t("estat-registrations"), regs.len().to_string()),
        (ctx.t("estat-guests"), guests.len().to_string()),
        (
            ctx.t("estat-checked-in"),
            format!(
                "{} / {}",
                regs.iter().filter(|r| r.checked_in_at.is_some()).count()
                    + guests.iter().filter(|g| g.checked_in_at.is_some()).count(),
                regs.len() + guests.len()
            ),
        ),
        (
            ctx.t("estat-requests-by-companies"),
            count(&|r| r.requested_by == "company").to_string(),
        ),
        (
            ctx.t("estat-requests-by-guests"),
            count(&|r| r.requested_by == "guest").to_string(),
        ),
        (
            ctx.t("estat-accepted"),
            format!(
                "{} ({})",
                count(&|r| r.status == "accepted"),
                pct(count(&|r| r.status == "accepted"), reqs.len())
            ),
        ),
        (
            ctx.t("estat-expired"),
            count(&|r| r.status_on(today) == "expired").to_string(),
        ),
        (
            ctx.t("estat-scheduled"),
            meetings
                .iter()
                .filter(|m| m.attendance != "cancelled")
                .count()
                .to_string(),
        ),
        (ctx.t("estat-held"), held.to_string()),
        (ctx.t("estat-no-show-rate"), pct(no_show, held + no_show)),
        (
            ctx.t("estat-cancelled"),
            meetings
                .iter()
                .filter(|m| m.attendance == "cancelled")
                .count()
                .to_string(),
        ),
    ];
    // Outcomes of held meetings by the guest's country and by the company's NAF section.
    let mut by_country: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut by_sector: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let unknown = ctx.t("steer-unknown");
    for m in meetings.iter().filter(|m| m.attendance == "held") {
        let k = match m.outcome.as_deref() {
            Some("cooperation") => 0,
            Some("informative") => 1,
            Some("no_interest") => 2,
            _ => 3,
        };
        let country = guests
            .iter()
            .find(|g| g.id == m.guest_id)
            .and_then(|g| tremplin_domain::geo::CountryCode::parse(&g.country).ok())
            .map(|c| crate::http::i18n::country_name(ctx.lang, &c))
            .unwrap_or_else(|| unknown.clone());
        let sector = regs
            .iter()
            .find(|r| r.id == m.registration_id)
            .and_then(|r| r.naf.as_deref())
            .and_then(|n| tremplin_domain::naf::NafCode::parse(n).ok())
            .and_then(|n| n.section())
            .map(|c| {
                let label = tremplin_domain::refdata::refdata()
                    .naf(&c.to_string())
                    .map(|e| e.label_fr.clone())
                    .unwrap_or_default();
                format!("{c} — {label}")
            })
            .unwrap_or_else(|| unknown.clone());
        by_country.entry(country).or_default()[k] += 1;
        by_sector.entry(sector).or_default()[k] += 1;
    }
    let headers = |first: &str| {
        vec![
            ctx.t(first),
            ctx.t("outcome-cooperation"),
            ctx.t("outcome-informative"),
            ctx.t("outcome-no_interest"),
            ctx.t("estat-no-outcome"),
        ]
    };
    let rows = |m: BTreeMap<String, [usize; 4]>| -> Vec<Vec<String>> {
        m.into_iter()
            .map(|(k, v)| {
                std::iter::once(k)
                    .chain(v.iter().map(|n| n.to_string()))
                    .collect()
            })
            .collect()
    };
    let tables = vec![
        (
            "pays".to_string(),
            ctx.t("estat-by-country"),
            headers("estat-country"),
            rows(by_country),
        ),
        (
            "secteurs".to_string(),
            ctx.t("estat-by-sector"),
            headers("estat-sector"),
            rows(by_sector),
        ),
    ];
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        let mut out: Vec<Vec<String>> = figures
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect();
        for (_, title, h, r) in &tables {
            out.push(Vec::new());
            out.push(vec![title.clone()]);
            out.push(h.clone());
            out.extend(r.iter().cloned());
        }
        return Ok(crate::http::export::table_response(
            profile,
            &format!("evenement-{}-statistiques", e.day),
            &[ctx.t("estat-figure"), ctx.t("estat-value")],
            &out,
        ));
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
