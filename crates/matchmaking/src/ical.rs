//! iCalendar (RFC 5545) export of one participant's agenda, so every meeting lands
//! in their phone calendar at the right local time.
//!
//! Times are local Paris wall-clock times (`TZID=Europe/Paris`) with an embedded
//! `VTIMEZONE` (CET/CEST, EU rules since 1996), so readers without a tz database
//! still convert correctly. UIDs are derived from event id, the (unordered) pair and
//! the slot: re-exporting the agenda updates events instead of duplicating them,
//! and both participants' calendars share the meeting's UID. `DTSTAMP` is an input
//! so that output is reproducible.

use crate::text::{escape_text, fold_line};
use serde::{Deserialize, Serialize};

/// `PRODID` of generated calendars.
pub const PRODID: &str = "-//Tremplin//Matchmaking//EN";

/// A calendar date and wall-clock time (no time zone by itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateTime {
    /// Year (1–9999).
    pub year: u16,
    /// Month (1–12).
    pub month: u8,
    /// Day of month.
    pub day: u8,
    /// Hour (0–23).
    pub hour: u8,
    /// Minute (0–59).
    pub minute: u8,
    /// Second (0–59).
    #[serde(default)]
    pub second: u8,
}

impl DateTime {
    /// A date-time with seconds 0.
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Self {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second: 0,
        }
    }

    /// Whether the fields form a real date and time.
    pub fn is_valid(&self) -> bool {
        let leap = (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
            || self.year.is_multiple_of(400);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=9999).contains(&self.year)
            && (1..=days).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
    }

    /// RFC 5545 basic format `YYYYMMDDTHHMMSS` (no zone suffix).
    pub fn basic(&self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// Parses `YYYYMMDDTHHMMSS`, optionally followed by `Z`.
    pub fn parse_basic(s: &str) -> Option<Self> {
        let s = s.strip_suffix('Z').unwrap_or(s);
        let b = s.as_bytes();
        if b.len() != 15 || b[8] != b'T' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let dt = DateTime {
            year: num(0..4)?,
            month: num(4..6)? as u8,
            day: num(6..8)? as u8,
            hour: num(9..11)? as u8,
            minute: num(11..13)? as u8,
            second: num(13..15)? as u8,
        };
        dt.is_valid().then_some(dt)
    }
}

/// One meeting in a participant's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaMeeting {
    /// One participant id of the pair.
    pub a: String,
    /// The other participant id.
    pub b: String,
    /// Slot index (part of the UID).
    pub slot: u32,
    /// Local (Europe/Paris) start.
    pub start: DateTime,
    /// Local (Europe/Paris) end, after `start`.
    pub end: DateTime,
    /// Title, e.g. "Meeting with Acme".
    pub summary: String,
    /// Table label.
    pub location: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
}

/// A participant's agenda for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// Event identifier (part of every UID).
    pub event_id: String,
    /// Creation time of the export, in UTC.
    pub dtstamp: DateTime,
    /// The meetings.
    pub meetings: Vec<AgendaMeeting>,
}

/// Why an agenda could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// `dtstamp` is not a real date-time.
    #[error("DTSTAMP {0:?} is not a valid date-time")]
    InvalidStamp(DateTime),
    /// A meeting's start or end is not a real date-time.
    #[error("meeting #{index} ({a:?}–{b:?}) has an invalid date-time")]
    InvalidTime { index: usize, a: String, b: String },
    /// A meeting ends before or when it starts.
    #[error("meeting #{index} ({a:?}–{b:?}) ends before it starts")]
    EndBeforeStart { index: usize, a: String, b: String },
}

/// The `VTIMEZONE` block for Europe/Paris (EU summer time: last Sunday of March
/// 02:00 → 03:00, last Sunday of October 03:00 → 02:00), without line ends.
pub const EUROPE_PARIS_VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Percent-encodes everything but ASCII letters, digits and `_`, so UID parts are
/// unambiguous when joined with `-` and need no TEXT escaping.
fn uid_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Stable UID of a meeting: `{event}-{min(a,b)}-{max(a,b)}-{slot}@tremplin`.
pub fn meeting_uid(event_id: &str, a: &str, b: &str, slot: u32) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!(
        "{}-{}-{}-{slot}@tremplin",
        uid_part(event_id),
        uid_part(x),
        uid_part(y)
    )
}

/// Writes the agenda as an iCalendar document (CRLF line ends, folded at 75 octets).
pub fn icalendar(agenda: &Agenda) -> Result<String, CalendarError> {
    if !agenda.dtstamp.is_valid() {
        return Err(CalendarError::InvalidStamp(agenda.dtstamp));
    }
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold_line(&mut out, line);
    }
    for line in EUROPE_PARIS_VTIMEZONE {
        fold_line(&mut out, line);
    }
    let stamp = format!("{}Z", agenda.dtstamp.basic());
    for (index, m) in agenda.meetings.iter().enumerate() {
        if !m.start.is_valid() || !m.end.is_valid() {
            return Err(CalendarError::InvalidTime {
                index,
                a: m.a.clone(),
                b: m.b.clone(),
            });
        }
        if m.end <= m.start {
            return Err(CalendarError::EndBeforeStart {
                index,
                a: m.a.clone(),
                b: m.b.clone(),
            });
        }
        fold_line(&mut out, "BEGIN:VEVENT");
        let uid = meeting_uid(&agenda.event_id, &m.a, &m.b, m.slot);
        fold_line(&mut out, &format!("UID:{uid}"));
        fold_line(&mut out, &format!("DTSTAMP:{stamp}"));
        fold_line(
            &mut out,
            &format!("DTSTART;TZID=Europe/Paris:{}", m.start.basic()),
        );
        fold_line(
            &mut out,
            &format!("DTEND;TZID=Europe/Paris:{}", m.end.basic()),
        );
        fold_line(&mut out, &format!("SUMMARY:{}", escape_text(&m.summary)));
        if !m.location.is_empty() {
            fold_line(&mut out, &format!("LOCATION:{}", escape_text(&m.location)));
        }
        if !m.description.is_empty() {
            fold_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&m.description)),
            );
        }
        fold_line(&mut out, "END:VEVENT");
    }
    fold_line(&mut out, "END:VCALENDAR");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_is_stable_and_unambiguous() {
        assert_eq!(
            meeting_uid("ev1", "b", "a", 3),
            meeting_uid("ev1", "a", "b", 3)
        );
        assert_ne!(
            meeting_uid("e", "a-b", "c", 0),
            meeting_uid("e", "a", "b-c", 0)
        );
        assert_eq!(meeting_uid("ev 1", "a", "b", 2), "ev%201-a-b-2@tremplin");
    }

    #[test]
    fn dates() {
        assert!(DateTime::new(2024, 2, 29, 9, 0).is_valid());
        assert!(!DateTime::new(2025, 2, 29, 9, 0).is_valid());
        assert!(!DateTime::new(2025, 13, 1, 9, 0).is_valid());
        let d = DateTime::parse_basic("20250612T083000Z").unwrap();
        assert_eq!(d.basic(), "20250612T083000");
        assert!(DateTime::parse_basic("2025-06-12").is_none());
    }
}
