//! Web tests through the real stack: the real router served on a loopback port, a real HTTP
//! client with cookies, and a fresh database per test on SQLite and PostgreSQL. One file per
//! feature of `crates/web/src`, plus the crate-wide checks (api, security, layout, messages).

mod helpers;
mod html;

mod admin;
mod api;
mod auth;
mod catalogue;
mod companies;
mod companies_import;
mod events;
mod events_day;
mod home;
mod layout;
mod mail;
mod messages;
mod monthly_review;
mod orientation;
mod referrals;
mod requests;
mod security;
mod steering;
