//! One-to-one meetings: requests both ways, the schedule placed by the solver, agendas (HTML and
//! `.ics`).

use super::data::instance;
use super::data::meeting_row;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::error::invalid;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Timelike};
use serde::Deserialize;
use tremplin_domain::events::{Participant, RequestStatus};
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking::{self as mm};
use tremplin_store::events;
use uuid::Uuid;

#[derive(Deserialize)]
pub(super) struct MeetingRequestForm {
    #[serde(default)]
    registration: String,
    #[serde(default)]
    guest: String,
    #[serde(default)]
    requested_by: String,
    #[serde(default)]
    priority: String,
    /// Last day the request can be answered (optional).
    #[serde(default)]
    expires_on: String,
}

pub(super) async fn request_meeting(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<MeetingRequestForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let mut form = FormState::new(ctx.lang);
    let reg = Uuid::parse_str(&f.registration)
        .ok()
        .filter(|r| regs.iter().any(|x| x.id == *r));
    let guest = Uuid::parse_str(&f.guest)
        .ok()
        .filter(|g| guests.iter().any(|x| x.id == *g));
    if reg.is_none() {
        form.fail("registration", "value_unknown");
    }
    if guest.is_none() {
        form.fail("guest", "value_unknown");
    }
    let by = form.choice("requested_by", &f.requested_by);
    let priority = form.choice("priority", &f.priority);
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let expires_on = form.date("expires_on", &f.expires_on);
    if expires_on.is_some_and(|d| d < today) {
        form.fail("expires_on", "date_in_past");
    }
    form.finish()?;
    let (Some(reg), Some(guest), Some(by), Some(priority)) = (reg, guest, by, priority) else {
        return Err(AppError::Invalid(form.errors));
    };
    match events::request_meeting(
        state.db(),
        &ctx.actor(),
        id,
        &events::NewMeetingRequest {
            registration: reg,
            guest,
            by,
            priority,
            expires_on,
        },
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/evenements/{id}#rdv")).into_response()),
        Err(tremplin_store::StoreError::Conflict(code)) => Err(invalid("registration", code)),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn answer_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, req, answer)): Path<(Uuid, Uuid, String)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let status = match answer.as_str() {
        "accepter" => RequestStatus::Accepted,
        "refuser" => RequestStatus::Declined,
        _ => return Err(AppError::NotFound),
    };
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    events::answer_request(state.db(), &ctx.actor(), id, req, status, today).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#rdv")).into_response())
}

pub(super) async fn schedule(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let reqs = events::meeting_requests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let current = events::meetings(state.db(), id).await?;
    let inst = instance(&e, &reqs, &regs, &guests, &current);
    let problem = inst.validate().map_err(|errs| {
        tracing::warn!(errors = ?errs.iter().map(|e| e.to_string()).collect::<Vec<_>>(), "meeting instance refused");
        invalid("planning", "planning_invalid")
    })?;
    let sol = solve(problem).await?;
    let rows: Vec<events::MeetingRow> = sol
        .schedule
        .meetings
        .iter()
        .filter_map(meeting_row)
        .collect();
    events::save_schedule(state.db(), &ctx.actor(), id, &rows).await?;
    let unplaced = unplaced_texts(&ctx, &sol.unplaced, &regs, &guests);
    Ok(render(
        &views::ScheduleResult {
            weight_text: ctx.t2("schedule-weight", ("w", sol.weight), ("b", sol.bound)),
            ctx,
            event_id: id,
            meetings: sol.meetings,
            optimal: sol.optimal,
            unplaced,
        },
        StatusCode::OK,
    ))
}

