//! Events with foreign guests (first part): the event, round tables, guests, company
//! registrations with their business card; seating computed by the exact solver of
//! `tremplin_matchmaking::seat` (manual moves kept), each seat explained; the pitch running
//! order per table (a printable run sheet); business cards as vCard 4.0.

use super::data::items;
use super::data::parse_slots;
use super::data::slot_time;
use super::seating::seat_reason_text;
use crate::http::error::invalid;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::events::{EventKind, GuestRole};
use tremplin_domain::geo::CountryCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_matchmaking::{self as mm, PitchParams, SeatReason};
use tremplin_store::events;
use uuid::Uuid;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::i18n::country_name;
use crate::http::render::{FormState, render};
use crate::state::AppState;

pub(super) async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let list = events::list(state.db()).await?;
    let can_manage = ctx.can(Action::ManageEvents);
    Ok(render(
        &views::EventList {
            ctx,
            list,
            can_manage,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub(super) struct EventForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    day: String,
    /// Last day, for an event over several days (optional).
    #[serde(default)]
    end_day: String,
    #[serde(default)]
    venue: String,
}

/// Longest event over several days.
pub(super) const MAX_EVENT_DAYS: i64 = 31;

pub(super) async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<EventForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let mut form = FormState::new(ctx.lang);
    let name = form.required("name", &f.name);
    let kind: Option<EventKind> = form.choice("kind", &f.kind);
    let day = form.date("day", &f.day);
    if day.is_none() {
        form.fail("day", "date_invalid");
    }
    let end_day = form.date("end_day", &f.end_day);
    if let (Some(start), Some(end)) = (day, end_day) {
        if end < start {
            form.fail("end_day", "end_before_start");
        } else if (end - start).num_days() >= MAX_EVENT_DAYS {
            form.fail("end_day", "event_too_long");
        }
    }
    form.finish()?;
    let (Some(day), Some(kind)) = (day, kind) else {
        return Err(AppError::Invalid(form.errors));
    };
    let id = events::create(
        state.db(),
        &ctx.actor(),
        &events::NewEvent {
            name,
            kind,
            day,
            end_day: end_day.filter(|d| *d > day),
            venue: f.venue.trim(),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct EventQ {
    /// A company file to register (its identity fills the registration form).
    #[serde(default, rename = "inscrire")]
    register: String,
}

pub(super) async fn event_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<EventQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let prefill = registration_prefill(&ctx, &state, &q.register).await?;
    let tables = events::tables(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let params = PitchParams {
        start: e.pitch_start.max(0) as u32,
        slot: e.pitch_minutes.max(1) as u32,
        buffer: e.pitch_buffer.max(0) as u32,
    };
    let views = tables
        .iter()
        .map(|t| table_view(&ctx, t, &regs, &guests, params))
        .collect::<Result<Vec<_>, AppError>>()?;
    let unseated = regs
        .iter()
        .filter(|r| r.table_id.is_none())
        .map(|r| r.company_name.clone())
        .collect();
    let can_manage = ctx.can(Action::ManageEvents);
    let names = Names {
        regs: &regs,
        guests: &guests,
    };
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let requests = events::meeting_requests(state.db(), id).await?;
    let requests = request_rows(&ctx, &names, requests, today);
    let meetings: Vec<events::Meeting> = events::meetings(state.db(), id)
        .await?
        .into_iter()
        .filter(|m| m.occupies())
        .collect();
    let grid_tables: Vec<i32> = (1..=e.meeting_tables.max(1)).collect();
    let grid = meeting_grid(&e, &grid_tables, &meetings, &names);
    Ok(render(
        &views::EventPage {
            prefill,
            ctx,
            e,
            views,
            regs,
            unseated,
            can_manage,
            tables,
            guests,
            requests,
            grid,
            grid_tables,
        },
        StatusCode::OK,
    ))
}

/// The registration form's values when it comes from a company's file (`inscrire=`, for the
/// event's organisers, who must see the file): its name, SIREN and NAF.
async fn registration_prefill(
    ctx: &Ctx,
    state: &AppState,
    company_id: &str,
) -> Result<std::collections::BTreeMap<String, String>, AppError> {
    let mut prefill = std::collections::BTreeMap::new();
    if let Ok(company) = Uuid::parse_str(company_id.trim())
        && ctx.can(Action::ManageEvents)
    {
        let c = tremplin_store::companies::get(state.db(), company).await?;
        crate::http::access::require_company(ctx, state, &c, Action::ViewCompany).await?;
        prefill.insert("company_name".to_string(), c.name.clone());
        prefill.extend(c.siren.clone().map(|s| ("siren".to_string(), s)));
        prefill.extend(c.naf.clone().map(|n| ("naf".to_string(), n)));
    }
    Ok(prefill)
}

/// A round table as shown: its guests and the running order of the companies seated there.
fn table_view(
    ctx: &Ctx,
    t: &events::Table,
    regs: &[events::Registration],
    guests: &[events::Guest],
    params: PitchParams,
) -> Result<views::TableView, AppError> {
    let table_guests = guests
        .iter()
        .filter(|g| g.table_id == Some(t.id))
        .map(|g| {
            format!(
                "{} ({}, {})",
                g.name,
                ctx.tp("guest-role-", g.role),
                country_label(ctx, &g.country)
            )
        })
        .collect();
    Ok(views::TableView {
        id: t.id,
        label: t.label.clone(),
        capacity: t.capacity,
        guests: table_guests,
        pitches: pitch_rows(ctx, t, regs, params)?,
    })
}

/// A country's name in the reader's language (the code itself when unknown).
fn country_label(ctx: &Ctx, c: &str) -> String {
    CountryCode::parse(c)
        .map(|c| country_name(ctx.lang, &c))
        .unwrap_or(c.to_string())
}

/// The running order at a table: companies whose target countries sit at the table first.
fn pitch_rows(
    ctx: &Ctx,
    t: &events::Table,
    regs: &[events::Registration],
    params: PitchParams,
) -> Result<Vec<views::PitchRow>, AppError> {
    let seated: Vec<&events::Registration> =
        regs.iter().filter(|r| r.table_id == Some(t.id)).collect();
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
    Ok(order
        .iter()
        .filter_map(|p| {
            let r = seated.iter().find(|r| r.id.to_string() == p.company)?;
            Some(views::PitchRow {
                start: p.start_hhmm(),
                end: p.end_hhmm(),
                company: r.company_name.clone(),
                reason: seat_reason_text(ctx, r),
                summary: r.pitch_summary.clone(),
            })
        })
        .collect())
}

/// The names of an event's registered companies and guests ("" if unknown).
struct Names<'a> {
    regs: &'a [events::Registration],
    guests: &'a [events::Guest],
}

impl Names<'_> {
    /// A registered company's name.
    fn reg(&self, r: Uuid) -> String {
        self.regs
            .iter()
            .find(|x| x.id == r)
            .map(|x| x.company_name.clone())
            .unwrap_or_default()
    }

    /// A guest's name.
    fn guest(&self, g: Uuid) -> String {
        self.guests
            .iter()
            .find(|x| x.id == g)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    }
}

/// The meeting requests as rows: (id, company, guest, by whom, priority, status as of today).
fn request_rows(
    ctx: &Ctx,
    names: &Names,
    requests: Vec<events::MeetingRequest>,
    today: NaiveDate,
) -> Vec<(Uuid, String, String, String, String, String)> {
    requests
        .into_iter()
        .map(|r| {
            (
                r.id,
                names.reg(r.registration_id),
                names.guest(r.guest_id),
                ctx.tp("by-", r.requested_by),
                ctx.tp("priority-", r.priority),
                r.status_on(today).to_string(),
            )
        })
        .collect()
}

/// The meeting schedule: per slot with a meeting, its time and "company — guest" per table.
fn meeting_grid(
    e: &events::Event,
    grid_tables: &[i32],
    meetings: &[events::Meeting],
    names: &Names,
) -> Vec<(String, Vec<String>)> {
    (0..e.meeting_slots.max(1))
        .filter(|s| meetings.iter().any(|m| m.slot == *s))
        .map(|s| {
            let time = slot_time(e, s);
            let cells = grid_tables
                .iter()
                .map(|t| {
                    meetings
                        .iter()
                        .find(|m| m.slot == s && m.table_no == t - 1)
                        .map(|m| {
                            format!(
                                "{} — {}",
                                names.reg(m.registration_id),
                                names.guest(m.guest_id)
                            )
                        })
                        .unwrap_or_default()
                })
                .collect();
            (time, cells)
        })
        .collect()
}

#[derive(Deserialize)]
pub(super) struct TableForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    capacity: String,
}

pub(super) async fn add_table(
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
pub(super) struct GuestForm {
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
    #[serde(default)]
    sectors: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    unavailable: String,
}

/// NAF sections ("c, J" → "C,J"); `None` if one is not a section letter A–U.
pub(super) fn parse_sectors(s: &str) -> Option<String> {
    let v: Option<Vec<String>> = items(s)
        .map(|t| {
            let t = t.to_ascii_uppercase();
            (t.len() == 1 && ("A"..="U").contains(&t.as_str())).then_some(t)
        })
        .collect();
    v.map(|v| v.join(","))
}

/// ISO 639-1 codes ("FR en" → "fr,en"); `None` if one is not two letters.
pub(super) fn parse_languages(s: &str) -> Option<String> {
    let v: Option<Vec<String>> = items(s)
        .map(|t| {
            let t = t.to_ascii_lowercase();
            (t.len() == 2 && t.chars().all(|c| c.is_ascii_lowercase())).then_some(t)
        })
        .collect();
    v.map(|v| v.join(","))
}

pub(super) async fn add_guest(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<GuestForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let tables = events::tables(state.db(), id).await?;
    let mut errors = FieldErrors::new();
    if f.name.trim().is_empty() {
        errors.insert("name".into(), "required".into());
    }
    let sectors = parse_sectors(&f.sectors);
    if sectors.is_none() {
        errors.insert("sectors".into(), "sectors_invalid".into());
    }
    let languages = parse_languages(&f.languages);
    if languages.is_none() {
        errors.insert("languages".into(), "languages_invalid".into());
    }
    let unavailable = parse_slots(&f.unavailable, e.meeting_slots);
    if unavailable.is_none() {
        errors.insert("unavailable".into(), "slots_invalid".into());
    }
    let role = GuestRole::parse(f.role.trim());
    if role.is_none() {
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
    let (Some(country), Some(role), true) = (country, role, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let g = events::NewGuest {
        name: f.name.trim(),
        role,
        country: country.as_str(),
        organisation: f.organisation.trim(),
        table_id: table,
        sectors: sectors.as_deref().unwrap_or_default(),
        languages: languages.as_deref().unwrap_or_default(),
        unavailable: unavailable.as_deref().unwrap_or_default(),
    };
    events::add_guest(state.db(), &ctx.actor(), id, &g).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#invites")).into_response())
}

/// One table per world region (UN M49) of the guests' countries, each guest seated at the
/// table of its region; tables that already carry the region's name are reused.
pub(super) async fn tables_by_zone(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let refdata = tremplin_domain::refdata::refdata();
    let mut zones: std::collections::BTreeMap<String, Vec<Uuid>> = Default::default();
    for g in &guests {
        let region = refdata
            .country(&g.country)
            .and_then(|c| c.region.as_deref())
            .and_then(|r| refdata.m49_region(r))
            .map(|r| ctx.lang.pick(&r.name_fr, &r.name_en).to_string());
        if let Some(label) = region {
            zones.entry(label).or_default().push(g.id);
        }
    }
    if zones.is_empty() {
        return Err(invalid("tables", "no_guest_country"));
    }
    // Room for every company, evenly, plus a little slack for manual moves.
    let capacity = (regs.len().div_ceil(zones.len()) + 2).max(4) as i32;
    let list: Vec<(String, i32, Vec<Uuid>)> = zones
        .into_iter()
        .map(|(label, gs)| (label, capacity, gs))
        .collect();
    events::tables_by_zone(state.db(), &ctx.actor(), id, &list).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#tables")).into_response())
}
