//! Events with foreign guests: the event, its round tables, guests, registrations and seats.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tremplin_domain::events::{
    Attendance, EventKind, GuestRole, MeetingOutcome, Participant, Priority, RequestStatus,
    RequestedBy,
};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    pub day: NaiveDate,
    pub venue: String,
    pub pitch_start: i32,
    pub pitch_minutes: i32,
    pub pitch_buffer: i32,
    pub meeting_start: i32,
    pub meeting_minutes: i32,
    pub meeting_slots: i32,
    pub meeting_tables: i32,
    pub created_at: DateTime<Utc>,
    /// 0-based meeting slots that are breaks, comma-separated.
    pub meeting_breaks: String,
    /// The last day of an event over several days.
    pub end_day: Option<NaiveDate>,
    /// The day of the pitches and of the one-to-one meetings (default: the first day).
    pub pitch_day: Option<NaiveDate>,
    pub meeting_day: Option<NaiveDate>,
}

impl Event {
    pub fn last_day(&self) -> NaiveDate {
        self.end_day.unwrap_or(self.day).max(self.day)
    }
    pub fn pitches_on(&self) -> NaiveDate {
        self.pitch_day.unwrap_or(self.day)
    }
    pub fn meetings_on(&self) -> NaiveDate {
        self.meeting_day.unwrap_or(self.day)
    }
    /// "2026-12-10", or "2026-12-10 → 2026-12-12" over several days.
    pub fn dates(&self) -> String {
        match self.end_day.filter(|d| *d > self.day) {
            Some(end) => format!("{} → {end}", self.day),
            None => self.day.to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Table {
    pub id: Uuid,
    pub label: String,
    pub capacity: i32,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Guest {
    pub id: Uuid,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub role: GuestRole,
    pub country: String,
    pub organisation: String,
    pub table_id: Option<Uuid>,
    /// NAF sections of interest, comma-separated ("C,J").
    pub sectors: String,
    /// ISO 639-1 languages, comma-separated ("fr,en").
    pub languages: String,
    /// Meeting slots (0-based) the guest is away, comma-separated.
    pub unavailable: String,
    pub checked_in_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Registration {
    pub id: Uuid,
    pub company_name: String,
    pub targets: String,
    pub pitch_summary: String,
    pub card_name: String,
    pub card_role: String,
    pub card_email: String,
    pub card_phone: String,
    pub card_website: String,
    pub offer_summary: String,
    pub table_id: Option<Uuid>,
    pub seat_fixed: bool,
    pub seat_reason: String,
    /// The company's file, when the registration was made from it or its SIREN matched.
    pub company_id: Option<Uuid>,
    pub naf: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Meeting slots (0-based) the company is away, comma-separated.
    pub unavailable: String,
}

/// A new event: name, kind, first day, last day (over several days), venue.
#[derive(Debug, Clone, Serialize)]
pub struct NewEvent<'a> {
    pub name: &'a str,
    pub kind: EventKind,
    pub day: NaiveDate,
    pub end_day: Option<NaiveDate>,
    pub venue: &'a str,
}

pub async fn create(db: &Db, actor: &Actor, e: &NewEvent<'_>) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO events (id, name, kind, day, venue, created_at, end_day) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id).bind(e.name).bind(e.kind.as_str()).bind(e.day).bind(e.venue).bind(now()).bind(e.end_day).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "event", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!(e)) })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// The sessions of an event: pitches (start in minutes after midnight, length, buffer) and
/// one-to-one meetings (start, length, slots, tables, break slots).
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub pitch_start: i32,
    pub pitch_minutes: i32,
    pub pitch_buffer: i32,
    pub meeting_start: i32,
    pub meeting_minutes: i32,
    pub meeting_slots: i32,
    pub meeting_tables: i32,
    pub meeting_breaks: String,
    pub pitch_day: Option<NaiveDate>,
    pub meeting_day: Option<NaiveDate>,
}

/// Changes the sessions; refused while a meeting still to happen sits beyond the new slots or
/// tables (re-plan first).
pub async fn update_settings(db: &Db, actor: &Actor, event: Uuid, s: &Settings) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let outside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_meetings WHERE event_id = $1 AND attendance IN ('scheduled', 'held') AND (slot >= $2 OR table_no >= $3)")
            .bind(event).bind(s.meeting_slots).bind(s.meeting_tables).fetch_one(&mut *tx).await?;
        if outside > 0 {
            return Err(StoreError::Conflict("event_settings_meetings_outside"));
        }
        let r = sqlx::query("UPDATE events SET pitch_start = $1, pitch_minutes = $2, pitch_buffer = $3, meeting_start = $4, meeting_minutes = $5, \
                             meeting_slots = $6, meeting_tables = $7, meeting_breaks = $8, pitch_day = $9, meeting_day = $10 WHERE id = $11")
            .bind(s.pitch_start).bind(s.pitch_minutes).bind(s.pitch_buffer).bind(s.meeting_start).bind(s.meeting_minutes)
            .bind(s.meeting_slots).bind(s.meeting_tables).bind(&s.meeting_breaks).bind(s.pitch_day).bind(s.meeting_day).bind(event)
            .execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        audit_tx!(tx, Entry { actor, action: "event_settings", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!(s)) })?;
        tx.commit().await?;
        Ok(())
    })
}

