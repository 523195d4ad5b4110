//! Solver interface, the solvers, automatic method choice and day-of rescheduling.
//!
//! All solvers share one [`Solver`] trait and return a [`Solution`] with the schedule,
//! an upper bound on the weight (so the organiser sees "at most N possible"), whether
//! the weight is proven optimal, and why each unplaced request could not be placed.

use crate::bound::bound_with;
use crate::exact::Bb;
use crate::heuristic::{Search, Stop};
use crate::konig;
use crate::model::{Meeting, Problem, Schedule};
use crate::state::{NONE, State};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Limits of one solve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// Wall-clock limit; the heuristic checks it between batches of iterations.
    pub time_limit: Duration,
    /// Seed of all random decisions.
    pub seed: u64,
    /// Caps LNS iterations: with it (and a generous time limit) runs are reproducible
    /// on any machine; without it, the iteration count depends on machine speed.
    pub max_iterations: Option<u64>,
}

impl Budget {
    /// Budget with a time limit and seed, no iteration cap.
    pub fn new(time_limit: Duration, seed: u64) -> Self {
        Budget {
            time_limit,
            seed,
            max_iterations: None,
        }
    }
    /// Fully reproducible budget: `iterations` LNS steps, time limit only as a safety net.
    pub fn iterations(iterations: u64, seed: u64) -> Self {
        Budget {
            time_limit: Duration::from_secs(3600),
            seed,
            max_iterations: Some(iterations),
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(Duration::from_secs(2), 1)
    }
}

/// Why a request is not in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The two participants share no available slot.
    NoCommonSlot,
    /// At every common slot one of them already has a meeting.
    ParticipantBooked,
    /// At some common slot both are free but every table is taken.
    NoFreeTable,
    /// Locked meetings occupy the participants (or all tables) at every common slot.
    LockedConflict,
}

/// A request left out of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    /// One participant id.
    pub a: String,
    /// The other participant id.
    pub b: String,
    /// Request weight.
    pub weight: u32,
    /// Why it is not placed.
    pub reason: Reason,
}

/// Result of a solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// The schedule (tables numbered from 0 within each slot).
    pub schedule: Schedule,
    /// Total weight scheduled.
    pub weight: u64,
    /// Number of meetings.
    pub meetings: usize,
    /// Upper bound on the total weight of any schedule (see [`crate::upper_bound`]).
    pub bound: u64,
    /// True if `weight` is proven maximal (secondary objectives are heuristic).
    pub optimal: bool,
    /// Requests not scheduled, with reasons.
    pub unplaced: Vec<Unplaced>,
    /// Method used ("konig", "exact", "lns", "greedy").
    pub method: String,
    /// LNS iterations performed.
    pub iterations: u64,
}

/// A scheduling method.
pub trait Solver {
    /// Solves `p` within `budget`; `previous` (if any) is used as a warm start.
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution;
}

fn finish(st: &State, bound: u64, method: &str, iterations: u64) -> Solution {
    let bound = bound.max(st.weight);
    Solution {
        schedule: st.to_schedule(),
        weight: st.weight,
        meetings: st.count,
        bound,
        optimal: st.weight == bound,
        unplaced: st.unplaced(),
        method: method.to_string(),
        iterations,
    }
}

fn start<'p>(p: &'p Problem, previous: Option<&Schedule>) -> State<'p> {
    let mut st = State::new(p);
    if let Some(prev) = previous {
        st.load_schedule(prev, false, false);
    }
    st
}

/// Iterations without improvement after which LNS stops once the bound is reached
/// (it then only polishes fairness and idle gaps).
const STALL: u64 = 2_000;

/// Greedy construction with one-level Kempe repair, no search. Very fast baseline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Greedy;

impl Solver for Greedy {
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
        let mut s = Search::new(start(p, previous), budget.seed);
        s.greedy(1);
        let bound = bound_with(&State::new(p));
        finish(&s.st, bound, "greedy", 0)
    }
}

/// Greedy + repair, then large-neighbourhood search until the budget is spent (or
/// the capacity bound is reached and fairness/gaps stop improving).
#[derive(Debug, Clone, Copy, Default)]
pub struct Lns;

fn run_lns<'p>(st: State<'p>, bound: u64, budget: &Budget, deadline: Instant) -> (State<'p>, u64) {
    let mut s = Search::new(st, budget.seed);
    s.greedy(1);
    let it = s.lns(&Stop {
        deadline,
        max_iterations: budget.max_iterations,
        bound,
        stall: STALL,
    });
    (s.st, it)
}

