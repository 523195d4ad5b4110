//! The HTTP plumbing every feature shares: the request context ([`ctx::Ctx`]), the one error
//! type with stable codes ([`error::AppError`]) and its problem+json form ([`problem`]), page
//! rendering and form state ([`render`]), form parsing helpers ([`forms`]), the JSON extractor
//! ([`json`]), security layers, sessions, static assets, translations and table exports.
//! Nothing here knows a feature.

pub mod access;
pub mod assets;
pub mod ctx;
pub mod error;
pub mod export;
pub mod forms;
pub mod i18n;
pub mod json;
pub mod limits;
pub mod problem;
pub mod render;
pub mod security;
pub mod session;
