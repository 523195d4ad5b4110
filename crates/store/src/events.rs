//! Events with foreign guests: the event, its round tables, guests, registrations and seats.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
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
    pub role: String,
    pub country: String,
    pub organisation: String,
    pub table_id: Option<Uuid>,
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
    pub table_id: Option<Uuid>,
    pub seat_fixed: bool,
    pub seat_reason: String,
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    name: &str,
    kind: &str,
    day: NaiveDate,
    venue: &str,
) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO events (id, name, kind, day, venue, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id).bind(name).bind(kind).bind(day).bind(venue).bind(now()).execute(&mut *tx).await?;
        audit_tx!(tx, Entry { actor, action: "create", entity_type: "event", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"name": name, "kind": kind, "day": day, "venue": venue})) })?;
        tx.commit().await?;
    });
    Ok(id)
}

pub async fn list(db: &Db) -> Result<Vec<Event>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Event>(
        "SELECT id, name, kind, day, venue, pitch_start, pitch_minutes, pitch_buffer, meeting_start, meeting_minutes, meeting_slots, meeting_tables, created_at FROM events ORDER BY day DESC, name",
    ).fetch_all(p).await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Event> {
    on_db!(db, p => sqlx::query_as::<_, Event>(
        "SELECT id, name, kind, day, venue, pitch_start, pitch_minutes, pitch_buffer, meeting_start, meeting_minutes, meeting_slots, meeting_tables, created_at FROM events WHERE id = $1",
    ).bind(id).fetch_optional(p).await)?.ok_or(StoreError::NotFound)
}

pub async fn tables(db: &Db, event: Uuid) -> Result<Vec<Table>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Table>(
        "SELECT id, label, capacity FROM event_tables WHERE event_id = $1 ORDER BY label, id",
    ).bind(event).fetch_all(p).await)?)
}

pub async fn guests(db: &Db, event: Uuid) -> Result<Vec<Guest>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Guest>(
        "SELECT id, name, role, country, organisation, table_id FROM event_guests WHERE event_id = $1 ORDER BY name, id",
    ).bind(event).fetch_all(p).await)?)
}

pub async fn registrations(db: &Db, event: Uuid) -> Result<Vec<Registration>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Registration>(
        "SELECT id, company_name, targets, pitch_summary, card_name, card_role, card_email, card_phone, card_website, table_id, seat_fixed, seat_reason \
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
    pub role: &'a str,
    pub country: &'a str,
    pub organisation: &'a str,
    pub table_id: Option<Uuid>,
}

pub async fn add_guest(db: &Db, actor: &Actor, event: Uuid, g: &NewGuest<'_>) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_guests (id, event_id, name, role, country, organisation, table_id) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id).bind(event).bind(g.name).bind(g.role).bind(g.country).bind(g.organisation).bind(g.table_id)
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
}

pub async fn register(db: &Db, actor: &Actor, event: Uuid, r: &NewRegistration) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_registrations (id, event_id, company_name, targets, pitch_summary, card_name, card_role, card_email, card_phone, card_website, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(id).bind(event).bind(&r.company_name).bind(&r.targets).bind(&r.pitch_summary).bind(&r.card_name)
            .bind(&r.card_role).bind(&r.card_email).bind(&r.card_phone).bind(&r.card_website).bind(now())
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
    pub requested_by: String,
    pub priority: String,
    pub status: String,
}

pub async fn meeting_requests(db: &Db, event: Uuid) -> Result<Vec<MeetingRequest>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MeetingRequest>(
        "SELECT id, registration_id, guest_id, requested_by, priority, status FROM event_meeting_requests WHERE event_id = $1 ORDER BY created_at, id",
    ).bind(event).fetch_all(p).await)?)
}

/// Records a meeting request; the same request twice is a conflict.
pub async fn request_meeting(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    reg: Uuid,
    guest: Uuid,
    by: &str,
    priority: &str,
) -> Result<Uuid> {
    let id = new_id();
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO event_meeting_requests (id, event_id, registration_id, guest_id, requested_by, priority, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)")
            .bind(id).bind(event).bind(reg).bind(guest).bind(by).bind(priority).bind(now()).execute(&mut *tx).await?;
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

pub async fn answer_request(
    db: &Db,
    actor: &Actor,
    event: Uuid,
    request: Uuid,
    status: &str,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let r = sqlx::query("UPDATE event_meeting_requests SET status = $1 WHERE id = $2 AND event_id = $3")
            .bind(status).bind(request).bind(event).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
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

pub async fn meetings(db: &Db, event: Uuid) -> Result<Vec<MeetingRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MeetingRow>(
        "SELECT registration_id, guest_id, slot, table_no, locked FROM event_meetings WHERE event_id = $1 ORDER BY slot, table_no",
    ).bind(event).fetch_all(p).await)?)
}

/// Replaces the unlocked meetings of an event by a new schedule, in one transaction.
pub async fn save_schedule(db: &Db, actor: &Actor, event: Uuid, rows: &[MeetingRow]) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("DELETE FROM event_meetings WHERE event_id = $1 AND locked = $2").bind(event).bind(false).execute(&mut *tx).await?;
        for m in rows.iter().filter(|m| !m.locked) {
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
