//! Events with foreign guests (first part): the event, round tables, guests, company
//! registrations with their business card; seating computed by the exact solver of
//! `tremplin_matchmaking::seat` (manual moves kept), each seat explained; the pitch running
//! order per table (a printable run sheet); business cards as vCard 4.0.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Datelike, NaiveDate, Timelike};
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
use crate::orientation::country_name;
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements", get(list_page).post(create))
        .route("/evenements/{id}", get(event_page))
        .route("/evenements/{id}/tables", post(add_table))
        .route("/evenements/{id}/reglages", post(save_settings))
        .route("/evenements/{id}/tables-par-zone", post(tables_by_zone))
        .route("/evenements/{id}/invites", post(add_guest))
        .route("/evenements/{id}/inscriptions", post(register))
        .route("/evenements/{id}/placement", post(seat))
        .route(
            "/evenements/{id}/inscriptions/{reg}/deplacer",
            post(move_seat),
        )
        .route("/evenements/{id}/inscriptions/{reg}/carte.vcf", get(vcard))
        .route("/evenements/{id}/demandes-rdv", post(request_meeting))
        .route(
            "/evenements/{id}/demandes-rdv/{req}/{answer}",
            post(answer_request),
        )
        .route("/evenements/{id}/planning", post(schedule))
        .route("/evenements/{id}/agenda/{who}", get(agenda))
        .route("/evenements/{id}/badges", get(badges))
        .route(
            "/evenements/{id}/inscription",
            get(public_page).post(public_register),
        )
}

const KINDS: [&str; 4] = ["ambassadors", "inbound_buyers", "trade_mission", "workshop"];
const ROLES: [&str; 3] = ["ambassador", "buyer", "investor"];

/// An event with its registrations, guests and meetings (what most event pages read).
pub(crate) struct EventData {
    pub e: events::Event,
    pub regs: Vec<events::Registration>,
    pub guests: Vec<events::Guest>,
    pub meetings: Vec<events::Meeting>,
}

impl EventData {
    pub(crate) async fn load(state: &AppState, id: Uuid) -> Result<Self, AppError> {
        Ok(EventData {
            e: events::get(state.db(), id).await?,
            regs: events::registrations(state.db(), id).await?,
            guests: events::guests(state.db(), id).await?,
            meetings: events::meetings(state.db(), id).await?,
        })
    }
}

pub(crate) fn invalid(field: &str, code: &str) -> AppError {
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
    /// Last day, for an event over several days (optional).
    #[serde(default)]
    end_day: String,
    #[serde(default)]
    venue: String,
}

/// Longest event over several days.
const MAX_EVENT_DAYS: i64 = 31;

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
    let end_day = match f.end_day.trim() {
        "" => None,
        d => match (NaiveDate::parse_from_str(d, "%Y-%m-%d"), day) {
            (Ok(end), Some(start)) if end < start => {
                errors.insert("end_day".into(), "end_before_start".into());
                None
            }
            (Ok(end), Some(start)) if (end - start).num_days() >= MAX_EVENT_DAYS => {
                errors.insert("end_day".into(), "event_too_long".into());
                None
            }
            (Ok(end), _) => Some(end),
            (Err(_), _) => {
                errors.insert("end_day".into(), "date_invalid".into());
                None
            }
        },
    };
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let id = events::create(
        state.db(),
        &ctx.actor(),
        &events::NewEvent {
            name: f.name.trim(),
            kind: &f.kind,
            day,
            end_day: end_day.filter(|d| *d > day),
            venue: f.venue.trim(),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}")).into_response())
}

#[derive(Deserialize, Default)]
struct EventQ {
    /// A company file to register (its identity fills the registration form).
    #[serde(default)]
    inscrire: String,
}

