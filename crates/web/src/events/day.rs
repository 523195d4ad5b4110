//! Events on the day: check-in of companies and guests, attendance of each meeting (held,
//! no-show, cancelled) and its outcome, which leaves a note in the company's file; repairing the
//! schedule from a slot on after no-shows (locked and earlier meetings never move); and the
//! event's statistics.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::{Attendance, MeetingOutcome, Participant};
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking as mm;
use tremplin_store::events::{self, CheckIn, FollowUpNote, MeetingRecord};
use uuid::Uuid;

use super::data::EventData;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::error::invalid;
use crate::http::forms;
use crate::http::render::{FormState, render};
use crate::state::AppState;

pub(super) async fn day_page(
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
        .map(|m| views::DayMeeting {
            id: m.id,
            time: super::data::slot_time(&e, m.slot),
            table: m.table_no + 1,
            company: reg(m.registration_id)
                .map(|r| r.company_name.clone())
                .unwrap_or_default(),
            guest: guest(m.guest_id)
                .map(|g| format!("{} ({})", g.name, g.country))
                .unwrap_or_default(),
            attendance: m.attendance,
            outcome: m.outcome(),
            note: m.outcome_note.clone().unwrap_or_default(),
            has_file: reg(m.registration_id).is_some_and(|r| r.company_id.is_some()),
        })
        .collect();
    let slots = (1..=e.meeting_slots.max(1))
        .map(|s| (s, super::data::slot_time(&e, s - 1)))
        .collect();
    Ok(render(
        &views::EventDay {
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
pub(super) struct CheckInForm {
    /// `c:<registration>` or `g:<guest>`.
    who: String,
    /// `1` present, `0` not (undo).
    present: String,
}

pub(super) async fn check_in(
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
pub(super) struct RecordForm {
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

/// Attendance and outcome of one meeting. An outcome needs the meeting to be held; it leaves a
/// note, visible to the Team, in the company's file when the registration has one.
pub(super) async fn record(
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
    let (attendance, outcome, note) = parse_record(&ctx, &f)?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let reg = regs.iter().find(|r| r.id == m.registration_id);
    let guest = guests.iter().find(|g| g.id == m.guest_id);
    // The partner the note is written for: the organiser's own.
    let org = match ctx.user.as_ref().and_then(|u| u.memberships.first()) {
        Some(m) => Some(m.organisation_id),
        None => tremplin_store::orgs::pilot(state.db()).await?.map(|o| o.id),
    };
    let text = outcome_note(&ctx, &e, outcome, reg, guest, note);
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
        &MeetingRecord {
            attendance,
            outcome,
            note: Some(note).filter(|n| !n.is_empty()),
            follow_up,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}/jour-j#rdv-{meeting}")).into_response())
}

/// The attendance, outcome (only for a meeting held) and note of the form.
fn parse_record<'f>(
    ctx: &Ctx,
    f: &'f RecordForm,
) -> Result<(Attendance, Option<MeetingOutcome>, &'f str), AppError> {
    let mut form = FormState::new(ctx.lang);
    let attendance: Option<Attendance> = form.choice("attendance", &f.attendance);
    let outcome: Option<MeetingOutcome> =
        forms::text(&f.outcome).and_then(|o| form.choice("outcome", o));
    if outcome.is_some() && attendance != Some(Attendance::Held) {
        form.fail("outcome", "outcome_needs_held");
    }
    let note = f.note.trim();
    if note.chars().count() > 2000 {
        form.fail("note", "too_long");
    }
    form.finish()?;
    let Some(attendance) = attendance else {
        return Err(AppError::Invalid(form.errors));
    };
    Ok((attendance, outcome, note))
}

/// The note an outcome leaves in the company's file, when the registration has a file.
fn outcome_note(
    ctx: &Ctx,
    e: &events::Event,
    outcome: Option<MeetingOutcome>,
    reg: Option<&events::Registration>,
    guest: Option<&events::Guest>,
    note: &str,
) -> Option<String> {
    let (Some(o), Some(_), Some(g)) = (outcome, reg.and_then(|r| r.company_id), guest) else {
        return None;
    };
    Some(
        ctx.t2(
            "day-note",
            (
                "guest",
                format!("{} ({}, {})", g.name, g.country, g.organisation),
            ),
            ("event", format!("{} — {}", e.name, e.meetings_on())),
        ) + &format!(" {}", ctx.tp("outcome-", o.as_str()))
            + &if note.is_empty() {
                String::new()
            } else {
                format!(" — {note}")
            },
    )
}

#[derive(Deserialize)]
pub(super) struct ReplanForm {
    #[serde(default)]
    from_slot: String,
}

/// Repairs the schedule from a slot on: participants with a no-show not checked in since are
/// treated as absent, their later meetings and the cancelled ones are freed, and accepted
/// requests not yet placed fill the freed tables. Earlier and locked meetings never move.
pub(super) async fn replan(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<ReplanForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let from = from_slot(&e, &f.from_slot)?;
    let reqs = events::meeting_requests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let all = events::meetings(state.db(), id).await?;
    // The instance counts only what still occupies tables; held/no-show pairs are not asked
    // again, so the current schedule is the occupying meetings that are not held yet.
    let occupying: Vec<events::Meeting> = all.iter().filter(|m| m.occupies()).cloned().collect();
    let inst = super::data::instance(&e, &reqs, &regs, &guests, &occupying);
    let problem = inst
        .validate()
        .map_err(|_| invalid("planning", "planning_invalid"))?;
    let current = mm::Schedule {
        meetings: occupying
            .iter()
            .filter(|m| m.attendance == Attendance::Scheduled)
            .map(super::data::scheduled)
            .collect(),
    };
    let cancellations = mm::Cancellations {
        participants: absent(&all, &regs, &guests),
        meetings: Vec::new(),
    };
    let result = reschedule(problem, current, cancellations, from).await?;
    let freed: Vec<(Uuid, Uuid, i32)> = result
        .removed
        .iter()
        .filter_map(super::data::meeting_row)
        .map(|m| (m.registration_id, m.guest_id, m.slot))
        .collect();
    let added: Vec<events::MeetingRow> = result
        .added
        .iter()
        .filter_map(super::data::meeting_row)
        .collect();
    events::apply_reschedule(state.db(), &ctx.actor(), id, &freed, &added).await?;
    Ok(Redirect::to(&format!(
        "/evenements/{id}/jour-j?replanifie={}-{}#rdv",
        freed.len(),
        added.len()
    ))
    .into_response())
}

/// The 0-based slot to repair from, given 1-based within the event's slots.
fn from_slot(e: &events::Event, s: &str) -> Result<u32, AppError> {
    Ok(s.trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=e.meeting_slots.max(1) as u32).contains(s))
        .ok_or_else(|| invalid("from_slot", "slots_invalid"))?
        - 1)
}

/// The participants treated as absent: a no-show counts against whoever was not checked in.
fn absent(
    all: &[events::Meeting],
    regs: &[events::Registration],
    guests: &[events::Guest],
) -> Vec<String> {
    let checked_in = |who: Participant| -> bool {
        match who {
            Participant::Company(x) => regs.iter().any(|r| r.id == x && r.checked_in_at.is_some()),
            Participant::Guest(x) => guests
                .iter()
                .any(|g| g.id == x && g.checked_in_at.is_some()),
        }
    };
    let mut absent: Vec<String> = Vec::new();
    for m in all.iter().filter(|m| m.attendance == Attendance::NoShow) {
        for who in [m.company(), m.guest()] {
            let id = who.to_string();
            if !checked_in(who) && !absent.contains(&id) {
                absent.push(id);
            }
        }
    }
    absent
}

/// Repairs the schedule with the solver, off the async runtime and within a bounded time.
async fn reschedule(
    problem: mm::Problem,
    current: mm::Schedule,
    cancellations: mm::Cancellations,
    from: u32,
) -> Result<mm::Rescheduled, AppError> {
    tokio::task::spawn_blocking(move || {
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
    .map_err(|_| invalid("from_slot", "slots_invalid"))
}
