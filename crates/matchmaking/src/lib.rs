//! Tremplin matchmaking: schedules accepted one-to-one meeting requests of a B2B
//! event into (slot, table) pairs, in pure Rust.
//!
//! Objective (lexicographic): maximise the total weight of scheduled requests; then
//! the number of requesters with at least one meeting; then minimise idle gaps.
//! Entry points: [`Instance::validate`] → [`Problem`]; [`auto_solve`] (or a specific
//! [`Solver`]); [`check`] to validate any schedule; [`reschedule`] on the day;
//! [`generate`] for benchmark instances; [`upper_bound`] for "at most N possible".
//! Around it: [`seat`] (round tables by target country), [`pitch_order`] (pitch
//! running order per table), [`vcard`] and [`icalendar`] exports (sharing the
//! [`escape_text`]/[`fold_line`] helpers).
//! See `docs/MATCHMAKING.md` for the model and the algorithms.

mod bound;
mod check;
mod exact;
mod flow;
mod generate;
mod heuristic;
mod ical;
mod konig;
mod model;
mod pitch;
mod rng;
mod seating;
mod solve;
mod state;
mod text;
mod vcard;

pub use bound::upper_bound;
pub use check::{Stats, Violation, check};
pub use generate::{GenParams, Structure, generate};
pub use heuristic::BATCH;
pub use ical::{
    Agenda, AgendaMeeting, CalendarError, DateTime, EUROPE_PARIS_VTIMEZONE, PRODID, icalendar,
    meeting_uid,
};
pub use model::{InputError, Instance, Locked, Meeting, Participant, Problem, Request, Schedule};
pub use pitch::{PitchEntry, PitchError, PitchParams, hhmm, pitch_order};
pub use rng::Rng;
pub use seating::{
    Company, FixedSeat, Guest, Seat, SeatReason, Seating, SeatingError, SeatingInput, SeatingScore,
    Table, Unseated, UnseatedReason, seat,
};
pub use solve::{
    Auto, Budget, Cancellations, Exact, Greedy, Konig, Lns, Reason, RescheduleError, Rescheduled,
    Solution, Solver, Unplaced, auto_solve, reschedule,
};
pub use text::{
    MAX_LINE_OCTETS, escape_text, fold_line, split_content_line, split_structured, unescape_text,
    unfold_lines,
};
pub use vcard::{BusinessCard, CardError, tel_uri, vcard};