/// Creates the tables named (or reuses one with the same label) and seats the guests given at
/// each, in one transaction: (label, capacity, guests).
pub async fn tables_by_zone(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    zones: &[(String, i32, Vec<Uuid>)],
) -> Result<usize> {
    let existing = tables(db, event).await?;
    let mut created = 0;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (label, capacity, guests) in zones {
            let id = match existing.iter().find(|t| t.label == *label) {
                Some(t) => t.id,
                None => {
                    let id = new_id();
                    sqlx::query("INSERT INTO event_tables (id, event_id, label, capacity) VALUES ($1, $2, $3, $4)")
                        .bind(id).bind(event).bind(label).bind(capacity).execute(&mut *tx).await?;
                    created += 1;
                    id
                }
            };
            for g in guests {
                sqlx::query("UPDATE event_guests SET table_id = $1 WHERE id = $2 AND event_id = $3")
                    .bind(id).bind(g).bind(event).execute(&mut *tx).await?;
            }
        }
        audit_tx!(tx, Entry { actor, action: "tables_by_zone", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"zones": zones.iter().map(|z| &z.0).collect::<Vec<_>>(), "created": created})) })?;
        tx.commit().await?;
    });
    Ok(created)
}

pub async fn list(db: &Db) -> Result<Vec<Event>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Event>(
        "SELECT id, name, kind, day, venue, pitch_start, pitch_minutes, pitch_buffer, meeting_start, meeting_minutes, meeting_slots, meeting_tables, created_at, meeting_breaks, end_day, pitch_day, meeting_day FROM events ORDER BY day DESC, name",
    ).fetch_all(p).await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Event> {
    on_db!(db, p => sqlx::query_as::<_, Event>(
        "SELECT id, name, kind, day, venue, pitch_start, pitch_minutes, pitch_buffer, meeting_start, meeting_minutes, meeting_slots, meeting_tables, created_at, meeting_breaks, end_day, pitch_day, meeting_day FROM events WHERE id = $1",
    ).bind(id).fetch_optional(p).await)?.ok_or(StoreError::NotFound)
}

pub async fn tables(db: &Db, event: Uuid) -> Result<Vec<Table>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Table>(
        "SELECT id, label, capacity FROM event_tables WHERE event_id = $1 ORDER BY label, id",
    ).bind(event).fetch_all(p).await)?)
}

pub async fn guests(db: &Db, event: Uuid) -> Result<Vec<Guest>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Guest>(
        "SELECT id, name, role, country, organisation, table_id, sectors, languages, unavailable, checked_in_at FROM event_guests WHERE event_id = $1 ORDER BY name, id",
    ).bind(event).fetch_all(p).await)?)
}

pub async fn registrations(db: &Db, event: Uuid) -> Result<Vec<Registration>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Registration>(
        "SELECT id, company_name, targets, pitch_summary, card_name, card_role, card_email, card_phone, card_website, offer_summary, table_id, seat_fixed, seat_reason, company_id, naf, checked_in_at, unavailable \
         FROM event_registrations WHERE event_id = $1 ORDER BY company_name, id",
    ).bind(event).fetch_all(p).await)?)
}

