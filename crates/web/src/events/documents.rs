//! Printed documents of an event (a door sheet per table, a booklet per guest) and the
//! scheduler's JSON formats: the event as a matchmaking instance, its schedule, and a schedule
//! imported back (solved offline with `tremplin matchmaking solve`), checked before it is saved.

use super::registrations::card_text;
use crate::http::error::AppError;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::events;
use uuid::Uuid;

use super::data::EventData;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::render::render;
use crate::state::AppState;

/// For each meeting table, the meetings held there slot by slot (to pin on its door).
pub(super) async fn door_sheets(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let EventData {
        e,
        regs,
        guests,
        meetings,
    } = EventData::load(&state, id).await?;
    let mut sheets: Vec<views::DoorSheet> = Vec::new();
    for t in 0..e.meeting_tables.max(1) {
        let rows: Vec<(String, String, String)> = meetings
            .iter()
            .filter(|m| m.table_no == t && m.occupies())
            .map(|m| {
                (
                    super::data::slot_time(&e, m.slot),
                    regs.iter()
                        .find(|r| r.id == m.registration_id)
                        .map(|r| r.company_name.clone())
                        .unwrap_or_default(),
                    guests
                        .iter()
                        .find(|g| g.id == m.guest_id)
                        .map(|g| format!("{} ({})", g.name, g.country))
                        .unwrap_or_default(),
                )
            })
            .collect();
        if !rows.is_empty() {
            sheets.push(views::DoorSheet { table: t + 1, rows });
        }
    }
    Ok(render(
        &views::DoorSheets { ctx, e, sheets },
        StatusCode::OK,
    ))
}

/// For each guest, the companies they will meet, in order, with pitch summary and card.
pub(super) async fn booklets(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let EventData {
        e,
        regs,
        guests,
        meetings,
    } = EventData::load(&state, id).await?;
    let books = guests
        .iter()
        .map(|g| views::Booklet {
            guest: format!("{} — {} ({})", g.name, g.organisation, g.country),
            pages: meetings
                .iter()
                .filter(|m| m.guest_id == g.id && m.occupies())
                .filter_map(|m| {
                    let r = regs.iter().find(|r| r.id == m.registration_id)?;
                    Some(views::BookletPage {
                        time: super::data::slot_time(&e, m.slot),
                        table: m.table_no + 1,
                        company: r.company_name.clone(),
                        activity: r.naf.clone().unwrap_or_default(),
                        targets: super::data::targets_text(ctx.lang, &r.targets),
                        offer: r.offer_summary.clone(),
                        pitch: r.pitch_summary.clone(),
                        contact: [&r.card_name, &r.card_role, &r.card_email, &r.card_phone]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>()
                            .join(" · "),
                    })
                })
                .collect(),
        })
        .collect();
    Ok(render(&views::Booklets { ctx, e, books }, StatusCode::OK))
}

/// Printable badges: name, company, and the business card as a QR code (the vCard itself) that
/// a guest's phone reads directly.
pub(super) async fn badges(
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
        list.push(views::Badge {
            name: r.card_name,
            role: r.card_role,
            company: r.company_name,
            qr_svg,
        });
    }
    Ok(render(&views::Badges { ctx, event, list }, StatusCode::OK))
}
