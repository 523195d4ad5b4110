//! Round tables: seating every company with the guests of the countries it targets (manual moves
//! kept, each seat explained).

use super::data::guest_countries_in;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::error::invalid;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking::{self as mm, SeatReason};
use tremplin_store::events;
use uuid::Uuid;

pub(super) fn seat_reason_text(ctx: &Ctx, r: &events::Registration) -> String {
    match r.seat_reason.as_str() {
        "" => String::new(),
        "fixed" => ctx.t("seat-fixed"),
        "no_target" => ctx.t("seat-no-target"),
        "undecided" => ctx.t("seat-undecided"),
        countries => ctx.t1("seat-targets", "countries", countries),
    }
}

/// Seats every registration (manual moves kept) and stores each seat's reason.
pub(super) async fn seat(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let tables = events::tables(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let input = seating_input(&tables, &guests, &regs);
    let seating = mm::seat(&input).map_err(|e| {
        tracing::info!(error = %e, "seating refused");
        invalid("seating", "seating_invalid")
    })?;
    let seats = seats_of(&seating);
    events::save_seats(state.db(), &ctx.actor(), id, &seats).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#tables")).into_response())
}

/// The seating problem: tables with their guests, companies with their targets, fixed seats.
fn seating_input(
    tables: &[events::Table],
    guests: &[events::Guest],
    regs: &[events::Registration],
) -> mm::SeatingInput {
    mm::SeatingInput {
        tables: tables
            .iter()
            .map(|t| mm::Table {
                id: t.id.to_string(),
                label: t.label.clone(),
                capacity: t.capacity.max(0) as u32,
                guests: guests
                    .iter()
                    .filter(|g| g.table_id == Some(t.id))
                    .map(|g| mm::Guest {
                        id: g.id.to_string(),
                        country: g.country.clone(),
                    })
                    .collect(),
            })
            .collect(),
        companies: regs
            .iter()
            .map(|r| mm::Company {
                id: r.id.to_string(),
                // A zone stands for the guests' countries in it.
                targets: r
                    .targets
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .flat_map(|t| match t.strip_prefix("Z:") {
                        Some(zone) => guest_countries_in(guests, zone),
                        None => vec![t.to_string()],
                    })
                    .collect(),
            })
            .collect(),
        fixed: regs
            .iter()
            .filter(|r| r.seat_fixed)
            .filter_map(|r| {
                Some(mm::FixedSeat {
                    company: r.id.to_string(),
                    table: r.table_id?.to_string(),
                })
            })
            .collect(),
    }
}

/// The seats to store as (registration, table, reason); the unseated companies without a table.
fn seats_of(seating: &mm::Seating) -> Vec<(Uuid, Option<Uuid>, String)> {
    let mut seats: Vec<(Uuid, Option<Uuid>, String)> = seating
        .seats
        .iter()
        .filter_map(|s| {
            let reason = match &s.reason {
                SeatReason::Targets(c) => c.join(", "),
                SeatReason::Fixed => "fixed".into(),
                SeatReason::NoTargetAvailable => "no_target".into(),
                SeatReason::Undecided => "undecided".into(),
            };
            Some((
                Uuid::parse_str(&s.company).ok()?,
                Uuid::parse_str(&s.table).ok(),
                reason,
            ))
        })
        .collect();
    seats.extend(
        seating
            .unseated
            .iter()
            .filter_map(|u| Some((Uuid::parse_str(&u.company).ok()?, None, String::new()))),
    );
    seats
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    #[serde(default)]
    table: String,
}

pub(super) async fn move_seat(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, reg)): Path<(Uuid, Uuid)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let tables = events::tables(state.db(), id).await?;
    let table = Uuid::parse_str(&f.table)
        .ok()
        .filter(|t| tables.iter().any(|x| x.id == *t))
        .ok_or_else(|| invalid("table", "value_unknown"))?;
    events::fix_seat(state.db(), &ctx.actor(), id, reg, table).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#tables")).into_response())
}
