//! Pure domain of Tremplin: value types parsed at the edge, reference data, the permission
//! policy. No I/O, no async: everything here is unit- and property-tested in isolation.

#[macro_use]
mod lists;

pub mod catalogue;
pub mod company;
pub mod contact;
pub mod dates;
pub mod events;
pub mod followup;
pub mod geo;
pub mod kpi;
pub mod money;
pub mod naf;
pub mod policy;
pub mod refdata;
pub mod routing;
pub mod siren;
pub mod text;
