//! Events on the day: check-in of companies and guests, attendance of each meeting (held,
//! no-show, cancelled) and its outcome, which leaves a note in the company's file; repairing the
//! schedule from a slot on after no-shows (locked and earlier meetings never move); and the
//! event's statistics.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking as mm;
use tremplin_store::events::{self, Attendance, CheckIn, FollowUpNote};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::events::{EventData, invalid};
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{id}/jour-j", get(day_page))
        .route("/evenements/{id}/presence", post(check_in))
        .route("/evenements/{id}/rdv/{meeting}/suivi", post(record))
        .route("/evenements/{id}/replanifier", post(replan))
        .route("/evenements/{id}/statistiques", get(stats))
}

const ATTENDANCE: [&str; 4] = ["scheduled", "held", "no_show", "cancelled"];
const OUTCOMES: [&str; 3] = ["cooperation", "informative", "no_interest"];

async fn day_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let EventData {
        e,
        regs,
        guests,
        meetings,
    } = EventData::load(&state, id).await?;
    let reg = |r: Uuid| regs.iter().find(|x| x.id == r);
    let guest = |g: Uuid| guests.iter().find(|x| x.id == g);
    let rows = meetings
        .iter()
        .map(|m| tpl::DayMeeting {
            id: m.id,
            time: crate::events::slot_time(&e, m.slot),
            table: m.table_no + 1,
            company: reg(m.registration_id)
                .map(|r| r.company_name.clone())
                .unwrap_or_default(),
            guest: guest(m.guest_id)
                .map(|g| format!("{} ({})", g.name, g.country))
                .unwrap_or_default(),
            attendance: m.attendance.clone(),
            outcome: m.outcome.clone().unwrap_or_default(),
            note: m.outcome_note.clone().unwrap_or_default(),
            has_file: reg(m.registration_id).is_some_and(|r| r.company_id.is_some()),
        })
        .collect();
    let slots = (1..=e.meeting_slots.max(1))
        .map(|s| (s, crate::events::slot_time(&e, s - 1)))
        .collect();
    Ok(render(
        &tpl::EventDay {
            ctx,
            regs,
            guests,
            rows,
            slots,
            e,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
struct CheckInForm {
    /// `c:<registration>` or `g:<guest>`.
    who: String,
    /// `1` present, `0` not (undo).
    present: String,
}

async fn check_in(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<CheckInForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let who = match f.who.split_once(':') {
        Some(("c", x)) => Uuid::parse_str(x).ok().map(CheckIn::Registration),
        Some(("g", x)) => Uuid::parse_str(x).ok().map(CheckIn::Guest),
        _ => None,
    }
    .ok_or_else(|| invalid("who", "value_unknown"))?;
    let present = match f.present.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(invalid("present", "value_unknown")),
    };
    events::check_in(state.db(), &ctx.actor(), id, who, present).await?;
    Ok(Redirect::to(&format!("/evenements/{id}/jour-j#accueil")).into_response())
}

#[derive(Deserialize)]
struct RecordForm {
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

/// Attendance and outcome of one meeting. An outcome needs the meeting to be held; it leaves a
/// note, visible to the Team, in the company's file when the registration has one.
async fn record(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, meeting)): Path<(Uuid, Uuid)>,
    Form(f): Form<RecordForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let m = events::meetings(state.db(), id)
        .await?
        .into_iter()
        .find(|m| m.id == meeting)
        .ok_or(AppError::NotFound)?;
    let attendance = ATTENDANCE
        .iter()
        .find(|a| **a == f.attendance)
        .ok_or_else(|| invalid("attendance", "value_unknown"))?;
    let outcome = match f.outcome.trim() {
        "" => None,
        o => Some(
            *OUTCOMES
                .iter()
                .find(|x| **x == o)
                .ok_or_else(|| invalid("outcome", "value_unknown"))?,
        ),
    };
    if outcome.is_some() && *attendance != "held" {
        return Err(invalid("outcome", "outcome_needs_held"));
    }
    let note = f.note.trim();
    if note.chars().count() > 2000 {
        return Err(invalid("note", "too_long"));
    }
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let reg = regs.iter().find(|r| r.id == m.registration_id);
    let guest = guests.iter().find(|g| g.id == m.guest_id);
    // The partner the note is written for: the organiser's own.
    let org = match ctx.user.as_ref().and_then(|u| u.memberships.first()) {
        Some(m) => Some(m.organisation_id),
        None => tremplin_store::orgs::by_slug(state.db(), "region-hdf")
            .await?
            .map(|o| o.id),
    };
    let text = match (outcome, reg.and_then(|r| r.company_id), guest) {
        (Some(o), Some(_), Some(g)) => Some(
            ctx.t2(
                "day-note",
                (
                    "guest",
                    format!("{} ({}, {})", g.name, g.country, g.organisation),
                ),
                ("event", format!("{} — {}", e.name, e.meetings_on())),
            ) + &format!(" {}", ctx.tp("outcome-", o))
                + &if note.is_empty() {
                    String::new()
                } else {
                    format!(" — {note}")
                },
        ),
        _ => None,
    };
    let follow_up = match (&text, reg.and_then(|r| r.company_id), org) {
        (Some(t), Some(company_id), Some(organisation_id)) => Some(FollowUpNote {
            company_id,
            organisation_id,
            on: e.meetings_on(),
            note: t,
        }),
        _ => None,
    };
    events::record_attendance(
        state.db(),
        &ctx.actor(),
        id,
        meeting,
        &Attendance {
            attendance,
            outcome,
            note: Some(note).filter(|n| !n.is_empty()),
            follow_up,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}/jour-j#rdv-{meeting}")).into_response())
}

#[derive(Deserialize)]
struct ReplanForm {
    #[serde(default)]
    from_slot: String,
}

/// Repairs the schedule from a slot on: participants with a no-show not checked in since are
/// treated as absent, their later meetings and the cancelled ones are freed, and accepted
/// requests not yet placed fill the freed tables. Earlier and locked meetings never move.
async fn replan(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<ReplanForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let from: u32 = f
        .from_slot
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=e.meeting_slots.max(1) as u32).contains(s))
        .ok_or_else(|| invalid("from_slot", "slots_invalid"))?
        - 1;
    let reqs = events::meeting_requests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let all = events::meetings(state.db(), id).await?;
    // The instance counts only what still occupies tables; held/no-show pairs are not asked
    // again, so the current schedule is the occupying meetings that are not held yet.
    let occupying: Vec<events::Meeting> = all.iter().filter(|m| m.occupies()).cloned().collect();
    let inst = crate::events::instance(&e, &reqs, &regs, &guests, &occupying);
    let problem = inst
        .validate()
        .map_err(|_| invalid("planning", "planning_invalid"))?;
    let current = mm::Schedule {
        meetings: occupying
            .iter()
            .filter(|m| m.attendance == "scheduled")
            .map(|m| mm::Meeting {
                a: format!("c:{}", m.registration_id),
                b: format!("g:{}", m.guest_id),
                slot: m.slot.max(0) as u32,
                table: m.table_no.max(0) as u32,
            })
            .collect(),
    };
    let checked_in = |who: &str| -> bool {
        match who.split_once(':') {
            Some(("c", x)) => regs
                .iter()
                .any(|r| r.id.to_string() == x && r.checked_in_at.is_some()),
            Some(("g", x)) => guests
                .iter()
                .any(|g| g.id.to_string() == x && g.checked_in_at.is_some()),
            _ => false,
        }
    };
    let mut absent: Vec<String> = Vec::new();
    for m in all.iter().filter(|m| m.attendance == "no_show") {
        // A no-show counts against whoever was not checked in.
        for who in [
            format!("c:{}", m.registration_id),
            format!("g:{}", m.guest_id),
        ] {
            if !checked_in(&who) && !absent.contains(&who) {
                absent.push(who);
            }
        }
    }
    let cancellations = mm::Cancellations {
        participants: absent,
        meetings: Vec::new(),
    };
    let result = tokio::task::spawn_blocking(move || {
        mm::reschedule(
            &problem,
            &current,
            &cancellations,
            from,
            &mm::Budget::new(std::time::Duration::from_secs(1), 1),
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|_| invalid("from_slot", "slots_invalid"))?;
    let freed: Vec<(Uuid, Uuid, i32)> = result
        .removed
        .iter()
        .filter_map(crate::events::meeting_row)
        .map(|m| (m.registration_id, m.guest_id, m.slot))
        .collect();
    let added: Vec<events::MeetingRow> = result
        .added
        .iter()
        .filter_map(crate::events::meeting_row)
        .collect();
    events::apply_reschedule(state.db(), &ctx.actor(), id, &freed, &added).await?;
    Ok(Redirect::to(&format!(
        "/evenements/{id}/jour-j?replanifie={}-{}#rdv",
        freed.len(),
        added.len()
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
struct StatsQ {
    #[serde(default)]
    format: String,
}

/// Requests sent and accepted, meetings scheduled and held, the no-show rate, outcomes by the
/// guest's country and by the company's sector.
async fn stats(
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
            .map(|c| crate::orientation::country_name(ctx.lang, &c))
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
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
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
        return Ok(crate::export::table_response(
            profile,
            &format!("evenement-{}-statistiques", e.day),
            &[ctx.t("estat-figure"), ctx.t("estat-value")],
            &out,
        ));
    }
    Ok(render(
        &tpl::EventStats {
            ctx,
            e,
            figures,
            tables,
        },
        StatusCode::OK,
    ))
}
