//! Input and output types (the JSON exchanged with the CLI and web app) and the
//! validated, indexed [`Problem`] the solvers work on.
//!
//! Validation is strict on purpose: an organiser must learn *which* entry is wrong,
//! and infeasible locked meetings are errors rather than being dropped silently.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One participant and the slots (0-based) at which they can meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Unique identifier, used in requests and schedules.
    pub id: String,
    /// Slot indices (`0..slots`) at which the participant is present.
    pub available: Vec<u32>,
}

/// An accepted meeting request between `a` and `b` (unordered) with a priority weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// One participant id.
    pub a: String,
    /// The other participant id.
    pub b: String,
    /// Priority (e.g. 5 must / 3 mutual / 1 one-sided); must be ≥ 1.
    pub weight: u32,
}

/// A meeting the organiser fixed in advance; the solver keeps it at this slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locked {
    /// One participant id.
    pub a: String,
    /// The other participant id.
    pub b: String,
    /// Fixed slot.
    pub slot: u32,
    /// Fixed table, if the organiser chose one; otherwise the solver picks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
}

/// A scheduling problem as supplied by the organiser (JSON input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    /// Number of time slots `T`.
    pub slots: u32,
    /// Number of tables `K` (meetings per slot).
    pub tables: u32,
    /// Participants and their availability.
    pub participants: Vec<Participant>,
    /// Accepted requests.
    pub requests: Vec<Request>,
    /// Pre-fixed meetings (each must also be a request).
    #[serde(default)]
    pub locked: Vec<Locked>,
}

/// One scheduled meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Meeting {
    /// One participant id.
    pub a: String,
    /// The other participant id.
    pub b: String,
    /// Slot index.
    pub slot: u32,
    /// Table index (from 0).
    pub table: u32,
}

/// A schedule (JSON output).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// The meetings, sorted by slot then table.
    pub meetings: Vec<Meeting>,
}

/// Something wrong with an [`Instance`]; each variant names the offending entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// `slots` is 0.
    #[error("the event has zero slots")]
    ZeroSlots,
    /// `tables` is 0.
    #[error("the event has zero tables")]
    ZeroTables,
    /// Two participants share an id.
    #[error("participant id {id:?} appears more than once (entries #{first} and #{second})")]
    DuplicateParticipant {
        id: String,
        first: usize,
        second: usize,
    },
    /// An availability entry is not a valid slot.
    #[error("participant {participant:?} is available at slot {slot}, which is out of range")]
    AvailabilityOutOfRange { participant: String, slot: u32 },
    /// A request or locked meeting names an unknown participant.
    #[error("{entry} names unknown participant {id:?}")]
    UnknownParticipant { entry: String, id: String },
    /// A request or locked meeting pairs a participant with themself.
    #[error("{entry}: participant {id:?} cannot meet themself")]
    SelfMeeting { entry: String, id: String },
    /// The same pair is requested twice (in either order).
    #[error("requests #{first} and #{second} are the same pair {a:?}–{b:?}")]
    DuplicateRequest {
        a: String,
        b: String,
        first: usize,
        second: usize,
    },
    /// A request has weight 0.
    #[error("request #{index} ({a:?}–{b:?}) has weight 0; weights must be ≥ 1")]
    ZeroWeight { index: usize, a: String, b: String },
    /// A locked meeting is not among the requests.
    #[error("locked meeting #{index} ({a:?}–{b:?}) is not an accepted request")]
    LockedNotRequested { index: usize, a: String, b: String },
    /// The same pair is locked twice.
    #[error("locked meetings #{first} and #{second} are the same pair {a:?}–{b:?}")]
    DuplicateLocked {
        a: String,
        b: String,
        first: usize,
        second: usize,
    },
    /// A locked meeting's slot is out of range.
    #[error("locked meeting #{index} ({a:?}–{b:?}) is at slot {slot}, which is out of range")]
    LockedSlotOutOfRange {
        index: usize,
        a: String,
        b: String,
        slot: u32,
    },
    /// A locked meeting's table is out of range.
    #[error("locked meeting #{index} ({a:?}–{b:?}) is at table {table}, which is out of range")]
    LockedTableOutOfRange {
        index: usize,
        a: String,
        b: String,
        table: u32,
    },
    /// A locked meeting's participant is unavailable at its slot.
    #[error(
        "locked meeting #{index} ({a:?}–{b:?}) is at slot {slot}, but {who:?} is not available then"
    )]
    LockedUnavailable {
        index: usize,
        a: String,
        b: String,
        slot: u32,
        who: String,
    },
    /// A participant has two locked meetings in one slot.
    #[error(
        "participant {participant:?} has two locked meetings at slot {slot} (locked #{first} and #{second})"
    )]
    LockedDoubleBooked {
        participant: String,
        slot: u32,
        first: usize,
        second: usize,
    },
    /// More locked meetings in a slot than tables.
    #[error("slot {slot} has {count} locked meetings but only {tables} tables")]
    LockedOverCapacity { slot: u32, count: u32, tables: u32 },
    /// Two locked meetings fixed at the same table and slot.
    #[error("locked meetings #{first} and #{second} are both at table {table} in slot {slot}")]
    LockedTableClash {
        slot: u32,
        table: u32,
        first: usize,
        second: usize,
    },
}

