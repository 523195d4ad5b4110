//! The askama structs of the event pages and documents.

use askama::Template;
use tremplin_domain::events::{Attendance, EventKind, GuestRole, MeetingOutcome};

use super::data::{slot_time, stored_slots, targets_text};
use crate::http::ctx::Ctx;
use crate::http::render::FormState;

#[derive(Template)]
#[template(path = "events/list.html")]
pub struct EventList {
    pub ctx: Ctx,
    pub list: Vec<tremplin_store::events::Event>,
    pub can_manage: bool,
}

pub struct PitchRow {
    pub start: String,
    pub end: String,
    pub company: String,
    pub reason: String,
    pub summary: String,
}

pub struct TableView {
    pub id: uuid::Uuid,
    pub label: String,
    pub capacity: i32,
    pub guests: Vec<String>,
    pub pitches: Vec<PitchRow>,
}

#[derive(Template)]
#[template(path = "events/page.html")]
pub struct EventPage {
    pub ctx: Ctx,
    /// Values of the registration form, when it comes from a company's file.
    pub prefill: std::collections::BTreeMap<String, String>,
    pub guests: Vec<tremplin_store::events::Guest>,
    pub requests: Vec<(uuid::Uuid, String, String, String, String, String)>,
    /// (time, [cell per table])
    pub grid: Vec<(String, Vec<String>)>,
    pub grid_tables: Vec<i32>,
    pub e: tremplin_store::events::Event,
    pub views: Vec<TableView>,
    pub regs: Vec<tremplin_store::events::Registration>,
    pub unseated: Vec<String>,
    pub can_manage: bool,
    pub tables: Vec<tremplin_store::events::Table>,
}

impl EventPage {
    pub fn pre(&self, field: &str) -> String {
        self.prefill.get(field).cloned().unwrap_or_default()
    }

    pub fn targets(&self, r: &tremplin_store::events::Registration) -> String {
        targets_text(self.ctx.lang, &r.targets)
    }

    pub fn hhmm(&self, minutes: &i32) -> String {
        tremplin_matchmaking::hhmm((*minutes).max(0) as u32)
    }

    /// The break slots as the organiser numbers them (1-based).
    pub fn breaks(&self) -> String {
        stored_slots(&self.e.meeting_breaks)
            .iter()
            .map(|s| (s + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The settings are shown open until the event has tables.
    pub fn open_settings(&self) -> bool {
        self.tables.is_empty()
    }

    /// The meeting times a guest is away, as the organiser reads them.
    pub fn away(&self, g: &tremplin_store::events::Guest) -> String {
        stored_slots(&g.unavailable)
            .iter()
            .map(|s| slot_time(&self.e, *s as i32))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "events/schedule.html")]
pub struct ScheduleResult {
    pub ctx: Ctx,
    pub event_id: uuid::Uuid,
    pub meetings: usize,
    pub optimal: bool,
    pub unplaced: Vec<String>,
    /// "value W of at most B possible"
    pub weight_text: String,
}

#[derive(Template)]
#[template(path = "events/agenda.html")]
pub struct AgendaPage {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub name: String,
    pub who: String,
    /// (time, table number, who is met)
    pub rows: Vec<(String, i32, String)>,
}

pub struct Badge {
    pub name: String,
    pub role: String,
    pub company: String,
    /// The QR code of the vCard, as SVG markup generated here (safe to include unescaped).
    pub qr_svg: String,
}

#[derive(Template)]
#[template(path = "events/badges.html")]
pub struct Badges {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub list: Vec<Badge>,
}

#[derive(Template)]
#[template(path = "events/public.html")]
pub struct EventPublic {
    pub ctx: Ctx,
    pub event: tremplin_store::events::Event,
    pub countries: Vec<String>,
    pub form: FormState,
    pub done: bool,
}

pub struct DayMeeting {
    pub id: uuid::Uuid,
    pub time: String,
    pub table: i32,
    pub company: String,
    pub guest: String,
    pub attendance: Attendance,
    pub outcome: Option<MeetingOutcome>,
    pub note: String,
    /// The company has a file the outcome is noted in.
    pub has_file: bool,
}

#[derive(Template)]
#[template(path = "events/day.html")]
pub struct EventDay {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub regs: Vec<tremplin_store::events::Registration>,
    pub guests: Vec<tremplin_store::events::Guest>,
    pub rows: Vec<DayMeeting>,
    /// (1-based slot, time)
    pub slots: Vec<(i32, String)>,
}

impl EventList {
    pub fn kinds(&self) -> Vec<EventKind> {
        EventKind::all().collect()
    }
}

impl EventPage {
    pub fn roles(&self) -> Vec<GuestRole> {
        GuestRole::all().collect()
    }
}

impl EventDay {
    pub fn attendances(&self) -> Vec<Attendance> {
        Attendance::all().collect()
    }
    pub fn outcomes(&self) -> Vec<MeetingOutcome> {
        MeetingOutcome::all().collect()
    }
}

/// (id, title, headers, rows)
pub type StatsTable = (String, String, Vec<String>, Vec<Vec<String>>);

#[derive(Template)]
#[template(path = "events/stats.html")]
pub struct EventStats {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub figures: Vec<(String, String)>,
    pub tables: Vec<StatsTable>,
}

pub struct DoorSheet {
    /// 1-based table number.
    pub table: i32,
    /// (time, company, guest)
    pub rows: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "events/doors.html")]
pub struct DoorSheets {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub sheets: Vec<DoorSheet>,
}

pub struct BookletPage {
    pub time: String,
    pub table: i32,
    pub company: String,
    pub activity: String,
    pub targets: String,
    pub offer: String,
    pub pitch: String,
    pub contact: String,
}

pub struct Booklet {
    pub guest: String,
    pub pages: Vec<BookletPage>,
}

#[derive(Template)]
#[template(path = "events/booklets.html")]
pub struct Booklets {
    pub ctx: Ctx,
    pub e: tremplin_store::events::Event,
    pub books: Vec<Booklet>,
}