/// Places the meetings with the solver: CPU-bound, so off the async runtime, with a bounded time.
async fn solve(problem: mm::Problem) -> Result<mm::Solution, AppError> {
    tokio::task::spawn_blocking(move || {
        mm::auto_solve(
            &problem,
            &mm::Budget::new(std::time::Duration::from_secs(2), 1),
            None,
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// The requests the solver could not place, as "company — guest : reason".
fn unplaced_texts(
    ctx: &Ctx,
    unplaced: &[mm::Unplaced],
    regs: &[events::Registration],
    guests: &[events::Guest],
) -> Vec<String> {
    unplaced
        .iter()
        .map(|u| {
            format!(
                "{} — {} : {}",
                participant_name(&u.a, regs, guests),
                participant_name(&u.b, regs, guests),
                ctx.tp("unplaced-", crate::http::json::json_id(&u.reason))
            )
        })
        .collect()
}

/// A participant's name from its solver id, or the id itself when unknown.
fn participant_name(pid: &str, regs: &[events::Registration], guests: &[events::Guest]) -> String {
    let name = match pid.parse() {
        Ok(Participant::Company(u)) => regs
            .iter()
            .find(|r| r.id == u)
            .map(|r| r.company_name.clone()),
        Ok(Participant::Guest(u)) => guests.iter().find(|g| g.id == u).map(|g| g.name.clone()),
        Err(_) => None,
    };
    name.unwrap_or_else(|| pid.to_string())
}

/// A participant's agenda (`c:<registration>` or `g:<guest>`), HTML or `.ics`.
pub(super) async fn agenda(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, who)): Path<(Uuid, String)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let ics = who.ends_with(".ics");
    let who = who.trim_end_matches(".ics").to_string();
    let e = events::get(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let all = events::meetings(state.db(), id).await?;
    let (kind, pid) = who.split_once(':').ok_or(AppError::NotFound)?;
    let pid = Uuid::parse_str(pid).map_err(|_| AppError::NotFound)?;
    let sides = Sides {
        company: kind == "c",
        regs: &regs,
        guests: &guests,
    };
    let (name, mine) = sides.agenda_of(kind, pid, &all)?;
    if ics {
        return ics_response(&ctx, &e, &mine, &sides);
    }
    let rows = mine
        .iter()
        .map(|m| {
            (
                mm::hhmm(slot_minutes(&e, m.slot)),
                m.table_no + 1,
                sides.other(m),
            )
        })
        .collect();
    Ok(render(
        &views::AgendaPage {
            ctx,
            event: e,
            name,
            who,
            rows,
        },
        StatusCode::OK,
    ))
}

/// The participants of an event, seen from one side of its meetings (a company's or a guest's).
struct Sides<'a> {
    /// The agenda is a company's (else a guest's).
    company: bool,
    regs: &'a [events::Registration],
    guests: &'a [events::Guest],
}

impl Sides<'_> {
    /// The participant's name and the meetings it holds (`c` a registration, `g` a guest).
    fn agenda_of<'m>(
        &self,
        kind: &str,
        pid: Uuid,
        all: &'m [events::Meeting],
    ) -> Result<(String, Vec<&'m events::Meeting>), AppError> {
        Ok(match kind {
            "c" => (
                self.regs
                    .iter()
                    .find(|r| r.id == pid)
                    .ok_or(AppError::NotFound)?
                    .company_name
                    .clone(),
                all.iter()
                    .filter(|m| m.registration_id == pid && m.occupies())
                    .collect(),
            ),
            "g" => (
                self.guests
                    .iter()
                    .find(|g| g.id == pid)
                    .ok_or(AppError::NotFound)?
                    .name
                    .clone(),
                all.iter()
                    .filter(|m| m.guest_id == pid && m.occupies())
                    .collect(),
            ),
            _ => return Err(AppError::NotFound),
        })
    }

    /// Who the participant meets in `m`: the guest (with its country) or the company.
    fn other(&self, m: &events::Meeting) -> String {
        if self.company {
            self.guests
                .iter()
                .find(|g| g.id == m.guest_id)
                .map(|g| format!("{} ({})", g.name, g.country))
                .unwrap_or_default()
        } else {
            self.regs
                .iter()
                .find(|r| r.id == m.registration_id)
                .map(|r| r.company_name.clone())
                .unwrap_or_default()
        }
    }
}

/// The minute of the day a meeting slot starts at.
fn slot_minutes(e: &events::Event, slot: i32) -> u32 {
    (e.meeting_start + slot * e.meeting_minutes).max(0) as u32
}

/// The agenda as an iCalendar file to download.
fn ics_response(
    ctx: &Ctx,
    e: &events::Event,
    mine: &[&events::Meeting],
    sides: &Sides,
) -> Result<Response, AppError> {
    let dt = |min: u32| {
        mm::DateTime::new(
            e.meetings_on().year() as u16,
            e.meetings_on().month() as u8,
            e.meetings_on().day() as u8,
            (min / 60) as u8,
            (min % 60) as u8,
        )
    };
    let now = chrono::Utc::now();
    let agenda = mm::Agenda {
        event_id: e.id.to_string(),
        dtstamp: mm::DateTime::new(
            now.year() as u16,
            now.month() as u8,
            now.day() as u8,
            now.hour() as u8,
            now.minute() as u8,
        ),
        meetings: mine
            .iter()
            .map(|m| {
                let start = slot_minutes(e, m.slot);
                mm::AgendaMeeting {
                    a: m.company().to_string(),
                    b: m.guest().to_string(),
                    slot: m.slot.max(0) as u32,
                    start: dt(start),
                    end: dt(start + e.meeting_minutes.max(1) as u32),
                    summary: format!("{} — {}", e.name, sides.other(m)),
                    location: format!("{} {}", ctx.t("agenda-table"), m.table_no + 1),
                    description: String::new(),
                }
            })
            .collect(),
    };
    let text =
        mm::icalendar(&agenda).map_err(|err| AppError::Internal(anyhow::anyhow!("{err}")))?;
    let mut res = text.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"agenda.ics\""),
    );
    Ok(res)
}