impl Solver for Lns {
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
        let deadline = Instant::now() + budget.time_limit;
        let bound = bound_with(&State::new(p));
        let (st, it) = run_lns(start(p, previous), bound, budget, deadline);
        finish(&st, bound, "lns", it)
    }
}

/// Exact branch-and-bound on weight for small events, seeded by LNS; secondary
/// objectives are then polished by LNS without losing weight. `optimal` is false
/// only if the node or time limit stopped the proof.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    /// Node limit of the branch-and-bound.
    pub max_nodes: u64,
}

impl Default for Exact {
    fn default() -> Self {
        Exact {
            max_nodes: 20_000_000,
        }
    }
}

impl Solver for Exact {
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
        let t0 = Instant::now();
        let deadline = t0 + budget.time_limit;
        let bound = bound_with(&State::new(p));
        // Short LNS for an incumbent.
        let warm = Budget {
            max_iterations: Some(budget.max_iterations.unwrap_or(u64::MAX).min(3_000)),
            ..budget.clone()
        };
        let (mut st, mut it) = run_lns(start(p, previous), bound, &warm, deadline);
        let mut proven = st.weight >= bound;
        if !proven {
            let mut empty = State::new(p);
            let mut bb = Bb::new(&mut empty, st.weight, self.max_nodes, deadline);
            bb.run(0);
            let (aborted, best, slots) = (bb.aborted, bb.best, bb.best_slots.take());
            proven = !aborted;
            if let Some(slots) = slots {
                let mut fresh = State::new(p);
                for (r, &s) in slots.iter().enumerate() {
                    if s != NONE && fresh.slot_of[r] == NONE {
                        fresh.place(r as u32, s);
                    }
                }
                fresh.commit();
                debug_assert_eq!(fresh.weight, best);
                st = fresh;
            }
            if proven {
                // Polish fairness/gaps at fixed optimal weight.
                let w = st.weight;
                let mut s = Search::new(st, budget.seed ^ 0xA5A5);
                it += s.lns(&Stop {
                    deadline,
                    max_iterations: warm.max_iterations,
                    bound: w,
                    stall: STALL,
                });
                st = s.st;
            }
        }
        let mut sol = finish(&st, bound, "exact", it);
        if proven {
            sol.optimal = true;
        }
        sol
    }
}

/// König method (bipartite, full availability, no locked meetings): provably
/// optimal weight; falls back to [`Lns`] when the instance does not qualify.
#[derive(Debug, Clone, Copy, Default)]
pub struct Konig;

impl Solver for Konig {
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
        let deadline = Instant::now() + budget.time_limit;
        let Some(side) = konig::applies(p) else {
            return Lns.solve(p, budget, previous);
        };
        let mut st = State::new(p);
        if !konig::solve_into(&mut st, &side) {
            return Lns.solve(p, budget, previous);
        }
        let w = st.weight;
        // Polish fairness and idle gaps without losing weight.
        let mut s = Search::new(st, budget.seed);
        let it = s.lns(&Stop {
            deadline,
            max_iterations: budget.max_iterations,
            bound: w,
            stall: STALL,
        });
        let mut sol = finish(&s.st, w, "konig", it);
        sol.optimal = true;
        sol
    }
}

/// Picks König for qualifying bipartite events, [`Exact`] up to
/// `exact_max_participants`, else [`Lns`].
#[derive(Debug, Clone, Copy)]
pub struct Auto {
    /// Largest event (participants) solved by branch-and-bound.
    pub exact_max_participants: usize,
}

impl Default for Auto {
    fn default() -> Self {
        Auto {
            exact_max_participants: 60,
        }
    }
}

impl Solver for Auto {
    fn solve(&self, p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
        if konig::applies(p).is_some() {
            Konig.solve(p, budget, previous)
        } else if p.participants() <= self.exact_max_participants {
            Exact::default().solve(p, budget, previous)
        } else {
            Lns.solve(p, budget, previous)
        }
    }
}

/// Chooses the method by size and structure (see [`Auto`]).
pub fn auto_solve(p: &Problem, budget: &Budget, previous: Option<&Schedule>) -> Solution {
    Auto::default().solve(p, budget, previous)
}

/// What happened on the day: absent participants and cancelled meetings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellations {
    /// Participants absent from `from_slot` on (no-shows).
    #[serde(default)]
    pub participants: Vec<String>,
    /// Cancelled meetings as `[a, b]` pairs.
    #[serde(default)]
    pub meetings: Vec<(String, String)>,
}

