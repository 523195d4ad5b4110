//! Web tests through the real stack: the real router served on a loopback port, a real HTTP
//! client with cookies, and a fresh database per test on SQLite and PostgreSQL.

mod helpers;

mod admin;
mod api;
mod auth;
mod catalogue_edit;
mod companies;
mod event_day;
mod events;
mod followup;
mod import;
mod layout;
mod messages;
mod orientation;
mod pages;
mod routing;
mod security;
mod steering;
