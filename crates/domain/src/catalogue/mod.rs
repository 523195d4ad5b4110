//! The scheme catalogue: the file format (`spec`), taxonomies, validation into a compiled form
//! (`compile`), company profiles (`profile`) and the pure orientation engine (`engine`).
//!
//! Schemes are data (one TOML file each, see `catalogue/README.md`): the spec types mirror the
//! file exactly so that the live catalogue exports back to the same files; `compile` checks them
//! against the taxonomies and the reference data and turns them into typed rules the engine
//! evaluates without allocating.

pub mod compile;
pub mod engine;
pub mod profile;
pub mod spec;
pub mod taxonomy;

#[cfg(test)]
mod tests;

pub use compile::{Catalogue, CompiledScheme, Diagnostic, compile_catalogue};
pub use engine::{Bucket, Evaluation, Outcome, Weights, evaluate, orient};
pub use profile::{Profile, ProfileInput};
pub use spec::SchemeSpec;
pub use taxonomy::Taxonomies;
