//! What most event pages read and the helpers they share: the event with its registrations,
//! guests and meetings, slots and their times, targets as people read them, and the event as the
//! scheduler's instance.

use crate::http::error::AppError;
use crate::state::AppState;
use tremplin_domain::events::{Attendance, Participant, Priority, RequestStatus};
use tremplin_matchmaking::{self as mm};
use tremplin_store::events;
use uuid::Uuid;

/// An event with its registrations, guests and meetings (what most event pages read).
pub(super) struct EventData {
    pub e: events::Event,
    pub regs: Vec<events::Registration>,
    pub guests: Vec<events::Guest>,
    pub meetings: Vec<events::Meeting>,
}

impl EventData {
    pub(super) async fn load(state: &AppState, id: Uuid) -> Result<Self, AppError> {
        Ok(EventData {
            e: events::get(state.db(), id).await?,
            regs: events::registrations(state.db(), id).await?,
            guests: events::guests(state.db(), id).await?,
            meetings: events::meetings(state.db(), id).await?,
        })
    }
}

pub(super) fn items(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ' ', ';']).filter(|t| !t.is_empty())
}

/// Slots as the organiser numbers them (1 to `slots`) → stored 0-based ("0,3").
pub(super) fn parse_slots(s: &str, slots: i32) -> Option<String> {
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

/// A registration's targets as people read them: country codes, and zones by name.
pub(super) fn targets_text(lang: crate::http::i18n::Lang, targets: &str) -> String {
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
pub(super) fn slot_time(e: &events::Event, slot: i32) -> String {
    mm::hhmm((e.meeting_start + slot * e.meeting_minutes).max(0) as u32)
}

/// A solver meeting (`c:<registration>` with `g:<guest>`, either order) as a stored row.
pub(super) fn meeting_row(m: &mm::Meeting) -> Option<events::MeetingRow> {
    let (registration_id, guest_id) = Participant::pair(m.a.parse().ok()?, m.b.parse().ok()?)?;
    Some(events::MeetingRow {
        registration_id,
        guest_id,
        slot: m.slot as i32,
        table_no: m.table as i32,
        locked: false,
    })
}

/// The 0-based slots stored for a guest.
pub(super) fn stored_slots(s: &str) -> Vec<u32> {
    items(s).filter_map(|t| t.parse().ok()).collect()
}

/// The instance the scheduler sees: companies `c:<id>` and guests `g:<id>` (a guest away at
/// some slots is unavailable then), accepted requests weighted must = 5, asked by both sides =
/// 3, otherwise 1; pairs that already met (held) or missed it (no-show) are not asked again.
pub(super) fn instance(
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
                id: Participant::Company(r.id).to_string(),
                available: all.iter().copied().filter(|s| !away.contains(s)).collect(),
            }
        })
        .collect();
    participants.extend(guests.iter().map(|g| {
        let away = stored_slots(&g.unavailable);
        mm::Participant {
            id: Participant::Guest(g.id).to_string(),
            available: all.iter().copied().filter(|s| !away.contains(s)).collect(),
        }
    }));
    let pairs = weighted_pairs(reqs, locked);
    mm::Instance {
        slots,
        tables: e.meeting_tables.max(1) as u32,
        participants,
        requests: pairs
            .iter()
            .map(|(c, g, w)| mm::Request {
                a: Participant::Company(*c).to_string(),
                b: Participant::Guest(*g).to_string(),
                weight: *w,
            })
            .collect(),
        locked: locked
            .iter()
            .filter(|m| m.locked && m.occupies())
            .map(|m| mm::Locked {
                a: m.company().to_string(),
                b: m.guest().to_string(),
                slot: m.slot.max(0) as u32,
                table: Some(m.table_no.max(0) as u32),
            })
            .collect(),
    }
}

/// Accepted requests not yet met or missed, as (registration, guest, weight: must 5, both 3, 1).
fn weighted_pairs(
    reqs: &[events::MeetingRequest],
    locked: &[events::Meeting],
) -> Vec<(Uuid, Uuid, u32)> {
    let done: Vec<(Uuid, Uuid)> = locked
        .iter()
        .filter(|m| matches!(m.attendance, Attendance::Held | Attendance::NoShow))
        .map(|m| (m.registration_id, m.guest_id))
        .collect();
    let mut pairs: Vec<(Uuid, Uuid, u32)> = Vec::new();
    for r in reqs
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .filter(|r| !done.contains(&(r.registration_id, r.guest_id)))
    {
        let w = if r.priority == Priority::Must { 5 } else { 1 };
        match pairs
            .iter_mut()
            .find(|p| p.0 == r.registration_id && p.1 == r.guest_id)
        {
            Some(p) => p.2 = p.2.max(w).max(3),
            None => pairs.push((r.registration_id, r.guest_id, w)),
        }
    }
    pairs
}

/// A stored meeting as the scheduler sees it.
pub(super) fn scheduled(m: &events::Meeting) -> mm::Meeting {
    mm::Meeting {
        a: m.company().to_string(),
        b: m.guest().to_string(),
        slot: m.slot.max(0) as u32,
        table: m.table_no.max(0) as u32,
    }
}

/// The guests' countries that lie in an M49 zone.
pub(super) fn guest_countries_in(guests: &[events::Guest], zone: &str) -> Vec<String> {
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