/// Indexed request inside a [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Req {
    pub a: u32,
    pub b: u32,
    pub w: u32,
}

/// Indexed locked meeting inside a [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LockIdx {
    pub req: u32,
    pub slot: u32,
    pub table: Option<u32>,
}

/// A validated instance in indexed form: participants and requests are numbered
/// (`u32`), availability and common availability are bitsets. Solvers only see this.
#[derive(Debug, Clone)]
pub struct Problem {
    pub(crate) slots: u32,
    pub(crate) tables: u32,
    pub(crate) ids: Vec<String>,
    /// Words per bitset.
    pub(crate) words: usize,
    /// `participants × words` availability bits.
    pub(crate) avail: Vec<u64>,
    pub(crate) reqs: Vec<Req>,
    /// `requests × words` common availability bits.
    pub(crate) common: Vec<u64>,
    /// Requests incident to each participant.
    pub(crate) inc: Vec<Vec<u32>>,
    pub(crate) locked: Vec<LockIdx>,
    pub(crate) pair: HashMap<(u32, u32), u32>,
}

fn key(a: u32, b: u32) -> (u32, u32) {
    if a < b { (a, b) } else { (b, a) }
}

impl Problem {
    /// Participant index by id.
    pub(crate) fn id_index(&self) -> HashMap<&str, u32> {
        self.ids
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect()
    }

    /// Number of slots `T`.
    pub fn slots(&self) -> u32 {
        self.slots
    }
    /// Number of tables `K`.
    pub fn tables(&self) -> u32 {
        self.tables
    }
    /// Number of participants.
    pub fn participants(&self) -> usize {
        self.ids.len()
    }
    /// Number of requests.
    pub fn requests(&self) -> usize {
        self.reqs.len()
    }
    /// Participant id of index `i`.
    pub fn id(&self, i: u32) -> &str {
        &self.ids[i as usize]
    }
    /// Index of a request between two participant indices.
    pub(crate) fn request_between(&self, a: u32, b: u32) -> Option<u32> {
        self.pair.get(&key(a, b)).copied()
    }
    pub(crate) fn is_avail(&self, p: u32, t: u32) -> bool {
        self.avail[p as usize * self.words + (t / 64) as usize] >> (t % 64) & 1 == 1
    }
    pub(crate) fn is_common(&self, r: u32, t: u32) -> bool {
        self.common[r as usize * self.words + (t / 64) as usize] >> (t % 64) & 1 == 1
    }
    pub(crate) fn common_count(&self, r: u32) -> u32 {
        let s = r as usize * self.words;
        self.common[s..s + self.words]
            .iter()
            .map(|w| w.count_ones())
            .sum()
    }
    pub(crate) fn other(&self, r: u32, p: u32) -> u32 {
        let q = self.reqs[r as usize];
        if q.a == p { q.b } else { q.a }
    }