async fn event_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<EventQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let mut prefill = std::collections::BTreeMap::new();
    if let Ok(company) = Uuid::parse_str(q.inscrire.trim())
        && ctx.can(Action::ManageEvents)
    {
        let c = tremplin_store::companies::get(state.db(), company).await?;
        crate::companies::require_company(&ctx, &state, &c, Action::ViewCompany).await?;
        prefill.insert("company_name".to_string(), c.name.clone());
        prefill.extend(c.siren.clone().map(|s| ("siren".to_string(), s)));
        prefill.extend(c.naf.clone().map(|n| ("naf".to_string(), n)));
    }
    let tables = events::tables(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let regs = events::registrations(state.db(), id).await?;
    let country_name = |c: &str| {
        CountryCode::parse(c)
            .map(|c| country_name(ctx.lang, &c))
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
    let reg_name = |r: Uuid| {
        regs.iter()
            .find(|x| x.id == r)
            .map(|x| x.company_name.clone())
            .unwrap_or_default()
    };
    let guest_name = |g: Uuid| {
        guests
            .iter()
            .find(|x| x.id == g)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let requests = events::meeting_requests(state.db(), id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.id,
                reg_name(r.registration_id),
                guest_name(r.guest_id),
                ctx.tp("by-", &r.requested_by),
                ctx.tp("priority-", &r.priority),
                r.status_on(today).to_string(),
            )
        })
        .collect();
    let meetings: Vec<events::Meeting> = events::meetings(state.db(), id)
        .await?
        .into_iter()
        .filter(|m| m.occupies())
        .collect();
    let grid_tables: Vec<i32> = (1..=e.meeting_tables.max(1)).collect();
    let grid = (0..e.meeting_slots.max(1))
        .filter(|s| meetings.iter().any(|m| m.slot == *s))
        .map(|s| {
            let time = slot_time(&e, s);
            let cells = grid_tables
                .iter()
                .map(|t| {
                    meetings
                        .iter()
                        .find(|m| m.slot == s && m.table_no == t - 1)
                        .map(|m| {
                            format!(
                                "{} — {}",
                                reg_name(m.registration_id),
                                guest_name(m.guest_id)
                            )
                        })
                        .unwrap_or_default()
                })
                .collect();
            (time, cells)
        })
        .collect();
    Ok(render(
        &tpl::EventPage {
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
    #[serde(default)]
    sectors: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    unavailable: String,
}

fn items(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ' ', ';']).filter(|t| !t.is_empty())
}

/// NAF sections ("c, J" → "C,J"); `None` if one is not a section letter A–U.
fn parse_sectors(s: &str) -> Option<String> {
    let v: Option<Vec<String>> = items(s)
        .map(|t| {
            let t = t.to_ascii_uppercase();
            (t.len() == 1 && ("A"..="U").contains(&t.as_str())).then_some(t)
        })
        .collect();
    v.map(|v| v.join(","))
}

/// ISO 639-1 codes ("FR en" → "fr,en"); `None` if one is not two letters.
fn parse_languages(s: &str) -> Option<String> {
    let v: Option<Vec<String>> = items(s)
        .map(|t| {
            let t = t.to_ascii_lowercase();
            (t.len() == 2 && t.chars().all(|c| c.is_ascii_lowercase())).then_some(t)
        })
        .collect();
    v.map(|v| v.join(","))
}

/// Slots as the organiser numbers them (1 to `slots`) → stored 0-based ("0,3").
fn parse_slots(s: &str, slots: i32) -> Option<String> {
    let v: Option<Vec<String>> = items(s)
        .map(|t| {
            t.parse::<i32>()
                .ok()
                .filter(|n| (1..=slots).contains(n))
                .map(|n| (n - 1).to_string())
        })
        .collect();
    v.map(|v| v.join(","))
}

/// A world zone named as a target: a UN M49 code ("150") or a region's name in French or
/// English ("Europe", "Afrique", "Americas"); its M49 code.
fn zone_code(token: &str) -> Option<String> {
    let refdata = tremplin_domain::refdata::refdata();
    let t = token.trim();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return refdata.m49_region(t).map(|r| r.code.clone());
    }
    let t = t.to_lowercase();
    refdata
        .m49_regions()
        .filter(|r| r.level == tremplin_domain::refdata::M49Level::Region)
        .find(|r| r.name_fr.to_lowercase() == t || r.name_en.to_lowercase() == t)
        .map(|r| r.code.clone())
}

