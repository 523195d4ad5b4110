//! Pitch running order at one round table: who speaks when.
//!
//! Order rule (deterministic, so reprinting a programme never reshuffles it):
//! companies with at least one targeted country at the table pitch first — the
//! guests they came for are listening while attention is fresh — then the others;
//! within each group, by company id (byte order). Times are minutes from midnight,
//! chrono-free; a pitch lasts `slot` minutes and `buffer` minutes separate pitches.

use crate::seating::Seat;
use serde::{Deserialize, Serialize};

/// Pitch timing parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitchParams {
    /// Start of the first pitch, in minutes from midnight.
    pub start: u32,
    /// Length of one pitch in minutes (default 5).
    pub slot: u32,
    /// Gap between consecutive pitches in minutes (default 0).
    pub buffer: u32,
}

impl PitchParams {
    /// Parameters starting at `hour:minute` with the default 5-minute slot and no buffer.
    pub fn at(hour: u32, minute: u32) -> Self {
        PitchParams {
            start: hour * 60 + minute,
            ..Self::default()
        }
    }
}

impl Default for PitchParams {
    fn default() -> Self {
        PitchParams {
            start: 9 * 60,
            slot: 5,
            buffer: 0,
        }
    }
}

/// One pitch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitchEntry {
    /// Company id.
    pub company: String,
    /// Start, minutes from midnight.
    pub start: u32,
    /// End, minutes from midnight (at most 1440, i.e. midnight).
    pub end: u32,
}

impl PitchEntry {
    /// Start as `"HH:MM"`.
    pub fn start_hhmm(&self) -> String {
        hhmm(self.start)
    }
    /// End as `"HH:MM"` (`"24:00"` for a pitch ending exactly at midnight).
    pub fn end_hhmm(&self) -> String {
        hhmm(self.end)
    }
}

/// Formats minutes from midnight as `"HH:MM"`.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Why a running order could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PitchError {
    /// The slot length is 0.
    #[error("the pitch slot length is 0 minutes")]
    ZeroSlot,
    /// The start time is not within the day.
    #[error("start time {start} minutes is not a time of day (must be < 1440)")]
    InvalidStart { start: u32 },
    /// The schedule runs past midnight.
    #[error("the pitch of {company:?} would end at minute {end}, past midnight")]
    PastMidnight { company: String, end: u64 },
}

/// Running order for the seats of one table (pass only that table's seats, e.g.
/// from [`crate::Seating::at_table`]); see the module docs for the order rule.
pub fn pitch_order<'a>(
    seats: impl IntoIterator<Item = &'a Seat>,
    params: PitchParams,
) -> Result<Vec<PitchEntry>, PitchError> {
    if params.slot == 0 {
        return Err(PitchError::ZeroSlot);
    }
    if params.start >= 24 * 60 {
        return Err(PitchError::InvalidStart {
            start: params.start,
        });
    }
    let mut order: Vec<&Seat> = seats.into_iter().collect();
    order.sort_by(|a, b| {
        a.matched_countries
            .is_empty()
            .cmp(&b.matched_countries.is_empty())
            .then_with(|| a.company.cmp(&b.company))
    });
    let mut t = u64::from(params.start);
    let mut out = Vec::with_capacity(order.len());
    for (i, s) in order.into_iter().enumerate() {
        if i > 0 {
            t += u64::from(params.buffer);
        }
        let end = t + u64::from(params.slot);
        if end > 24 * 60 {
            return Err(PitchError::PastMidnight {
                company: s.company.clone(),
                end,
            });
        }
        out.push(PitchEntry {
            company: s.company.clone(),
            start: t as u32,
            end: end as u32,
        });
        t = end;
    }
    Ok(out)
}
