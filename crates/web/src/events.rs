//! Events with foreign guests (first part): the event, round tables, guests, company
//! registrations with their business card; seating computed by the exact solver of
//! `tremplin_matchmaking::seat` (manual moves kept), each seat explained; the pitch running
//! order per table (a printable run sheet); business cards as vCard 4.0.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::contact::{Email, Phone};
use tremplin_domain::geo::CountryCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking::{self as mm, PitchParams, SeatReason};
use tremplin_store::events;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, FieldErrors};
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements", get(list_page).post(create))
        .route("/evenements/{id}", get(event_page))
        .route("/evenements/{id}/tables", post(add_table))
        .route("/evenements/{id}/invites", post(add_guest))
        .route("/evenements/{id}/inscriptions", post(register))
        .route("/evenements/{id}/placement", post(seat))
        .route(
            "/evenements/{id}/inscriptions/{reg}/deplacer",
            post(move_seat),
        )
        .route("/evenements/{id}/inscriptions/{reg}/carte.vcf", get(vcard))
}

const KINDS: [&str; 4] = ["ambassadors", "inbound_buyers", "trade_mission", "workshop"];
const ROLES: [&str; 3] = ["ambassador", "buyer", "investor"];

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid(FieldErrors::from([(field.to_string(), code.to_string())]))
}

async fn list_page(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let list = events::list(state.db()).await?;
    let can_manage = ctx.can(Action::ManageEvents);
    Ok(render(
        &tpl::EventList {
            ctx,
            list,
            can_manage,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
struct EventForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    venue: String,
}

async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<EventForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let mut errors = FieldErrors::new();
    if f.name.trim().is_empty() {
        errors.insert("name".into(), "required".into());
    }
    if !KINDS.contains(&f.kind.as_str()) {
        errors.insert("kind".into(), "value_unknown".into());
    }
    let day = NaiveDate::parse_from_str(f.day.trim(), "%Y-%m-%d").ok();
    if day.is_none() {
        errors.insert("day".into(), "date_invalid".into());
    }
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let id = events::create(
        state.db(),
        &ctx.actor(),
        f.name.trim(),
        &f.kind,
        day,
        f.venue.trim(),
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}")).into_response())
}

async fn event_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let tables = events::tables(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let l = ctx.lang.code();
    let country_name = |c: &str| {
        CountryCode::parse(c)
            .map(|c| if l == "en" { c.name_en() } else { c.name_fr() }.to_string())
            .unwrap_or(c.to_string())
    };
    let params = PitchParams {
        start: e.pitch_start.max(0) as u32,
        slot: e.pitch_minutes.max(1) as u32,
        buffer: e.pitch_buffer.max(0) as u32,
    };
    let mut views = Vec::new();
    for t in &tables {
        let seated: Vec<&events::Registration> =
            regs.iter().filter(|r| r.table_id == Some(t.id)).collect();
        // The running order: companies whose target countries sit at the table first.
        let seats: Vec<mm::Seat> = seated
            .iter()
            .map(|r| mm::Seat {
                company: r.id.to_string(),
                table: t.id.to_string(),
                matched_countries: match r.seat_reason.as_str() {
                    "" | "undecided" | "no_target" | "fixed" => vec![],
                    countries => countries.split(", ").map(str::to_string).collect(),
                },
                reason: SeatReason::Undecided,
            })
            .collect();
        let order = mm::pitch_order(seats.iter(), params)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
        let pitches = order
            .iter()
            .filter_map(|p| {
                let r = seated.iter().find(|r| r.id.to_string() == p.company)?;
                Some(tpl::PitchRow {
                    start: p.start_hhmm(),
                    end: p.end_hhmm(),
                    company: r.company_name.clone(),
                    reason: seat_reason_text(&ctx, r),
                    summary: r.pitch_summary.clone(),
                })
            })
            .collect();
        let table_guests = guests
            .iter()
            .filter(|g| g.table_id == Some(t.id))
            .map(|g| {
                format!(
                    "{} ({}, {})",
                    g.name,
                    ctx.tp("guest-role-", &g.role),
                    country_name(&g.country)
                )
            })
            .collect();
        views.push(tpl::TableView {
            id: t.id,
            label: t.label.clone(),
            capacity: t.capacity,
            guests: table_guests,
            pitches,
        });
    }
    let unseated = regs
        .iter()
        .filter(|r| r.table_id.is_none())
        .map(|r| r.company_name.clone())
        .collect();
    let can_manage = ctx.can(Action::ManageEvents);
    Ok(render(
        &tpl::EventPage {
            ctx,
            e,
            views,
            regs,
            unseated,
            can_manage,
            tables,
        },
        StatusCode::OK,
    ))
}

fn seat_reason_text(ctx: &Ctx, r: &events::Registration) -> String {
    match r.seat_reason.as_str() {
        "" => String::new(),
        "fixed" => ctx.t("seat-fixed"),
        "no_target" => ctx.t("seat-no-target"),
        "undecided" => ctx.t("seat-undecided"),
        countries => ctx.t1("seat-targets", "countries", countries),
    }
}

#[derive(Deserialize)]
struct TableForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    capacity: String,
}

async fn add_table(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<TableForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    events::get(state.db(), id).await?;
    if f.label.trim().is_empty() {
        return Err(invalid("label", "required"));
    }
    let capacity: i32 = f
        .capacity
        .trim()
        .parse()
        .ok()
        .filter(|c| (1..=500).contains(c))
        .ok_or_else(|| invalid("capacity", "capacity_invalid"))?;
    events::add_table(state.db(), &ctx.actor(), id, f.label.trim(), capacity).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#tables")).into_response())
}

#[derive(Deserialize)]
struct GuestForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    table: String,
}