pub async fn add_table(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    label: &str,
    capacity: i32,
) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_tables (id, event_id, label, capacity) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(event).bind(label).bind(capacity).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "add_table", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"table": id, "label": label, "capacity": capacity})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub struct NewGuest<'a> {
    pub name: &'a str,
    pub role: GuestRole,
    pub country: &'a str,
    pub organisation: &'a str,
    pub table_id: Option<Uuid>,
    pub sectors: &'a str,
    pub languages: &'a str,
    pub unavailable: &'a str,
}

pub async fn add_guest(db: &Db, actor: &Actor, event: Uuid, g: &NewGuest<'_>) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_guests (id, event_id, name, role, country, organisation, table_id, sectors, languages, unavailable) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id).bind(event).bind(g.name).bind(g.role.as_str()).bind(g.country).bind(g.organisation).bind(g.table_id)
            .bind(g.sectors).bind(g.languages).bind(g.unavailable)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "add_guest", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"guest": id, "role": g.role, "country": g.country})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

#[derive(Debug, Clone, Default)]
pub struct NewRegistration {
    pub company_name: String,
    pub targets: String,
    pub pitch_summary: String,
    pub card_name: String,
    pub card_role: String,
    pub card_email: String,
    pub card_phone: String,
    pub card_website: String,
    pub company_id: Option<Uuid>,
    pub naf: Option<String>,
    pub offer_summary: String,
    /// Meeting slots (0-based) the company is away, comma-separated.
    pub unavailable: String,
}

pub async fn register(db: &Db, actor: &Actor, event: Uuid, r: &NewRegistration) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_registrations (id, event_id, company_name, targets, pitch_summary, card_name, card_role, card_email, card_phone, card_website, created_at, company_id, naf, offer_summary, unavailable) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
            .bind(id).bind(event).bind(&r.company_name).bind(&r.targets).bind(&r.pitch_summary).bind(&r.card_name)
            .bind(&r.card_role).bind(&r.card_email).bind(&r.card_phone).bind(&r.card_website).bind(now())
            .bind(r.company_id).bind(&r.naf).bind(&r.offer_summary).bind(&r.unavailable)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "register", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"registration": id, "company": r.company_name, "targets": r.targets})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// Stores a seating: (registration, table, reason); fixed seats are left as they are.
pub async fn save_seats(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    seats: &[(Uuid, Option<Uuid>, String)],
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (reg, table, reason) in seats {
            sqlx::query("UPDATE event_registrations SET table_id = $1, seat_reason = $2 WHERE id = $3 AND event_id = $4 AND seat_fixed = $5")
                .bind(table).bind(reason).bind(reg).bind(event).bind(false).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "seat", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"seats": seats.len()})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// A manual move: the company sits at this table, and re-running the seating keeps it there.
pub async fn fix_seat(db: &Db, actor: &Actor, event: Uuid, reg: Uuid, table: Uuid) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE event_registrations SET table_id = $1, seat_fixed = $2 WHERE id = $3 AND event_id = $4")
            .bind(table).bind(true).bind(reg).bind(event).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        audit_tx!(tx, Entry { actor, action: "move_seat", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"registration": reg, "table": table})) })?;
        tx.commit().await?;
        Ok(())
    })
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MeetingRequest {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub guest_id: Uuid,
    #[sqlx(try_from = "String")]
    pub requested_by: RequestedBy,
    #[sqlx(try_from = "String")]
    pub priority: Priority,
    #[sqlx(try_from = "String")]
    pub status: RequestStatus,
    /// A pending request past this day is expired (it can no longer be accepted).
    pub expires_on: Option<NaiveDate>,
}

impl MeetingRequest {
    /// The status as of `today`: `expired` for a pending request past its expiry day.
    pub fn status_on(&self, today: NaiveDate) -> RequestStatus {
        match self.expires_on {
            Some(d) if self.status == RequestStatus::Pending && d < today => RequestStatus::Expired,
            _ => self.status,
        }
    }
}

pub async fn meeting_requests(db: &Db, event: Uuid) -> Result<Vec<MeetingRequest>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MeetingRequest>(
        "SELECT id, registration_id, guest_id, requested_by, priority, status, expires_on FROM event_meeting_requests WHERE event_id = $1 ORDER BY created_at, id",
    ).bind(event).fetch_all(p).await)?)
}

