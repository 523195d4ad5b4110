//! The scheduler's JSON formats: the event as a matchmaking instance, its schedule, and both
//! brought back after an offline edit, checked before anything is saved.

use super::data::EventData;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::{Participant, Priority};
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking::{self as mm};
use tremplin_store::events;
use uuid::Uuid;

pub(super) async fn event_instance(state: &AppState, id: Uuid) -> Result<mm::Instance, AppError> {
    let d = EventData::load(state, id).await?;
    let reqs = events::meeting_requests(state.db(), id).await?;
    Ok(super::data::instance(
        &d.e,
        &reqs,
        &d.regs,
        &d.guests,
        &d.meetings,
    ))
}

pub(super) fn json(body: String, file: &str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The event in the format of `tremplin matchmaking solve` (companies `c:<id>`, guests
/// `g:<id>`).
pub(super) async fn instance_json(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    Ok(json(
        event_instance(&state, id).await?.to_json(),
        "instance.json",
    ))
}

pub(super) async fn schedule_json(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let schedule = mm::Schedule {
        meetings: events::meetings(state.db(), id)
            .await?
            .iter()
            .filter(|m| m.occupies())
            .map(super::data::scheduled)
            .collect(),
    };
    Ok(json(schedule.to_json(), "planning.json"))
}

#[derive(Deserialize)]
pub(super) struct ImportForm {
    #[serde(default)]
    schedule: String,
}

/// Replaces the meetings still to come by a schedule in the solver's format, after checking it
/// against the event (every violation is listed, naming the meetings; nothing is saved then).
pub(super) async fn import_schedule(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<ImportForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let schedule = mm::Schedule::from_json(&f.schedule)
        .map_err(|e| AppError::Malformed(format!("JSON: {e}")))?;
    let inst = event_instance(&state, id).await?;
    if let Err(violations) = mm::check(&inst, &schedule) {
        let list = violations
            .iter()
            .take(20)
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(" ; ");
        return Err(AppError::Rejected("schedule_invalid", list));
    }
    let rows: Vec<events::MeetingRow> = schedule
        .meetings
        .iter()
        .filter_map(super::data::meeting_row)
        .collect();
    events::save_schedule(state.db(), &ctx.actor(), id, &rows).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#grille")).into_response())
}

#[derive(Deserialize)]
pub(super) struct InstanceForm {
    #[serde(default)]
    instance: String,
}

/// Brings an instance edited offline back into the event: who is away when, which requests are
/// accepted (weight 5 = must meet, else would like to), which meetings are locked. The
/// instance must be valid, of this event's shape (slots, tables) and name only this event's
/// companies (`c:<id>`) and guests (`g:<id>`); every problem is listed and nothing is saved.
pub(super) async fn import_instance(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<InstanceForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let inst = mm::Instance::from_json(&f.instance)
        .map_err(|e| AppError::Malformed(format!("JSON: {e}")))?;
    if let Err(errs) = inst.validate() {
        return Err(rejected(errs.iter().map(|e| e.to_string()).collect()));
    }
    let mut problems = shape_problems(&inst, &e);
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let known = Known {
        regs: &regs,
        guests: &guests,
    };
    for p in &inst.participants {
        if known.who(&p.id).is_none() {
            problems.push(format!("unknown participant {:?}", p.id));
        }
    }
    if !problems.is_empty() {
        return Err(rejected(problems));
    }
    let out = imported(&inst, &e, &known).map_err(rejected)?;
    events::apply_instance(state.db(), &ctx.actor(), id, &out).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#rdv")).into_response())
}

/// The refusal of an instance, listing its first 20 problems.
fn rejected(problems: Vec<String>) -> AppError {
    let list = problems
        .into_iter()
        .take(20)
        .collect::<Vec<_>>()
        .join(" ; ");
    AppError::Rejected("instance_invalid", list)
}

/// The instance's slots and tables when they are not the event's.
fn shape_problems(inst: &mm::Instance, e: &events::Event) -> Vec<String> {
    let mut problems = Vec::new();
    if inst.slots != e.meeting_slots.max(1) as u32 || inst.tables != e.meeting_tables.max(1) as u32
    {
        problems.push(format!(
            "slots {} / tables {} ≠ {} / {}",
            inst.slots, inst.tables, e.meeting_slots, e.meeting_tables
        ));
    }
    problems
}

/// The event's companies and guests, to recognise the participants of an instance file.
struct Known<'a> {
    regs: &'a [events::Registration],
    guests: &'a [events::Guest],
}

impl Known<'_> {
    /// A participant of the file that is one of this event's.
    fn who(&self, pid: &str) -> Option<Participant> {
        match pid.parse().ok()? {
            Participant::Company(x) if self.regs.iter().any(|r| r.id == x) => {
                Some(Participant::Company(x))
            }
            Participant::Guest(x) if self.guests.iter().any(|g| g.id == x) => {
                Some(Participant::Guest(x))
            }
            _ => None,
        }
    }

    /// The (registration, guest) of a pair naming a company of the event and one of its guests.
    fn pair(&self, a: &str, b: &str) -> Option<(Uuid, Uuid)> {
        Participant::pair(self.who(a)?, self.who(b)?)
    }
}

/// What the instance changes (away slots, accepted requests, locks), or its pairs that are wrong.
fn imported(
    inst: &mm::Instance,
    e: &events::Event,
    known: &Known,
) -> Result<events::ImportedInstance, Vec<String>> {
    let breaks = super::data::stored_slots(&e.meeting_breaks);
    let mut out = events::ImportedInstance::default();
    for p in &inst.participants {
        let away: Vec<String> = (0..inst.slots)
            .filter(|s| !p.available.contains(s) && !breaks.contains(s))
            .map(|s| s.to_string())
            .collect();
        match known.who(&p.id) {
            Some(Participant::Company(r)) => out.registrations_away.push((r, away.join(","))),
            Some(Participant::Guest(g)) => out.guests_away.push((g, away.join(","))),
            None => {}
        }
    }
    let mut problems = Vec::new();
    for q in &inst.requests {
        match known.pair(&q.a, &q.b) {
            Some((r, g)) => out.accepted.push((
                r,
                g,
                if q.weight >= 5 {
                    Priority::Must
                } else {
                    Priority::Nice
                },
            )),
            None => problems.push(format!(
                "request {:?}–{:?}: a company with a guest",
                q.a, q.b
            )),
        }
    }
    for l in &inst.locked {
        match known.pair(&l.a, &l.b) {
            Some((r, g)) => out
                .locked
                .push((r, g, l.slot as i32, l.table.unwrap_or(0) as i32)),
            None => problems.push(format!(
                "locked {:?}–{:?}: a company with a guest",
                l.a, l.b
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
