//! Independent schedule validator and statistics. Every solver's output goes
//! through the same checker, so a solver bug shows up as a named violation.

use crate::model::{InputError, Instance, Schedule};
use serde::Serialize;
use std::collections::HashMap;

/// A rule a schedule breaks; each variant names the meeting(s) by index in `meetings`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Violation {
    /// The instance itself is invalid.
    #[error("invalid instance: {0}")]
    Instance(InputError),
    /// A meeting names an unknown participant.
    #[error("meeting #{meeting} names unknown participant {id:?}")]
    UnknownParticipant { meeting: usize, id: String },
    /// A participant meets themself.
    #[error("meeting #{meeting}: participant {id:?} cannot meet themself")]
    SelfMeeting { meeting: usize, id: String },
    /// A meeting's pair was not requested.
    #[error("meeting #{meeting} ({a:?}–{b:?}) is not an accepted request")]
    NotRequested {
        meeting: usize,
        a: String,
        b: String,
    },
    /// Slot out of range.
    #[error("meeting #{meeting} is at slot {slot}, which is out of range")]
    SlotOutOfRange { meeting: usize, slot: u32 },
    /// Table out of range.
    #[error("meeting #{meeting} is at table {table}, which is out of range")]
    TableOutOfRange { meeting: usize, table: u32 },
    /// A participant is in two meetings in one slot.
    #[error("participant {participant:?} is in meetings #{first} and #{second} at slot {slot}")]
    DoubleBooked {
        participant: String,
        slot: u32,
        first: usize,
        second: usize,
    },
    /// A participant is unavailable at the meeting's slot.
    #[error("meeting #{meeting}: {participant:?} is not available at slot {slot}")]
    Unavailable {
        meeting: usize,
        participant: String,
        slot: u32,
    },
    /// Two meetings at one table in one slot.
    #[error("meetings #{first} and #{second} share table {table} at slot {slot}")]
    TableClash {
        slot: u32,
        table: u32,
        first: usize,
        second: usize,
    },
    /// A pair meets twice.
    #[error("meetings #{first} and #{second} are the same pair {a:?}–{b:?}")]
    DuplicateMeeting {
        a: String,
        b: String,
        first: usize,
        second: usize,
    },
    /// A locked meeting is absent.
    #[error("locked meeting {a:?}–{b:?} at slot {slot} is missing")]
    LockedMissing { a: String, b: String, slot: u32 },
    /// A locked meeting is at another slot or table.
    #[error("locked meeting {a:?}–{b:?} was moved to slot {slot}, table {table}")]
    LockedMoved {
        a: String,
        b: String,
        slot: u32,
        table: u32,
    },
}

/// Quality figures of a valid schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Number of meetings.
    pub meetings: usize,
    /// Sum of the weights of scheduled requests.
    pub total_weight: u64,
    /// Participants named in at least one request.
    pub requesters: usize,
    /// Requesters with at least one meeting (fairness).
    pub requesters_met: usize,
    /// Requesters with no meeting.
    pub requesters_unmet: usize,
    /// Sum over participants of empty slots between their first and last meeting.
    pub idle_gaps: u64,
    /// Largest idle-gap count of one participant.
    pub max_idle_gaps: u32,
    /// Minimum meetings per requester.
    pub min_meetings: u32,
    /// Median meetings per requester.
    pub median_meetings: f64,
    /// Maximum meetings per requester.
    pub max_meetings: u32,
}