/// Error in a reschedule request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RescheduleError {
    /// Unknown participant id.
    #[error("unknown participant {0:?}")]
    UnknownParticipant(String),
    /// Cancelled meeting not in the current schedule.
    #[error("meeting {0:?}–{1:?} is not in the current schedule")]
    UnknownMeeting(String, String),
    /// `from_slot` beyond the last slot.
    #[error("from_slot {0} is out of range")]
    SlotOutOfRange(u32),
}

/// Result of [`reschedule`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rescheduled {
    /// New schedule and its figures (bound counts kept meetings as fixed).
    pub solution: Solution,
    /// Meetings freed (absent participant or cancelled, from `from_slot` on).
    pub removed: Vec<Meeting>,
    /// Meetings newly created in freed capacity.
    pub added: Vec<Meeting>,
}

/// Day-of repair. Meetings before `from_slot` and locked meetings are never moved or
/// removed (unlock a meeting first to free it); future meetings of absent
/// participants and cancelled future meetings are freed; every other existing
/// meeting stays where it is (nobody is re-notified), and freed capacity is filled
/// from accepted requests not yet scheduled, among present participants.
pub fn reschedule(
    p: &Problem,
    current: &Schedule,
    cancelled: &Cancellations,
    from_slot: u32,
    budget: &Budget,
) -> Result<Rescheduled, RescheduleError> {
    let deadline = Instant::now() + budget.time_limit;
    if from_slot > p.slots {
        return Err(RescheduleError::SlotOutOfRange(from_slot));
    }
    let index = p.id_index();
    let mut absent = vec![false; p.participants()];
    for id in &cancelled.participants {
        let x = index
            .get(id.as_str())
            .ok_or_else(|| RescheduleError::UnknownParticipant(id.clone()))?;
        absent[*x as usize] = true;
    }
    let mut cancelled_pairs = HashSet::new();
    for (a, b) in &cancelled.meetings {
        let found = current
            .meetings
            .iter()
            .any(|m| (&m.a == a && &m.b == b) || (&m.a == b && &m.b == a));
        let r = match (index.get(a.as_str()), index.get(b.as_str())) {
            (Some(&x), Some(&y)) if found => p.request_between(x, y),
            _ => None,
        };
        let r = r.ok_or_else(|| RescheduleError::UnknownMeeting(a.clone(), b.clone()))?;
        cancelled_pairs.insert(r);
    }
    let locked: HashSet<u32> = p.locked.iter().map(|l| l.req).collect();
    let q = p.restricted(|x, t| t >= from_slot && !absent[x as usize]);
    let mut kept = Schedule::default();
    let mut removed = Vec::new();
    for m in &current.meetings {
        let (Some(&a), Some(&b)) = (index.get(m.a.as_str()), index.get(m.b.as_str())) else {
            continue;
        };
        let Some(r) = p.request_between(a, b) else {
            continue;
        };
        let free = m.slot >= from_slot
            && !locked.contains(&r)
            && (absent[a as usize] || absent[b as usize] || cancelled_pairs.contains(&r));
        if free {
            removed.push(m.clone());
        } else {
            kept.meetings.push(m.clone());
        }
    }
    let mut st = State::new(&q);
    // Locked meetings keep their current table too.
    for m in &kept.meetings {
        if let (Some(&a), Some(&b)) = (index.get(m.a.as_str()), index.get(m.b.as_str()))
            && let Some(r) = q.request_between(a, b)
            && st.frozen[r as usize]
            && st.slot_of[r as usize] == m.slot
            && st.fixed_table[r as usize] == NONE
        {
            st.fixed_table[r as usize] = m.table;
        }
    }
    st.load_schedule(&kept, true, true);
    let bound = bound_with(&st);
    let mut s = Search::new(st, budget.seed);
    s.greedy(1);
    let it = s.lns(&Stop {
        deadline,
        max_iterations: budget.max_iterations,
        bound,
        stall: STALL / 4,
    });
    let solution = finish(&s.st, bound, "reschedule", it);
    let before: HashSet<(&str, &str, u32)> = kept
        .meetings
        .iter()
        .map(|m| (m.a.as_str(), m.b.as_str(), m.slot))
        .collect();
    let added = solution
        .schedule
        .meetings
        .iter()
        .filter(|m| !before.contains(&(m.a.as_str(), m.b.as_str(), m.slot)))
        .cloned()
        .collect();
    Ok(Rescheduled {
        solution,
        removed,
        added,
    })
}
