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
pub mod search;
pub mod spec;
pub mod taxonomy;

#[cfg(test)]
mod tests;

pub use compile::{Catalogue, CompiledScheme, Diagnostic, check_examples, compile_catalogue};
pub use engine::{Bucket, Evaluation, Outcome, Weights, evaluate, orient};
pub use profile::{Profile, ProfileInput};
pub use spec::SchemeSpec;
pub use taxonomy::Taxonomies;

/// The files of a catalogue directory, read by the caller (the domain does no I/O):
/// `taxonomies/*.toml`, `weights.toml` and `schemes/*.toml` as (relative name, text).
pub struct CatalogueFiles {
    pub taxonomies: [(String, String); 5],
    pub weights: String,
    pub schemes: Vec<(String, String)>,
}

/// Names of the five taxonomy files, in the order of [`CatalogueFiles::taxonomies`].
pub const TAXONOMY_FILES: [&str; 5] = [
    "needs.toml",
    "stages.toml",
    "natures.toml",
    "organisations.toml",
    "paths.toml",
];

/// Compiles a whole catalogue and checks its examples: the catalogue and weights, or every
/// problem found (`file:line: message`).
pub fn load(
    files: &CatalogueFiles,
    today: chrono::NaiveDate,
) -> Result<(Catalogue, Weights), Vec<Diagnostic>> {
    let (tax, weights) = load_taxonomies(files)?;
    let catalogue = compile_catalogue(tax, &files.schemes, today, true)?;
    let failures = check_examples(&catalogue, &weights, today);
    if failures.is_empty() {
        Ok((catalogue, weights))
    } else {
        Err(failures)
    }
}

/// The taxonomies and weights of a catalogue directory.
pub fn load_taxonomies(files: &CatalogueFiles) -> Result<(Taxonomies, Weights), Vec<Diagnostic>> {
    let t = &files.taxonomies;
    let tax = Taxonomies::parse(&taxonomy::TaxonomySources {
        needs: &t[0].1,
        stages: &t[1].1,
        natures: &t[2].1,
        organisations: &t[3].1,
        paths: &t[4].1,
    })
    .map_err(|m| {
        vec![Diagnostic {
            file: m.split(':').next().unwrap_or("taxonomies").to_string(),
            line: m
                .split(':')
                .nth(1)
                .and_then(|l| l.parse().ok())
                .unwrap_or(1),
            message: m.splitn(3, ':').nth(2).unwrap_or(&m).trim().to_string(),
        }]
    })?;
    let weights = Weights::from_toml(&files.weights).map_err(|m| {
        vec![Diagnostic {
            file: "weights.toml".into(),
            line: 1,
            message: m,
        }]
    })?;
    Ok((tax, weights))
}
