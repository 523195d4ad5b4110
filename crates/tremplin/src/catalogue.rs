//! `tremplin catalogue check`: reads a catalogue directory and reports every problem.

use std::path::Path;

use anyhow::{Context, Result, bail};
use tremplin_domain::catalogue::{self, CatalogueFiles, TAXONOMY_FILES};

/// Reads `taxonomies/*.toml`, `weights.toml` and `schemes/*.toml` (sorted by name).
pub fn read_dir(dir: &Path) -> Result<CatalogueFiles> {
    let read = |rel: &str| -> Result<(String, String)> {
        let text = std::fs::read_to_string(dir.join(rel))
            .with_context(|| format!("cannot read {}", dir.join(rel).display()))?;
        Ok((rel.to_string(), text))
    };
    let mut tax = Vec::new();
    for f in TAXONOMY_FILES {
        tax.push(read(&format!("taxonomies/{f}"))?);
    }
    let taxonomies: [(String, String); 5] = tax
        .try_into()
        .map_err(|_| anyhow::anyhow!("five taxonomy files expected"))?;
    let weights = read("weights.toml")?.1;
    let mut names: Vec<String> = std::fs::read_dir(dir.join("schemes"))
        .with_context(|| format!("cannot list {}", dir.join("schemes").display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let schemes = names
        .iter()
        .map(|n| read(&format!("schemes/{n}")))
        .collect::<Result<Vec<_>>>()?;
    Ok(CatalogueFiles {
        taxonomies,
        weights,
        schemes,
    })
}

pub fn check(dir: &Path) -> Result<()> {
    let files = read_dir(dir)?;
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    match catalogue::load(&files, today) {
        Ok((cat, _)) => {
            let examples: usize = cat.schemes.iter().map(|s| s.spec.examples.len()).sum();
            println!(
                "catalogue OK: {} schemes, {} examples passed (version {})",
                cat.schemes.len(),
                examples,
                cat.version
            );
            Ok(())
        }
        Err(diags) => {
            for d in &diags {
                // Paths relative to the directory given, so editors can jump to them.
                println!("{}/{d}", dir.display());
            }
            bail!("{} problem(s) in the catalogue", diags.len())
        }
    }
}

/// Writes each published scheme's TOML to `dir/schemes/<id>.toml` (existing files replaced).
pub async fn export(db: &tremplin_store::Db, dir: &Path) -> Result<usize> {
    let target = dir.join("schemes");
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create {}", target.display()))?;
    let published = tremplin_store::catalogue::published(db).await?;
    for (id, text) in &published {
        let file = target.join(format!("{id}.toml"));
        std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
    }
    Ok(published.len())
}