/// A meeting request between a registered company and a guest.
#[derive(Debug, Clone)]
pub struct NewMeetingRequest {
    pub registration: Uuid,
    pub guest: Uuid,
    pub by: RequestedBy,
    pub priority: Priority,
    pub expires_on: Option<NaiveDate>,
}

/// Records a meeting request; the same request twice is a conflict.
pub async fn request_meeting(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    q: &NewMeetingRequest,
) -> Result<Uuid> {
    let id = new_id();
    let (reg, guest, by, priority, expires_on) =
        (q.registration, q.guest, q.by, q.priority, q.expires_on);
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_meeting_requests (id, event_id, registration_id, guest_id, requested_by, priority, status, created_at, expires_on) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)")
            .bind(id).bind(event).bind(reg).bind(guest).bind(by.as_str()).bind(priority.as_str()).bind(now()).bind(expires_on).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "request_meeting", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"request": id, "registration": reg, "guest": guest, "by": by, "priority": priority})) })?;
        tx.commit().await?;
        Ok(())
    }.await);
    match res {
        Err(e) if e.is_unique_violation() => Err(StoreError::Conflict("meeting_request_duplicate")),
        Err(e) => Err(e),
        Ok(()) => Ok(id),
    }
}

/// Accepts or declines a request; a pending request past its expiry day is a conflict.
pub async fn answer_request(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    request: Uuid,
    status: RequestStatus,
    today: NaiveDate,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let row: Option<(String, Option<NaiveDate>)> = sqlx::query_as("SELECT status, expires_on FROM event_meeting_requests WHERE id = $1 AND event_id = $2")
            .bind(request).bind(event).fetch_optional(&mut *tx).await?;
        match row {
            None => return Err(StoreError::NotFound),
            Some((s, Some(d))) if s == "pending" && d < today => return Err(StoreError::Conflict("meeting_request_expired")),
            Some(_) => {}
        }
        sqlx::query("UPDATE event_meeting_requests SET status = $1 WHERE id = $2 AND event_id = $3")
            .bind(status.as_str()).bind(request).bind(event).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "answer_meeting_request", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"request": request, "status": status})) })?;
        tx.commit().await?;
        Ok(())
    })
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MeetingRow {
    pub registration_id: Uuid,
    pub guest_id: Uuid,
    pub slot: i32,
    pub table_no: i32,
    pub locked: bool,
}

/// A scheduled meeting with what happened on the day.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Meeting {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub guest_id: Uuid,
    pub slot: i32,
    pub table_no: i32,
    pub locked: bool,
    #[sqlx(try_from = "String")]
    pub attendance: Attendance,
    /// Once held (the stored form of a [`MeetingOutcome`]; see [`Meeting::outcome`]).
    pub outcome_code: Option<String>,
    pub outcome_note: Option<String>,
}

impl Meeting {
    /// Whether it occupies its table and its two participants (not cancelled, not a no-show).
    pub fn occupies(&self) -> bool {
        self.attendance.occupies()
    }

    /// What the held meeting led to (an option of an enum cannot be decoded by sqlx's
    /// `try_from`, so the column is read as text).
    pub fn outcome(&self) -> Option<MeetingOutcome> {
        self.outcome_code.as_deref().and_then(MeetingOutcome::parse)
    }

    /// The company's side, as the scheduler names it.
    pub fn company(&self) -> Participant {
        Participant::Company(self.registration_id)
    }

    /// The guest's side.
    pub fn guest(&self) -> Participant {
        Participant::Guest(self.guest_id)
    }
}

pub async fn meetings(db: &Db, event: Uuid) -> Result<Vec<Meeting>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Meeting>(
        "SELECT id, registration_id, guest_id, slot, table_no, locked, attendance, outcome AS outcome_code, outcome_note FROM event_meetings WHERE event_id = $1 ORDER BY slot, table_no",
    ).bind(event).fetch_all(p).await)?)
}

