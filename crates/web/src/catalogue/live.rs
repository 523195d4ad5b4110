//! The live catalogue: shipped files embedded in the binary (taxonomies, weights, and the
//! schemes loaded into an empty database), the published versions compiled in memory with
//! their search index, and the catalogue pages (list with search and filters, one page per
//! scheme), in HTML and JSON.

use rust_embed::Embed;
use tremplin_domain::catalogue::search::SearchIndex;
use tremplin_domain::catalogue::{
    CatalogueFiles, TAXONOMY_FILES, compile_catalogue, load_taxonomies,
};
use tremplin_store::audit::Actor;
use tremplin_store::{Db, catalogue as repo};

use crate::state::{AppState, Live};

/// The catalogue directory of the repository, compiled into the binary.
#[derive(Embed)]
#[folder = "../../catalogue/"]
#[include = "*.toml"]
#[include = "**/*.toml"]
pub(super) struct Shipped;

pub(super) fn text(path: &str) -> String {
    Shipped::get(path)
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .unwrap_or_default()
}

/// The shipped catalogue files (schemes sorted by name).
pub fn shipped_files() -> CatalogueFiles {
    let taxonomies = TAXONOMY_FILES.map(|f| {
        let rel = format!("taxonomies/{f}");
        let t = text(&rel);
        (rel, t)
    });
    let mut schemes: Vec<(String, String)> = Shipped::iter()
        .filter(|p| p.starts_with("schemes/"))
        .map(|p| (p.to_string(), text(&p)))
        .collect();
    schemes.sort();
    CatalogueFiles {
        taxonomies,
        weights: text("weights.toml"),
        schemes,
    }
}

/// Fills an empty catalogue from the shipped files (version 1 of each scheme, published).
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<usize> {
    if repo::count(db).await? > 0 {
        return Ok(0);
    }
    let files: Vec<(String, String)> = shipped_files()
        .schemes
        .into_iter()
        .map(|(name, text)| {
            let id = name
                .trim_start_matches("schemes/")
                .trim_end_matches(".toml")
                .to_string();
            (id, text)
        })
        .collect();
    Ok(repo::seed(db, &Actor::system("catalogue-seed"), &files).await?)
}

/// Compiles the published versions stored in the database.
pub async fn load_live(db: &Db) -> anyhow::Result<Live> {
    let files = shipped_files();
    let (tax, weights) = load_taxonomies(&files).map_err(diag_err)?;
    let published: Vec<(String, String)> = repo::published(db)
        .await?
        .into_iter()
        .map(|(id, t)| (format!("{id}.toml"), t))
        .collect();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let catalogue = compile_catalogue(tax, &published, today, false).map_err(diag_err)?;
    let index = SearchIndex::build(&catalogue);
    Ok(Live {
        catalogue,
        weights,
        index,
        fingerprint: String::new(),
    })
}

pub(super) fn diag_err(d: Vec<tremplin_domain::catalogue::Diagnostic>) -> anyhow::Error {
    anyhow::anyhow!(
        "the catalogue is invalid: {}",
        d.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    )
}

impl AppState {
    /// Recompiles the published catalogue from the database (at start-up and after a publish).
    pub async fn reload_catalogue(&self) -> anyhow::Result<()> {
        let fingerprint = repo::fingerprint(self.db()).await?;
        let mut live = load_live(self.db()).await?;
        live.fingerprint = fingerprint;
        self.set_catalogue(live);
        Ok(())
    }

    /// Reloads the catalogue if another app server published a version since (several
    /// instances on one PostgreSQL each keep the compiled catalogue in memory).
    pub async fn refresh_catalogue_if_changed(&self) -> anyhow::Result<bool> {
        let now = repo::fingerprint(self.db()).await?;
        if now == self.catalogue().fingerprint {
            return Ok(false);
        }
        self.reload_catalogue().await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_is_embedded_and_valid() {
        let files = shipped_files();
        let names: Vec<String> = Shipped::iter().map(|p| p.to_string()).collect();
        assert!(files.schemes.len() >= 30, "embedded: {names:?}");
        assert!(files.taxonomies.iter().all(|(_, t)| !t.is_empty()));
        let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
        let (cat, _) =
            tremplin_domain::catalogue::load(&files, today).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(cat.schemes.len(), files.schemes.len());
    }

    /// Exporting a scheme to TOML and reading it back loses nothing, and so does the editing
    /// form (spec → form fields → spec), for every shipped scheme.
    #[test]
    fn specs_round_trip_through_toml_and_the_form() {
        use tremplin_domain::catalogue::SchemeSpec;
        let files = shipped_files();
        for (name, text) in &files.schemes {
            let spec = SchemeSpec::from_toml(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let again = SchemeSpec::from_toml(&spec.to_toml())
                .unwrap_or_else(|e| panic!("{name} re-read: {e:?}\n{}", spec.to_toml()));
            assert_eq!(spec, again, "{name}: TOML round trip");
            let form = super::super::edit::EditForm::from_spec(&spec, 1);
            let mut state = crate::http::render::FormState::default();
            let back = form
                .to_spec(&spec.id, &mut state)
                .unwrap_or_else(|| panic!("{name}: form errors {:?}", state.errors));
            assert_eq!(spec, back, "{name}: form round trip");
        }
    }
}
