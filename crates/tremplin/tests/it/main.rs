//! End-to-end tests of the `tremplin` binary: start-up failures, serve, first-start setup link,
//! `admin create`, `backup` and the PostgreSQL leg. Each test runs the real binary in its own
//! temporary directory.

mod catalogue;
mod cli;
mod helpers;
mod matchmaking;
mod postgres;
mod serve;