/// Replaces the unlocked meetings still to come (not held, not marked) by a new schedule, in
/// one transaction.
pub async fn save_schedule(db: &Db, actor: &Actor, event: Uuid, rows: &[MeetingRow]) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("DELETE FROM event_meetings WHERE event_id = $1 AND locked = $2 AND attendance = 'scheduled'").bind(event).bind(false).execute(&mut *tx).await?;
        // What stays (locked, held, marked) is not inserted again: a solver's schedule also
        // lists the locked meetings it kept.
        let kept: Vec<(Uuid, Uuid)> = sqlx::query_as("SELECT registration_id, guest_id FROM event_meetings WHERE event_id = $1 AND attendance IN ('scheduled', 'held')")
            .bind(event).fetch_all(&mut *tx).await?;
        for m in rows.iter().filter(|m| !m.locked && !kept.contains(&(m.registration_id, m.guest_id))) {
            sqlx::query("INSERT INTO event_meetings (id, event_id, registration_id, guest_id, slot, table_no, locked) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(event).bind(m.registration_id).bind(m.guest_id).bind(m.slot).bind(m.table_no).bind(false)
                .execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "schedule_meetings", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"meetings": rows.len()})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// A day-of repair: the freed meetings are marked cancelled (kept for the statistics), the new
/// ones added, in one transaction.
pub async fn apply_reschedule(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    freed: &[(Uuid, Uuid, i32)],
    added: &[MeetingRow],
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (reg, guest, slot) in freed {
            sqlx::query("UPDATE event_meetings SET attendance = 'cancelled' WHERE event_id = $1 AND registration_id = $2 AND guest_id = $3 AND slot = $4 AND attendance = 'scheduled'")
                .bind(event).bind(reg).bind(guest).bind(slot).execute(&mut *tx).await?;
        }
        for m in added {
            sqlx::query("INSERT INTO event_meetings (id, event_id, registration_id, guest_id, slot, table_no, locked) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(event).bind(m.registration_id).bind(m.guest_id).bind(m.slot).bind(m.table_no).bind(false)
                .execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "reschedule_meetings", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"freed": freed.len(), "added": added.len()})) })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Records attendance (and, for a held meeting, its outcome). A held meeting's outcome in a
/// company with a file becomes a note on that file ("event" interaction, visible to the Team)
/// in the same transaction.
pub async fn record_attendance(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    meeting: Uuid,
    a: &MeetingRecord<'_>,
) -> Result<()> {
    let t = now();
    let (attendance, outcome, note, follow_up) = (a.attendance, a.outcome, a.note, &a.follow_up);
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE event_meetings SET attendance = $1, outcome = $2, outcome_note = $3 WHERE id = $4 AND event_id = $5")
            .bind(attendance.as_str()).bind(outcome.map(MeetingOutcome::as_str)).bind(note).bind(meeting).bind(event).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        if let Some(f) = follow_up {
            sqlx::query("INSERT INTO interactions (id, company_id, organisation_id, author_id, kind, occurred_on, note, visibility, created_at) \
                         VALUES ($1, $2, $3, $4, 'event', $5, $6, 'team', $7)")
                .bind(new_id()).bind(f.company_id).bind(f.organisation_id).bind(actor.id).bind(f.on).bind(f.note).bind(t)
                .execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry { actor, action: "record_attendance", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"meeting": meeting, "attendance": attendance, "outcome": outcome, "follow_up": follow_up.is_some()})) })?;
        tx.commit().await?;
        Ok(())
    })
}

/// What happened to a meeting.
#[derive(Debug, Clone)]
pub struct MeetingRecord<'a> {
    /// `scheduled`, `held`, `no_show` or `cancelled`.
    pub attendance: Attendance,
    pub outcome: Option<MeetingOutcome>,
    pub note: Option<&'a str>,
    pub follow_up: Option<FollowUpNote<'a>>,
}

/// The note an outcome leaves in the company's file.
#[derive(Debug, Clone)]
pub struct FollowUpNote<'a> {
    pub company_id: Uuid,
    pub organisation_id: Uuid,
    pub on: NaiveDate,
    pub note: &'a str,
}

/// Checks a company or a guest in (or out, with `false`).
pub async fn check_in(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    who: CheckIn,
    present: bool,
) -> Result<()> {
    let at = present.then(now);
    let (table, id) = match who {
        CheckIn::Registration(id) => ("event_registrations", id),
        CheckIn::Guest(id) => ("event_guests", id),
    };
    let sql = format!("UPDATE {table} SET checked_in_at = $1 WHERE id = $2 AND event_id = $3");
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query(&sql).bind(at).bind(id).bind(event).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        audit_tx!(tx, Entry { actor, action: "check_in", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"table": table, "id": id, "present": present})) })?;
        tx.commit().await?;
        Ok(())
    })
}