    /// Builds a problem from indexed parts (used by validation and rescheduling).
    pub(crate) fn build(
        slots: u32,
        tables: u32,
        ids: Vec<String>,
        avail: Vec<u64>,
        reqs: Vec<Req>,
        locked: Vec<LockIdx>,
    ) -> Problem {
        let words = (slots as usize).div_ceil(64).max(1);
        let n = ids.len();
        let mut common = vec![0u64; reqs.len() * words];
        let mut inc = vec![Vec::new(); n];
        let mut pair = HashMap::with_capacity(reqs.len());
        for (r, q) in reqs.iter().enumerate() {
            for w in 0..words {
                common[r * words + w] =
                    avail[q.a as usize * words + w] & avail[q.b as usize * words + w];
            }
            inc[q.a as usize].push(r as u32);
            inc[q.b as usize].push(r as u32);
            pair.insert(key(q.a, q.b), r as u32);
        }
        Problem {
            slots,
            tables,
            ids,
            words,
            avail,
            reqs,
            common,
            inc,
            locked,
            pair,
        }
    }

    /// Copy with some availability removed (`keep(p, t)` false → unavailable).
    pub(crate) fn restricted(&self, keep: impl Fn(u32, u32) -> bool) -> Problem {
        let mut avail = self.avail.clone();
        for p in 0..self.ids.len() as u32 {
            for t in 0..self.slots {
                if !keep(p, t) {
                    avail[p as usize * self.words + (t / 64) as usize] &= !(1u64 << (t % 64));
                }
            }
        }
        Problem::build(
            self.slots,
            self.tables,
            self.ids.clone(),
            avail,
            self.reqs.clone(),
            self.locked.clone(),
        )
    }
}

impl Instance {
    /// Parses an instance from JSON.
    pub fn from_json(s: &str) -> Result<Instance, serde_json::Error> {
        serde_json::from_str(s)
    }

