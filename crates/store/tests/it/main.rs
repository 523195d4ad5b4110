//! Store conformance suite: every test runs on SQLite and, when `TREMPLIN_TEST_PG_URL` is set
//! (CI sets it), on a fresh PostgreSQL database created for that test.

mod support;

mod audit;
mod backup;
mod companies;
mod contacts;
mod followup;
mod kpi;
mod migrations;
mod scale;
mod sessions;
mod users;
