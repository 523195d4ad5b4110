//! Tremplin matchmaking: schedules accepted one-to-one meeting requests of a B2B
//! event into (slot, table) pairs, in pure Rust.
//!
//! Objective (lexicographic): maximise the total weight of scheduled requests; then
//! the number of requesters with at least one meeting; then minimise idle gaps.
//! Entry points: [`Instance::validate`] → [`Problem`]; [`auto_solve`] (or a specific
//! [`Solver`]); [`check`] to validate any schedule; [`reschedule`] on the day;
//! [`generate`] for benchmark instances; [`upper_bound`] for "at most N possible".
//! See `docs/MATCHMAKING.md` §3–§7 for the background.

mod bound;
mod check;
mod exact;
mod flow;
mod generate;
mod heuristic;
mod konig;
mod model;
mod rng;
mod solve;
mod state;

pub use bound::upper_bound;
pub use check::{Stats, Violation, check};
pub use generate::{GenParams, Structure, generate};
pub use heuristic::BATCH;
pub use model::{InputError, Instance, Locked, Meeting, Participant, Problem, Request, Schedule};
pub use rng::Rng;
pub use solve::{
    Auto, Budget, Cancellations, Exact, Greedy, Konig, Lns, Reason, RescheduleError, Rescheduled,
    Solution, Solver, Unplaced, auto_solve, reschedule,
};
