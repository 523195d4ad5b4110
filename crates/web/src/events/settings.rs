//! The sessions of an event (`/evenements/{id}/reglages`): the pitch session's start, length and
//! buffer, the meeting session's start, slot length, slots, tables and breaks, and the day of
//! each within the event's days. Every field is checked before the store's `events` saves them.

use super::data::parse_slots;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::events;
use uuid::Uuid;

use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::state::AppState;

#[derive(Deserialize)]
pub(super) struct SettingsForm {
    #[serde(default)]
    pitch_start: String,
    #[serde(default)]
    pitch_minutes: String,
    #[serde(default)]
    pitch_buffer: String,
    #[serde(default)]
    meeting_start: String,
    #[serde(default)]
    meeting_minutes: String,
    #[serde(default)]
    meeting_slots: String,
    #[serde(default)]
    meeting_tables: String,
    #[serde(default)]
    breaks: String,
    #[serde(default)]
    pitch_day: String,
    #[serde(default)]
    meeting_day: String,
}

/// "14:30" → 870 (minutes after midnight).
pub(super) fn parse_hhmm(s: &str) -> Option<i32> {
    let (h, m) = s.trim().split_once([':', 'h', 'H'])?;
    let (h, m): (i32, i32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// The sessions of the event: pitch start, length and buffer; meeting start, slot length,
/// number of slots and tables, break slots. Every field is checked; a session running past
/// midnight is refused.
pub(super) async fn save_settings(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let settings = parse_settings(&e, &f).map_err(AppError::Invalid)?;
    events::update_settings(state.db(), &ctx.actor(), id, &settings).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#reglages")).into_response())
}

/// The sessions the form gives, or the errors by field.
fn parse_settings(e: &events::Event, f: &SettingsForm) -> Result<events::Settings, FieldErrors> {
    let mut errors = FieldErrors::new();
    let pitch_day = session_day(&mut errors, e, "pitch_day", &f.pitch_day);
    let meeting_day = session_day(&mut errors, e, "meeting_day", &f.meeting_day);
    let pitch_start = time(&mut errors, "pitch_start", &f.pitch_start);
    let meeting_start = time(&mut errors, "meeting_start", &f.meeting_start);
    let pitch_minutes = number(&mut errors, "pitch_minutes", &f.pitch_minutes, 1..=60);
    let pitch_buffer = number(&mut errors, "pitch_buffer", &f.pitch_buffer, 0..=30);
    let meeting_minutes = number(&mut errors, "meeting_minutes", &f.meeting_minutes, 5..=120);
    let meeting_slots = number(&mut errors, "meeting_slots", &f.meeting_slots, 1..=96);
    let meeting_tables = number(&mut errors, "meeting_tables", &f.meeting_tables, 1..=2000);
    let breaks = meeting_slots.and_then(|n| parse_slots(&f.breaks, n));
    if meeting_slots.is_some() && breaks.is_none() {
        errors.insert("breaks".into(), "slots_invalid".into());
    }
    if let (Some(start), Some(len), Some(n)) = (meeting_start, meeting_minutes, meeting_slots)
        && start + len * n > 24 * 60
    {
        errors.insert("meeting_slots".into(), "session_past_midnight".into());
    }
    let (
        Some(pitch_start),
        Some(pitch_minutes),
        Some(pitch_buffer),
        Some(meeting_start),
        Some(meeting_minutes),
        Some(meeting_slots),
        Some(meeting_tables),
        Some(meeting_breaks),
        true,
    ) = (
        pitch_start,
        pitch_minutes,
        pitch_buffer,
        meeting_start,
        meeting_minutes,
        meeting_slots,
        meeting_tables,
        breaks,
        errors.is_empty(),
    )
    else {
        return Err(errors);
    };
    Ok(events::Settings {
        pitch_start,
        pitch_minutes,
        pitch_buffer,
        meeting_start,
        meeting_minutes,
        meeting_slots,
        meeting_tables,
        meeting_breaks,
        pitch_day,
        meeting_day,
    })
}

/// A session's day (optional), which lies within the event's days.
fn session_day(
    errors: &mut FieldErrors,
    e: &events::Event,
    field: &str,
    v: &str,
) -> Option<NaiveDate> {
    match crate::http::forms::date(v) {
        Ok(Some(d)) if d >= e.day && d <= e.last_day() => Some(d),
        Ok(None) => None,
        Ok(Some(_)) => {
            errors.insert(field.into(), "day_outside_event".into());
            None
        }
        Err(code) => {
            errors.insert(field.into(), code.into());
            None
        }
    }
}

/// A time of day ("14:30") in minutes after midnight.
fn time(errors: &mut FieldErrors, field: &str, v: &str) -> Option<i32> {
    parse_hhmm(v).or_else(|| {
        errors.insert(field.into(), "time_invalid".into());
        None
    })
}

/// A whole number within `range` (`<field>_invalid` otherwise).
fn number(
    errors: &mut FieldErrors,
    field: &str,
    v: &str,
    range: std::ops::RangeInclusive<i32>,
) -> Option<i32> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .or_else(|| {
            errors.insert(field.into(), format!("{field}_invalid"));
            None
        })
}
