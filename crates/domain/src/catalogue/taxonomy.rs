//! Taxonomies of the catalogue, as data (`catalogue/taxonomies/*.toml`): needs, maturity stages,
//! natures of aid, partner organisations and the paths that group results.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: String,
    pub fr: String,
    pub en: String,
    pub path: String,
    #[serde(default)]
    pub words_fr: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub fr: String,
    pub en: String,
    #[serde(default)]
    pub description_fr: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    pub id: String,
    pub fr: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
}

impl Labelled {
    pub fn label(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.fr }
    }
}

impl Need {
    pub fn label(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.fr }
    }
}

impl Stage {
    pub fn label(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.fr }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomies {
    pub needs: Vec<Need>,
    pub stages: Vec<Stage>,
    pub natures: Vec<Labelled>,
    pub organisations: Vec<Labelled>,
    pub paths: Vec<Labelled>,
}

#[derive(Deserialize)]
struct NeedsFile {
    needs: Vec<Need>,
}
#[derive(Deserialize)]
struct StagesFile {
    stages: Vec<Stage>,
}
#[derive(Deserialize)]
struct NaturesFile {
    natures: Vec<Labelled>,
}
#[derive(Deserialize)]
struct OrgsFile {
    organisations: Vec<Labelled>,
}
#[derive(Deserialize)]
struct PathsFile {
    paths: Vec<Labelled>,
}

/// The five taxonomy files' contents, by name.
pub struct TaxonomySources<'a> {
    pub needs: &'a str,
    pub stages: &'a str,
    pub natures: &'a str,
    pub organisations: &'a str,
    pub paths: &'a str,
}

impl Taxonomies {
    /// Parses the taxonomy files; an error names the file and line.
    pub fn parse(src: &TaxonomySources<'_>) -> Result<Taxonomies, String> {
        fn p<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, String> {
            toml::from_str(text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| super::spec::line_of_offset(text, s.start))
                    .unwrap_or(1);
                format!("taxonomies/{file}:{line}: {}", e.message())
            })
        }
        let mut paths = p::<PathsFile>("paths.toml", src.paths)?.paths;
        paths.sort_by_key(|x| x.order.unwrap_or(u32::MAX));
        let t = Taxonomies {
            needs: p::<NeedsFile>("needs.toml", src.needs)?.needs,
            stages: p::<StagesFile>("stages.toml", src.stages)?.stages,
            natures: p::<NaturesFile>("natures.toml", src.natures)?.natures,
            organisations: p::<OrgsFile>("organisations.toml", src.organisations)?.organisations,
            paths,
        };
        for n in &t.needs {
            if !t.paths.iter().any(|p| p.id == n.path) {
                return Err(format!(
                    "taxonomies/needs.toml: need {} has unknown path {}",
                    n.id, n.path
                ));
            }
        }
        Ok(t)
    }

    /// A need's label in a language, or its id when the taxonomy does not know it (a need
    /// withdrawn since it was recorded).
    pub fn need_label(&self, id: &str, lang: &str) -> String {
        self.need(id)
            .map(|n| n.label(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn need(&self, id: &str) -> Option<&Need> {
        self.needs.iter().find(|n| n.id == id)
    }
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|n| n.id == id)
    }
    pub fn nature(&self, id: &str) -> Option<&Labelled> {
        self.natures.iter().find(|n| n.id == id)
    }
    pub fn organisation(&self, id: &str) -> Option<&Labelled> {
        self.organisations.iter().find(|n| n.id == id)
    }
    pub fn path(&self, id: &str) -> Option<&Labelled> {
        self.paths.iter().find(|n| n.id == id)
    }
    pub fn need_ids(&self) -> Vec<&str> {
        self.needs.iter().map(|n| n.id.as_str()).collect()
    }
}