async fn add_guest(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<GuestForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let tables = events::tables(state.db(), id).await?;
    let mut errors = FieldErrors::new();
    if f.name.trim().is_empty() {
        errors.insert("name".into(), "required".into());
    }
    if !ROLES.contains(&f.role.as_str()) {
        errors.insert("role".into(), "value_unknown".into());
    }
    let country = CountryCode::parse(&f.country)
        .map_err(|e| errors.insert("country".into(), e.code().into()))
        .ok();
    let table = if f.table.is_empty() {
        None
    } else {
        Uuid::parse_str(&f.table)
            .ok()
            .filter(|t| tables.iter().any(|x| x.id == *t))
    };
    if !f.table.is_empty() && table.is_none() {
        errors.insert("table".into(), "value_unknown".into());
    }
    let Some(country) = country.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let g = events::NewGuest {
        name: f.name.trim(),
        role: &f.role,
        country: country.as_str(),
        organisation: f.organisation.trim(),
        table_id: table,
    };
    events::add_guest(state.db(), &ctx.actor(), id, &g).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#invites")).into_response())
}

#[derive(Deserialize)]
struct RegistrationForm {
    #[serde(default)]
    company_name: String,
    #[serde(default)]
    targets: String,
    #[serde(default)]
    pitch_summary: String,
    #[serde(default)]
    card_name: String,
    #[serde(default)]
    card_role: String,
    #[serde(default)]
    card_email: String,
    #[serde(default)]
    card_phone: String,
    #[serde(default)]
    card_website: String,
}

async fn register(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    events::get(state.db(), id).await?;
    let mut errors = FieldErrors::new();
    if f.company_name.trim().is_empty() {
        errors.insert("company_name".into(), "required".into());
    }
    if f.card_name.trim().is_empty() {
        errors.insert("card_name".into(), "required".into());
    }
    let mut targets = Vec::new();
    for t in f.targets.split([',', ' ', ';']).filter(|t| !t.is_empty()) {
        match CountryCode::parse(t) {
            Ok(c) => targets.push(c.as_str().to_string()),
            Err(e) => {
                errors.insert("targets".into(), e.code().into());
            }
        }
    }
    if !f.card_email.trim().is_empty() && Email::parse(&f.card_email).is_err() {
        errors.insert("card_email".into(), "email_invalid".into());
    }
    let phone = if f.card_phone.trim().is_empty() {
        None
    } else {
        Phone::parse(&f.card_phone)
            .map_err(|_| errors.insert("card_phone".into(), "phone_invalid".into()))
            .ok()
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let r = events::NewRegistration {
        company_name: f.company_name.trim().into(),
        targets: targets.join(","),
        pitch_summary: f.pitch_summary.trim().into(),
        card_name: f.card_name.trim().into(),
        card_role: f.card_role.trim().into(),
        card_email: f.card_email.trim().into(),
        card_phone: phone.map(|p| p.as_str().to_string()).unwrap_or_default(),
        card_website: f.card_website.trim().into(),
    };
    events::register(state.db(), &ctx.actor(), id, &r).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#inscriptions")).into_response())
}

/// Seats every registration (manual moves kept) and stores each seat's reason.
async fn seat(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let tables = events::tables(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let input = mm::SeatingInput {
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
                targets: r
                    .targets
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
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
    };
    let seating = mm::seat(&input).map_err(|e| {
        tracing::info!(error = %e, "seating refused");
        invalid("seating", "seating_invalid")
    })?;
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
    events::save_seats(state.db(), &ctx.actor(), id, &seats).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#tables")).into_response())
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    table: String,
}

async fn move_seat(
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

/// The registration's business card as a vCard 4.0 file.
async fn vcard(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, reg)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let r = events::registrations(state.db(), id)
        .await?
        .into_iter()
        .find(|r| r.id == reg)
        .ok_or(AppError::NotFound)?;
    let (given, family) = r
        .card_name
        .split_once(' ')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((r.card_name.clone(), String::new()));
    let opt = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    let card = mm::BusinessCard {
        given_name: given,
        family_name: family,
        formatted_name: r.card_name.clone(),
        title: opt(&r.card_role),
        organization: opt(&r.company_name),
        email: opt(&r.card_email),
        phone: opt(&r.card_phone),
        website: opt(&r.card_website),
    };
    let text = mm::vcard(&card).map_err(|_| invalid("card", "card_invalid"))?;
    let mut res = text.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/vcard; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"carte.vcf\""),
    );
    Ok(res)
}