    /// Pretty JSON (stable field order, so equal instances give equal bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("instance serialises")
    }

    /// Checks the instance and builds the indexed [`Problem`]; returns *all* errors found.
    pub fn validate(&self) -> Result<Problem, Vec<InputError>> {
        let mut errs = Vec::new();
        if self.slots == 0 {
            errs.push(InputError::ZeroSlots);
        }
        if self.tables == 0 {
            errs.push(InputError::ZeroTables);
        }
        let words = (self.slots as usize).div_ceil(64).max(1);
        let n = self.participants.len();
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(n);
        let mut avail = vec![0u64; n * words];
        for (i, p) in self.participants.iter().enumerate() {
            if let Some(&first) = index.get(p.id.as_str()) {
                errs.push(InputError::DuplicateParticipant {
                    id: p.id.clone(),
                    first: first as usize,
                    second: i,
                });
            } else {
                index.insert(&p.id, i as u32);
            }
            for &t in &p.available {
                if t >= self.slots {
                    errs.push(InputError::AvailabilityOutOfRange {
                        participant: p.id.clone(),
                        slot: t,
                    });
                } else {
                    avail[i * words + (t / 64) as usize] |= 1u64 << (t % 64);
                }
            }
        }
        let lookup = |entry: &dyn Fn() -> String, id: &str, errs: &mut Vec<InputError>| {
            let r = index.get(id).copied();
            if r.is_none() {
                errs.push(InputError::UnknownParticipant {
                    entry: entry(),
                    id: id.to_string(),
                });
            }
            r
        };
        let mut reqs = Vec::with_capacity(self.requests.len());
        let mut seen: HashMap<(u32, u32), usize> = HashMap::new();
        let mut req_of_pair: HashMap<(u32, u32), u32> = HashMap::new();
        for (i, r) in self.requests.iter().enumerate() {
            let entry = || format!("request #{i} ({:?}–{:?})", r.a, r.b);
            let a = lookup(&entry, &r.a, &mut errs);
            let b = lookup(&entry, &r.b, &mut errs);
            if r.weight == 0 {
                errs.push(InputError::ZeroWeight {
                    index: i,
                    a: r.a.clone(),
                    b: r.b.clone(),
                });
            }
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b {
                errs.push(InputError::SelfMeeting {
                    entry: entry(),
                    id: r.a.clone(),
                });
                continue;
            }
            if let Some(&first) = seen.get(&key(a, b)) {
                errs.push(InputError::DuplicateRequest {
                    a: r.a.clone(),
                    b: r.b.clone(),
                    first,
                    second: i,
                });
                continue;
            }
            seen.insert(key(a, b), i);
            req_of_pair.insert(key(a, b), reqs.len() as u32);
            reqs.push(Req { a, b, w: r.weight });
        }
        let mut locked = Vec::new();
        let mut locked_seen: HashMap<(u32, u32), usize> = HashMap::new();
        let mut person_slot: HashMap<(u32, u32), usize> = HashMap::new();
        let mut slot_count: HashMap<u32, u32> = HashMap::new();
        let mut table_used: HashMap<(u32, u32), usize> = HashMap::new();
        for (i, l) in self.locked.iter().enumerate() {
            let entry = || format!("locked meeting #{i} ({:?}–{:?})", l.a, l.b);
            let a = lookup(&entry, &l.a, &mut errs);
            let b = lookup(&entry, &l.b, &mut errs);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b {
                errs.push(InputError::SelfMeeting {
                    entry: entry(),
                    id: l.a.clone(),
                });
                continue;
            }
            let Some(&req) = req_of_pair.get(&key(a, b)) else {
                errs.push(InputError::LockedNotRequested {
                    index: i,
                    a: l.a.clone(),
                    b: l.b.clone(),
                });
                continue;
            };
            if let Some(&first) = locked_seen.get(&key(a, b)) {
                errs.push(InputError::DuplicateLocked {
                    a: l.a.clone(),
                    b: l.b.clone(),
                    first,
                    second: i,
                });
                continue;
            }
            locked_seen.insert(key(a, b), i);
            if l.slot >= self.slots {
                errs.push(InputError::LockedSlotOutOfRange {
                    index: i,
                    a: l.a.clone(),
                    b: l.b.clone(),
                    slot: l.slot,
                });
                continue;
            }
            if let Some(t) = l.table
                && t >= self.tables
            {
                errs.push(InputError::LockedTableOutOfRange {
                    index: i,
                    a: l.a.clone(),
                    b: l.b.clone(),
                    table: t,
                });
                continue;
            }
            let mut ok = true;
            for (p, pid) in [(a, &l.a), (b, &l.b)] {
                if avail[p as usize * words + (l.slot / 64) as usize] >> (l.slot % 64) & 1 == 0 {
                    errs.push(InputError::LockedUnavailable {
                        index: i,
                        a: l.a.clone(),
                        b: l.b.clone(),
                        slot: l.slot,
                        who: pid.clone(),
                    });
                    ok = false;
                }
                if let Some(&first) = person_slot.get(&(p, l.slot)) {
                    errs.push(InputError::LockedDoubleBooked {
                        participant: pid.clone(),
                        slot: l.slot,
                        first,
                        second: i,
                    });
                    ok = false;
                } else {
                    person_slot.insert((p, l.slot), i);
                }
            }
            if let Some(t) = l.table {
                if let Some(&first) = table_used.get(&(l.slot, t)) {
                    errs.push(InputError::LockedTableClash {
                        slot: l.slot,
                        table: t,
                        first,
                        second: i,
                    });
                    ok = false;
                } else {
                    table_used.insert((l.slot, t), i);
                }
            }
            *slot_count.entry(l.slot).or_default() += 1;
            if ok {
                locked.push(LockIdx {
                    req,
                    slot: l.slot,
                    table: l.table,
                });
            }
        }
        let mut over: Vec<_> = slot_count
            .into_iter()
            .filter(|&(_, c)| c > self.tables)
            .collect();
        over.sort_unstable();
        for (slot, count) in over {
            errs.push(InputError::LockedOverCapacity {
                slot,
                count,
                tables: self.tables,
            });
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let ids = self.participants.iter().map(|p| p.id.clone()).collect();
        Ok(Problem::build(
            self.slots,
            self.tables,
            ids,
            avail,
            reqs,
            locked,
        ))
    }
}

impl Schedule {
    /// Parses a schedule from JSON.
    pub fn from_json(s: &str) -> Result<Schedule, serde_json::Error> {
        serde_json::from_str(s)
    }
    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("schedule serialises")
    }
}