/// A registration's targets as people read them: country codes, and zones by name.
pub(crate) fn targets_text(lang: crate::i18n::Lang, targets: &str) -> String {
    let refdata = tremplin_domain::refdata::refdata();
    targets
        .split(',')
        .filter(|t| !t.is_empty())
        .map(
            |t| match t.strip_prefix("Z:").and_then(|z| refdata.m49_region(z)) {
                Some(r) => lang.pick(&r.name_fr, &r.name_en).to_string(),
                None => t.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// The start time of a meeting slot ("14:20").
pub(crate) fn slot_time(e: &events::Event, slot: i32) -> String {
    mm::hhmm((e.meeting_start + slot * e.meeting_minutes).max(0) as u32)
}

/// A solver meeting (`c:<registration>` with `g:<guest>`, either order) as a stored row.
pub(crate) fn meeting_row(m: &mm::Meeting) -> Option<events::MeetingRow> {
    let parse =
        |s: &str, prefix: &str| s.strip_prefix(prefix).and_then(|x| Uuid::parse_str(x).ok());
    let (c, g) = if m.a.starts_with("c:") {
        (&m.a, &m.b)
    } else {
        (&m.b, &m.a)
    };
    Some(events::MeetingRow {
        registration_id: parse(c, "c:")?,
        guest_id: parse(g, "g:")?,
        slot: m.slot as i32,
        table_no: m.table as i32,
        locked: false,
    })
}

/// The 0-based slots stored for a guest.
pub(crate) fn stored_slots(s: &str) -> Vec<u32> {
    items(s).filter_map(|t| t.parse().ok()).collect()
}

async fn add_guest(
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
        sectors: sectors.as_deref().unwrap_or_default(),
        languages: languages.as_deref().unwrap_or_default(),
        unavailable: unavailable.as_deref().unwrap_or_default(),
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
    #[serde(default)]
    siren: String,
    #[serde(default)]
    naf: String,
    #[serde(default)]
    offer_summary: String,
    /// Meeting slots the company is away (organiser's form), 1-based.
    #[serde(default)]
    unavailable: String,
}

/// Links a registration to the company's file when its SIREN is known (the name and activity
/// then come from the file when the form leaves them out).
async fn link_company(
    state: &AppState,
    f: &RegistrationForm,
    mut r: events::NewRegistration,
) -> Result<events::NewRegistration, AppError> {
    if f.siren.trim().is_empty() {
        return Ok(r);
    }
    let siren =
        tremplin_domain::siren::Siren::parse(&f.siren).map_err(|e| invalid("siren", e.code()))?;
    if let Some(c) = tremplin_store::companies::by_siren(state.db(), siren.as_str()).await? {
        let c = match c.merged_into {
            Some(into) => tremplin_store::companies::get(state.db(), into).await?,
            None => c,
        };
        r.company_id = Some(c.id);
        if r.naf.is_none() {
            r.naf = c.naf.clone();
        }
    }
    Ok(r)
}

async fn register(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let mut r = parse_registration(&f).map_err(AppError::Invalid)?;
    r.unavailable = parse_slots(&f.unavailable, e.meeting_slots)
        .ok_or_else(|| invalid("unavailable", "slots_invalid"))?;
    let r = link_company(&state, &f, r).await?;
    events::register(state.db(), &ctx.actor(), id, &r).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#inscriptions")).into_response())
}

/// Checks a registration form; the errors by field.
fn parse_registration(f: &RegistrationForm) -> Result<events::NewRegistration, FieldErrors> {
    let mut errors = FieldErrors::new();
    if f.company_name.trim().is_empty() {
        errors.insert("company_name".into(), "required".into());
    }
    if f.card_name.trim().is_empty() {
        errors.insert("card_name".into(), "required".into());
    }
    let mut targets = Vec::new();
    for t in f.targets.split([',', ' ', ';']).filter(|t| !t.is_empty()) {
        match (CountryCode::parse(t), zone_code(t)) {
            (Ok(c), _) => targets.push(c.as_str().to_string()),
            (Err(_), Some(z)) => targets.push(format!("Z:{z}")),
            (Err(e), None) => {
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
    let naf = match f.naf.trim() {
        "" => None,
        n => match tremplin_domain::naf::NafCode::parse(n) {
            Ok(c) => Some(c.code().to_string()),
            Err(e) => {
                errors.insert("naf".into(), e.code().into());
                None
            }
        },
    };
    if !f.siren.trim().is_empty()
        && let Err(e) = tremplin_domain::siren::Siren::parse(&f.siren)
    {
        errors.insert("siren".into(), e.code().into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if f.offer_summary.chars().count() > 2000 {
        return Err(FieldErrors::from([(
            "offer_summary".to_string(),
            "too_long".to_string(),
        )]));
    }
    Ok(events::NewRegistration {
        naf,
        company_id: None,
        offer_summary: f.offer_summary.trim().into(),
        unavailable: String::new(),
        company_name: f.company_name.trim().into(),
        targets: targets.join(","),
        pitch_summary: f.pitch_summary.trim().into(),
        card_name: f.card_name.trim().into(),
        card_role: f.card_role.trim().into(),
        card_email: f.card_email.trim().into(),
        card_phone: phone.map(|p| p.as_str().to_string()).unwrap_or_default(),
        card_website: f.card_website.trim().into(),
    })
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
                // A zone stands for the guests' countries in it.
                targets: r
                    .targets
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .flat_map(|t| match t.strip_prefix("Z:") {
                        Some(zone) => guest_countries_in(&guests, zone),
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

/// The vCard 4.0 text of a registration's business card.
fn card_text(r: &events::Registration) -> Result<String, AppError> {
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
    mm::vcard(&card).map_err(|_| invalid("card", "card_invalid"))
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
    let text = card_text(&r)?;
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

#[derive(Deserialize)]
struct MeetingRequestForm {
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

async fn request_meeting(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<MeetingRequestForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let regs = events::registrations(state.db(), id).await?;
    let guests = events::guests(state.db(), id).await?;
    let mut errors = FieldErrors::new();
    let reg = Uuid::parse_str(&f.registration)
        .ok()
        .filter(|r| regs.iter().any(|x| x.id == *r));
    let guest = Uuid::parse_str(&f.guest)
        .ok()
        .filter(|g| guests.iter().any(|x| x.id == *g));
    if reg.is_none() {
        errors.insert("registration".into(), "value_unknown".into());
    }
    if guest.is_none() {
        errors.insert("guest".into(), "value_unknown".into());
    }
    if !["company", "guest"].contains(&f.requested_by.as_str()) {
        errors.insert("requested_by".into(), "value_unknown".into());
    }
    if !["must", "nice"].contains(&f.priority.as_str()) {
        errors.insert("priority".into(), "value_unknown".into());
    }
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let expires_on = match f.expires_on.trim() {
        "" => None,
        d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) if d >= today => Some(d),
            Ok(_) => {
                errors.insert("expires_on".into(), "date_in_past".into());
                None
            }
            Err(_) => {
                errors.insert("expires_on".into(), "date_invalid".into());
                None
            }
        },
    };
    let (Some(reg), Some(guest), true) = (reg, guest, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    match events::request_meeting(
        state.db(),
        &ctx.actor(),
        id,
        &events::NewMeetingRequest {
            registration: reg,
            guest,
            by: &f.requested_by,
            priority: &f.priority,
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

async fn answer_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, req, answer)): Path<(Uuid, Uuid, String)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let status = match answer.as_str() {
        "accepter" => "accepted",
        "refuser" => "declined",
        _ => return Err(AppError::NotFound),
    };
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    events::answer_request(state.db(), &ctx.actor(), id, req, status, today).await?;
    Ok(Redirect::to(&format!("/evenements/{id}#rdv")).into_response())
}

/// The instance the scheduler sees: companies `c:<id>` and guests `g:<id>` (a guest away at
/// some slots is unavailable then), accepted requests weighted must = 5, asked by both sides =
/// 3, otherwise 1; pairs that already met (held) or missed it (no-show) are not asked again.
pub(crate) fn instance(
    e: &events::Event,
    reqs: &[events::MeetingRequest],
    regs: &[events::Registration],
    guests: &[events::Guest],
    locked: &[events::Meeting],
) -> mm::Instance {
    let slots = e.meeting_slots.max(1) as u32;
    // Break slots are no one's.
    let breaks = stored_slots(&e.meeting_breaks);
    let all: Vec<u32> = (0..slots).filter(|s| !breaks.contains(s)).collect();
    let mut participants: Vec<mm::Participant> = regs
        .iter()
        .map(|r| {
            let away = stored_slots(&r.unavailable);
            mm::Participant {
                id: format!("c:{}", r.id),
                available: all.iter().copied().filter(|s| !away.contains(s)).collect(),
            }
        })
        .collect();
    participants.extend(guests.iter().map(|g| {
        let away = stored_slots(&g.unavailable);
        mm::Participant {
            id: format!("g:{}", g.id),
            available: all.iter().copied().filter(|s| !away.contains(s)).collect(),
        }
    }));
    let done: Vec<(Uuid, Uuid)> = locked
        .iter()
        .filter(|m| matches!(m.attendance.as_str(), "held" | "no_show"))
        .map(|m| (m.registration_id, m.guest_id))
        .collect();
    let mut pairs: Vec<(Uuid, Uuid, u32)> = Vec::new();
    for r in reqs
        .iter()
        .filter(|r| r.status == "accepted")
        .filter(|r| !done.contains(&(r.registration_id, r.guest_id)))
    {
        let w = if r.priority == "must" { 5 } else { 1 };
        match pairs
            .iter_mut()
            .find(|p| p.0 == r.registration_id && p.1 == r.guest_id)
        {
            Some(p) => p.2 = p.2.max(w).max(3),
            None => pairs.push((r.registration_id, r.guest_id, w)),
        }
    }
    mm::Instance {
        slots,
        tables: e.meeting_tables.max(1) as u32,
        participants,
        requests: pairs
            .iter()
            .map(|(c, g, w)| mm::Request {
                a: format!("c:{c}"),
                b: format!("g:{g}"),
                weight: *w,
            })
            .collect(),
        locked: locked
            .iter()
            .filter(|m| m.locked && m.occupies())
            .map(|m| mm::Locked {
                a: format!("c:{}", m.registration_id),
                b: format!("g:{}", m.guest_id),
                slot: m.slot.max(0) as u32,
                table: Some(m.table_no.max(0) as u32),
            })
            .collect(),
    }
}

async fn schedule(
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
    // The solver is CPU-bound: off the async runtime, with a bounded time.
    let sol = tokio::task::spawn_blocking(move || {
        mm::auto_solve(
            &problem,
            &mm::Budget::new(std::time::Duration::from_secs(2), 1),
            None,
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let parse =
        |s: &str, prefix: &str| s.strip_prefix(prefix).and_then(|x| Uuid::parse_str(x).ok());
    let rows: Vec<events::MeetingRow> = sol
        .schedule
        .meetings
        .iter()
        .filter_map(meeting_row)
        .collect();
    events::save_schedule(state.db(), &ctx.actor(), id, &rows).await?;
    let name_of = |pid: &str| -> String {
        if let Some(r) = parse(pid, "c:").and_then(|u| regs.iter().find(|r| r.id == u)) {
            r.company_name.clone()
        } else if let Some(g) = parse(pid, "g:").and_then(|u| guests.iter().find(|g| g.id == u)) {
            g.name.clone()
        } else {
            pid.to_string()
        }
    };
    let unplaced = sol
        .unplaced
        .iter()
        .map(|u| {
            format!(
                "{} — {} : {}",
                name_of(&u.a),
                name_of(&u.b),
                ctx.tp("unplaced-", crate::schemes::json_id(&u.reason))
            )
        })
        .collect();
    Ok(render(
        &tpl::ScheduleResult {
            weight_text: ctx.t2("schedule-weight", ("w", sol.weight), ("b", sol.bound)),
            ctx,
            event_id: id,
            meetings: sol.meetings,
            bound_weight: sol.bound,
            weight: sol.weight,
            optimal: sol.optimal,
            unplaced,
        },
        StatusCode::OK,
    ))
}

/// A participant's agenda (`c:<registration>` or `g:<guest>`), HTML or `.ics`.
async fn agenda(
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
    let (name, mine): (String, Vec<&events::Meeting>) = match kind {
        "c" => (
            regs.iter()
                .find(|r| r.id == pid)
                .ok_or(AppError::NotFound)?
                .company_name
                .clone(),
            all.iter()
                .filter(|m| m.registration_id == pid && m.occupies())
                .collect(),
        ),
        "g" => (
            guests
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
    };
    let other = |m: &events::Meeting| -> String {
        if kind == "c" {
            guests
                .iter()
                .find(|g| g.id == m.guest_id)
                .map(|g| format!("{} ({})", g.name, g.country))
                .unwrap_or_default()
        } else {
            regs.iter()
                .find(|r| r.id == m.registration_id)
                .map(|r| r.company_name.clone())
                .unwrap_or_default()
        }
    };
    let at = |slot: i32| (e.meeting_start + slot * e.meeting_minutes).max(0) as u32;
    if ics {
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
                .map(|m| mm::AgendaMeeting {
                    a: format!("c:{}", m.registration_id),
                    b: format!("g:{}", m.guest_id),
                    slot: m.slot.max(0) as u32,
                    start: dt(at(m.slot)),
                    end: dt(at(m.slot) + e.meeting_minutes.max(1) as u32),
                    summary: format!("{} — {}", e.name, other(m)),
                    location: format!("{} {}", ctx.t("agenda-table"), m.table_no + 1),
                    description: String::new(),
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
        return Ok(res);
    }
    let rows = mine
        .iter()
        .map(|m| (mm::hhmm(at(m.slot)), m.table_no + 1, other(m)))
        .collect();
    Ok(render(
        &tpl::AgendaPage {
            ctx,
            event: e,
            name,
            who,
            rows,
        },
        StatusCode::OK,
    ))
}

/// Printable badges: name, company, and the business card as a QR code (the vCard itself) that
/// a guest's phone reads directly.
async fn badges(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let event = events::get(state.db(), id).await?;
    let mut list = Vec::new();
    for r in events::registrations(state.db(), id).await? {
        let text = card_text(&r)?;
        let qr_svg = qrcode::QrCode::new(text.as_bytes())
            .map(|c| {
                c.render::<qrcode::render::svg::Color>()
                    .min_dimensions(160, 160)
                    .build()
            })
            .map(|svg| {
                svg.find("<svg")
                    .map(|i| svg[i..].to_string())
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        list.push(tpl::Badge {
            name: r.card_name,
            role: r.card_role,
            company: r.company_name,
            qr_svg,
        });
    }
    Ok(render(&tpl::Badges { ctx, event, list }, StatusCode::OK))
}

/// The guests' countries that lie in an M49 zone.
fn guest_countries_in(guests: &[events::Guest], zone: &str) -> Vec<String> {
    let refdata = tremplin_domain::refdata::refdata();
    let mut v: Vec<String> = guests
        .iter()
        .filter(|g| refdata.country(&g.country).is_some_and(|c| c.in_m49(zone)))
        .map(|g| g.country.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Countries of the guests (the public page shows no guest names).
fn guest_countries(ctx: &Ctx, guests: &[events::Guest]) -> Vec<String> {
    let mut v: Vec<String> = guests
        .iter()
        .filter_map(|g| CountryCode::parse(&g.country).ok())
        .map(|c| country_name(ctx.lang, &c))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The public page of an event and its registration form (no account needed).
async fn public_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let event = events::get(state.db(), id).await?;
    let countries = guest_countries(&ctx, &events::guests(state.db(), id).await?);
    let form = crate::tpl::FormState::new(ctx.lang);
    Ok(render(
        &tpl::EventPublic {
            ctx,
            event,
            countries,
            form,
            done: false,
        },
        StatusCode::OK,
    ))
}

async fn public_register(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let event = events::get(state.db(), id).await?;
    let countries = guest_countries(&ctx, &events::guests(state.db(), id).await?);
    let mut form = crate::tpl::FormState::new(ctx.lang);
    for (k, v) in [
        ("company_name", &f.company_name),
        ("targets", &f.targets),
        ("pitch_summary", &f.pitch_summary),
        ("card_name", &f.card_name),
        ("card_role", &f.card_role),
        ("card_email", &f.card_email),
        ("card_phone", &f.card_phone),
        ("card_website", &f.card_website),
        ("siren", &f.siren),
        ("naf", &f.naf),
        ("offer_summary", &f.offer_summary),
    ] {
        form.values.insert(k.into(), v.clone());
    }
    match parse_registration(&f) {
        Ok(r) => {
            let r = link_company(&state, &f, r).await?;
            let actor = tremplin_store::audit::Actor {
                id: None,
                label: "public:event".into(),
            };
            events::register(state.db(), &actor, id, &r).await?;
            let form = crate::tpl::FormState::new(ctx.lang);
            Ok(render(
                &tpl::EventPublic {
                    ctx,
                    event,
                    countries,
                    form,
                    done: true,
                },
                StatusCode::OK,
            ))
        }
        Err(errors) => {
            form.errors = errors;
            Ok(render(
                &tpl::EventPublic {
                    ctx,
                    event,
                    countries,
                    form,
                    done: false,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

#[derive(Deserialize)]
struct SettingsForm {
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
fn parse_hhmm(s: &str) -> Option<i32> {
    let (h, m) = s.trim().split_once([':', 'h', 'H'])?;
    let (h, m): (i32, i32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// The sessions of the event: pitch start, length and buffer; meeting start, slot length,
/// number of slots and tables, break slots. Every field is checked; a session running past
/// midnight is refused.
async fn save_settings(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageEvents, Resource::Global)?;
    let e = events::get(state.db(), id).await?;
    let mut errors = FieldErrors::new();
    // A session's day lies within the event's days.
    let mut session_day = |field: &str, v: &str| -> Option<NaiveDate> {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if d >= e.day && d <= e.last_day() => Some(d),
            Ok(_) => {
                errors.insert(field.into(), "day_outside_event".into());
                None
            }
            Err(_) => {
                errors.insert(field.into(), "date_invalid".into());
                None
            }
        }
    };
    let pitch_day = session_day("pitch_day", &f.pitch_day);
    let meeting_day = session_day("meeting_day", &f.meeting_day);
    let mut time = |field: &str, v: &str| {
        parse_hhmm(v).or_else(|| {
            errors.insert(field.into(), "time_invalid".into());
            None
        })
    };
    let pitch_start = time("pitch_start", &f.pitch_start);
    let meeting_start = time("meeting_start", &f.meeting_start);
    let mut number = |field: &str, v: &str, range: std::ops::RangeInclusive<i32>| {
        v.trim()
            .parse::<i32>()
            .ok()
            .filter(|n| range.contains(n))
            .or_else(|| {
                errors.insert(field.into(), format!("{field}_invalid"));
                None
            })
    };
    let pitch_minutes = number("pitch_minutes", &f.pitch_minutes, 1..=60);
    let pitch_buffer = number("pitch_buffer", &f.pitch_buffer, 0..=30);
    let meeting_minutes = number("meeting_minutes", &f.meeting_minutes, 5..=120);
    let meeting_slots = number("meeting_slots", &f.meeting_slots, 1..=96);
    let meeting_tables = number("meeting_tables", &f.meeting_tables, 1..=2000);
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
        return Err(AppError::Invalid(errors));
    };
    events::update_settings(
        state.db(),
        &ctx.actor(),
        id,
        &events::Settings {
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
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/evenements/{id}#reglages")).into_response())
}

/// One table per world region (UN M49) of the guests' countries, each guest seated at the
/// table of its region; tables that already carry the region's name are reused.
async fn tables_by_zone(
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