/// Validates `schedule` against `instance` and computes its [`Stats`]; returns all
/// violations found otherwise.
pub fn check(instance: &Instance, schedule: &Schedule) -> Result<Stats, Vec<Violation>> {
    let p = match instance.validate() {
        Ok(p) => p,
        Err(e) => return Err(e.into_iter().map(Violation::Instance).collect()),
    };
    let index = p.id_index();
    let mut v = Vec::new();
    let mut busy: HashMap<(u32, u32), usize> = HashMap::new();
    let mut table: HashMap<(u32, u32), usize> = HashMap::new();
    let mut pair_seen: HashMap<u32, usize> = HashMap::new();
    let n = p.participants();
    let t_n = p.slots as usize;
    let mut grid = vec![false; n * t_n];
    let mut weight = 0u64;
    for (i, m) in schedule.meetings.iter().enumerate() {
        let a = index.get(m.a.as_str()).copied();
        let b = index.get(m.b.as_str()).copied();
        for (x, id) in [(a, &m.a), (b, &m.b)] {
            if x.is_none() {
                v.push(Violation::UnknownParticipant {
                    meeting: i,
                    id: id.clone(),
                });
            }
        }
        let mut ok = true;
        if m.slot >= p.slots {
            v.push(Violation::SlotOutOfRange {
                meeting: i,
                slot: m.slot,
            });
            ok = false;
        }
        if m.table >= p.tables {
            v.push(Violation::TableOutOfRange {
                meeting: i,
                table: m.table,
            });
        }
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a == b {
            v.push(Violation::SelfMeeting {
                meeting: i,
                id: m.a.clone(),
            });
            continue;
        }
        let req = p.request_between(a, b);
        match req {
            None => v.push(Violation::NotRequested {
                meeting: i,
                a: m.a.clone(),
                b: m.b.clone(),
            }),
            Some(r) => {
                if let Some(&first) = pair_seen.get(&r) {
                    v.push(Violation::DuplicateMeeting {
                        a: m.a.clone(),
                        b: m.b.clone(),
                        first,
                        second: i,
                    });
                } else {
                    pair_seen.insert(r, i);
                    weight += u64::from(p.reqs[r as usize].w);
                }
            }
        }
        if !ok {
            continue;
        }
        for (x, id) in [(a, &m.a), (b, &m.b)] {
            if !p.is_avail(x, m.slot) {
                v.push(Violation::Unavailable {
                    meeting: i,
                    participant: id.clone(),
                    slot: m.slot,
                });
            }
            if let Some(&first) = busy.get(&(x, m.slot)) {
                v.push(Violation::DoubleBooked {
                    participant: id.clone(),
                    slot: m.slot,
                    first,
                    second: i,
                });
            } else {
                busy.insert((x, m.slot), i);
            }
            grid[x as usize * t_n + m.slot as usize] = true;
        }
        if m.table < p.tables {
            if let Some(&first) = table.get(&(m.slot, m.table)) {
                v.push(Violation::TableClash {
                    slot: m.slot,
                    table: m.table,
                    first,
                    second: i,
                });
            } else {
                table.insert((m.slot, m.table), i);
            }
        }
    }
    for l in &instance.locked {
        let found = schedule
            .meetings
            .iter()
            .find(|m| (m.a == l.a && m.b == l.b) || (m.a == l.b && m.b == l.a));
        match found {
            None => v.push(Violation::LockedMissing {
                a: l.a.clone(),
                b: l.b.clone(),
                slot: l.slot,
            }),
            Some(m) if m.slot != l.slot || l.table.is_some_and(|t| t != m.table) => {
                v.push(Violation::LockedMoved {
                    a: l.a.clone(),
                    b: l.b.clone(),
                    slot: m.slot,
                    table: m.table,
                })
            }
            Some(_) => {}
        }
    }
    if !v.is_empty() {
        return Err(v);
    }
    let mut counts = Vec::new();
    let mut gaps = 0u64;
    let mut max_gaps = 0u32;
    for x in 0..n {
        if p.inc[x].is_empty() {
            continue;
        }
        let row = &grid[x * t_n..(x + 1) * t_n];
        let c = row.iter().filter(|&&b| b).count() as u32;
        counts.push(c);
        if let (Some(f), Some(l)) = (row.iter().position(|&b| b), row.iter().rposition(|&b| b)) {
            let g = (l - f + 1) as u32 - c;
            gaps += u64::from(g);
            max_gaps = max_gaps.max(g);
        }
    }
    counts.sort_unstable();
    let median = match counts.len() {
        0 => 0.0,
        l if l % 2 == 1 => f64::from(counts[l / 2]),
        l => (f64::from(counts[l / 2 - 1]) + f64::from(counts[l / 2])) / 2.0,
    };
    let met = counts.iter().filter(|&&c| c > 0).count();
    Ok(Stats {
        meetings: schedule.meetings.len(),
        total_weight: weight,
        requesters: counts.len(),
        requesters_met: met,
        requesters_unmet: counts.len() - met,
        idle_gaps: gaps,
        max_idle_gaps: max_gaps,
        min_meetings: counts.first().copied().unwrap_or(0),
        median_meetings: median,
        max_meetings: counts.last().copied().unwrap_or(0),
    })
}