#[derive(Debug, Clone, Copy)]
pub enum CheckIn {
    Registration(Uuid),
    Guest(Uuid),
}

/// An event's scheduler instance brought back into the event (see `web::event_docs`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedInstance {
    /// (guest, away slots) and (registration, away slots), 0-based, comma-separated.
    pub guests_away: Vec<(Uuid, String)>,
    pub registrations_away: Vec<(Uuid, String)>,
    /// (registration, guest, priority) of the requests to hold accepted.
    pub accepted: Vec<(Uuid, Uuid, Priority)>,
    /// (registration, guest, slot, table) of the meetings to lock.
    pub locked: Vec<(Uuid, Uuid, i32, i32)>,
}

/// Applies an imported instance in one transaction: availability, the accepted requests (an
/// accepted pair missing from the instance goes back to pending), and the locked meetings
/// (other meetings are unlocked).
pub async fn apply_instance(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    i: &ImportedInstance,
) -> Result<()> {
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for (g, away) in &i.guests_away {
            sqlx::query("UPDATE event_guests SET unavailable = $1 WHERE id = $2 AND event_id = $3")
                .bind(away).bind(g).bind(event).execute(&mut *tx).await?;
        }
        for (r, away) in &i.registrations_away {
            sqlx::query("UPDATE event_registrations SET unavailable = $1 WHERE id = $2 AND event_id = $3")
                .bind(away).bind(r).bind(event).execute(&mut *tx).await?;
        }
        let existing: Vec<(Uuid, Uuid, Uuid, String)> = sqlx::query_as(
            "SELECT id, registration_id, guest_id, status FROM event_meeting_requests WHERE event_id = $1")
            .bind(event).fetch_all(&mut *tx).await?;
        for (id, r, g, status) in &existing {
            if status == "accepted" && !i.accepted.iter().any(|(ar, ag, _)| ar == r && ag == g) {
                sqlx::query("UPDATE event_meeting_requests SET status = 'pending' WHERE id = $1").bind(id).execute(&mut *tx).await?;
            }
        }
        for (r, g, priority) in &i.accepted {
            match existing.iter().find(|(_, er, eg, _)| er == r && eg == g) {
                Some((id, ..)) => {
                    sqlx::query("UPDATE event_meeting_requests SET status = 'accepted', priority = $1 WHERE id = $2")
                        .bind(priority.as_str()).bind(id).execute(&mut *tx).await?;
                }
                None => {
                    sqlx::query("INSERT INTO event_meeting_requests (id, event_id, registration_id, guest_id, requested_by, priority, status, created_at) \
                                 VALUES ($1, $2, $3, $4, 'company', $5, 'accepted', $6)")
                        .bind(new_id()).bind(event).bind(r).bind(g).bind(priority.as_str()).bind(t).execute(&mut *tx).await?;
                }
            }
        }
        sqlx::query("UPDATE event_meetings SET locked = $1 WHERE event_id = $2").bind(false).bind(event).execute(&mut *tx).await?;
        for (r, g, slot, table) in &i.locked {
            let moved = sqlx::query("UPDATE event_meetings SET slot = $1, table_no = $2, locked = $3 WHERE event_id = $4 AND registration_id = $5 AND guest_id = $6 AND attendance = 'scheduled'")
                .bind(slot).bind(table).bind(true).bind(event).bind(r).bind(g).execute(&mut *tx).await?;
            if moved.rows_affected() == 0 {
                sqlx::query("INSERT INTO event_meetings (id, event_id, registration_id, guest_id, slot, table_no, locked) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(new_id()).bind(event).bind(r).bind(g).bind(slot).bind(table).bind(true).execute(&mut *tx).await?;
            }
        }
        audit_tx!(tx, Entry { actor, action: "import_instance", entity_type: "event", entity_id: event.to_string(), before: None,
            after: Some(serde_json::json!({"accepted": i.accepted.len(), "locked": i.locked.len()})) })?;
        tx.commit().await?;
    });
    Ok(())
}
