//! Reference data (official code lists) embedded in the binary.
//!
//! The CSV files of `crates/domain/refdata/` (see its README for sources and licences) are
//! compiled in with `include_str!` and parsed once, on first use, into hash-map indexes so that
//! every lookup by code is constant-time. No file is read at run time: the domain crate stays
//! free of I/O and the data cannot drift from the code that validates against it.
//!
//! Columns are read by header name, so a re-exported file with reordered columns still loads.
//! The embedded files are trusted input: a malformed file is a build defect and makes the first
//! call to [`refdata()`] panic (the unit tests load everything, so this cannot reach production).

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

/// Attribution line to show in the product wherever reference data is displayed.
pub const ATTRIBUTION: &str = "Sources : Insee (NAF rév. 2, Code officiel géographique, Sirene), DGCL, La Poste — Licence Ouverte 2.0 ; Nations Unies (M49, UN Comtrade HS 2022) ; Unicode CLDR.";

const NAF_CSV: &str = include_str!("../refdata/naf_rev2.csv");
const COUNTRIES_CSV: &str = include_str!("../refdata/countries.csv");
const M49_CSV: &str = include_str!("../refdata/m49_regions.csv");
const DEPARTEMENTS_CSV: &str = include_str!("../refdata/hdf_departements.csv");
const COMMUNES_CSV: &str = include_str!("../refdata/hdf_communes.csv");
const EPCI_CSV: &str = include_str!("../refdata/hdf_epci.csv");
const HS_CSV: &str = include_str!("../refdata/hs2022.csv");
const HS_SECTIONS_CSV: &str = include_str!("../refdata/hs2022_sections.csv");

/// Level in the NAF rév. 2 hierarchy (1 = section … 5 = sous-classe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NafLevel {
    /// Letter `A`–`U`.
    Section = 1,
    /// Two digits, e.g. `62`.
    Division = 2,
    /// e.g. `62.0`.
    Groupe = 3,
    /// e.g. `62.01`.
    Classe = 4,
    /// e.g. `62.01Z`: the code carried by companies (code APE).
    SousClasse = 5,
}

impl NafLevel {
    fn from_csv(s: &str) -> Self {
        match s {
            "section" => Self::Section,
            "division" => Self::Division,
            "groupe" => Self::Groupe,
            "classe" => Self::Classe,
            "sous-classe" => Self::SousClasse,
            other => panic!("naf_rev2.csv: unknown level {other:?}"),
        }
    }

    /// Depth from 1 (section) to 5 (sous-classe).
    pub fn depth(self) -> u8 {
        self as u8
    }
}

/// One entry of NAF rév. 2 (any level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NafEntry {
    /// Dotted code, e.g. `62.01Z` (section letter for level 1).
    pub code: String,
    /// Code without dot, e.g. `6201Z`.
    pub code_compact: String,
    pub level: NafLevel,
    pub label_fr: String,
    /// Code of the parent entry; `None` for sections.
    pub parent: Option<String>,
    /// Section letter `A`–`U`.
    pub section: char,
}

/// A country or territory of ISO 3166-1, with its UN M49 classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case (`FR`).
    pub alpha2: String,
    /// ISO 3166-1 alpha-3 (`FRA`).
    pub alpha3: String,
    /// ISO 3166-1 numeric, 3 digits (`250`).
    pub numeric: String,
    /// CLDR French display name.
    pub name_fr: String,
    /// CLDR English display name.
    pub name_en: String,
    /// Whether the UN lists the territory in M49 (false for Taiwan, classified nevertheless).
    pub m49_listed: bool,
    /// M49 region code (`150` Europe); `None` only for Antarctica.
    pub region: Option<String>,
    /// M49 sub-region code (`155` Western Europe).
    pub subregion: Option<String>,
    /// M49 intermediate region code (`018` Southern Africa), when the UN defines one.
    pub intermediate: Option<String>,
}

impl Country {
    /// Whether the country belongs to the M49 area `code` (at any of its three levels, or
    /// `001` World for every classified country).
    pub fn in_m49(&self, code: &str) -> bool {
        if code == "001" {
            return self.region.is_some();
        }
        [&self.region, &self.subregion, &self.intermediate]
            .into_iter()
            .any(|c| c.as_deref() == Some(code))
    }
}

/// Level in the UN M49 hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum M49Level {
    World,
    Region,
    SubRegion,
    IntermediateRegion,
}

/// An M49 area (world, region, sub-region or intermediate region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct M49Region {
    /// Three digits, e.g. `150`.
    pub code: String,
    pub level: M49Level,
    pub name_fr: String,
    pub name_en: String,
    /// `None` for World.
    pub parent: Option<String>,
}

/// A département of Hauts-de-France (region 32).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departement {
    /// INSEE code, e.g. `59`.
    pub code: String,
    pub name: String,
    /// INSEE code of the chef-lieu commune.
    pub chef_lieu_code: String,
    pub chef_lieu_name: String,
}

/// A current commune of Hauts-de-France.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commune {
    /// INSEE code (code officiel géographique), e.g. `59350` for Lille.
    pub code_insee: String,
    pub name: String,
    pub departement: String,
    pub arrondissement: String,
    /// SIREN of the EPCI à fiscalité propre the commune belongs to.
    pub epci_siren: Option<String>,
    /// SIREN of the commune itself.
    pub siren: String,
    /// La Poste postcodes (a commune may have several; several communes may share one).
    pub postcodes: Vec<String>,
    /// Population légale as shipped with the COG data.
    pub population: u32,
}

/// Kind of EPCI à fiscalité propre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpciKind {
    /// Communauté de communes.
    Cc,
    /// Communauté d'agglomération.
    Ca,
    /// Communauté urbaine.
    Cu,
    /// Métropole.
    Metropole,
}

impl EpciKind {
    fn from_csv(s: &str) -> Self {
        match s {
            "CC" => Self::Cc,
            "CA" => Self::Ca,
            "CU" => Self::Cu,
            "METRO" => Self::Metropole,
            other => panic!("hdf_epci.csv: unknown type {other:?}"),
        }
    }

    /// Short French label (`CC`, `CA`, `CU`, `Métropole`).
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Cc => "CC",
            Self::Ca => "CA",
            Self::Cu => "CU",
            Self::Metropole => "Métropole",
        }
    }
}

/// An EPCI à fiscalité propre with at least one member commune in Hauts-de-France.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Epci {
    pub siren: String,
    pub name: String,
    pub kind: EpciKind,
    /// Fiscal regime (`FPU`, `FA`).
    pub financing: String,
    pub population: u32,
    pub nb_communes: u32,
    /// Member communes outside the region (cross-region EPCI).
    pub nb_communes_outside_hdf: u32,
    /// Départements of its member communes.
    pub departements: Vec<String>,
}

/// Level of a Harmonized System code kept in the embedded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HsLevel {
    /// Two digits.
    Chapter,
    /// Four digits.
    Heading,
}

/// An HS 2022 chapter or heading (sub-headings are not embedded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HsEntry {
    pub code: String,
    pub level: HsLevel,
    /// Chapter of a heading; `None` for chapters.
    pub parent: Option<String>,
    /// Roman numeral of the HS section (`I`–`XXI`).
    pub section: String,
    pub description_en: String,
}

/// An HS 2022 section (I–XXI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HsSection {
    pub section: String,
    pub first_chapter: String,
    pub last_chapter: String,
    pub name_en: String,
}

/// All embedded reference data, indexed by code. Obtain it through [`refdata()`].
#[derive(Debug)]
pub struct RefData {
    naf: HashMap<String, NafEntry>,
    naf_compact: HashMap<String, String>,
    naf_order: Vec<String>,
    naf_folded: Vec<(String, String)>,
    countries: HashMap<String, Country>,
    countries_by_name_fr: Vec<String>,
    m49: HashMap<String, M49Region>,
    m49_order: Vec<String>,
    departements: HashMap<String, Departement>,
    departements_order: Vec<String>,
    communes: HashMap<String, Commune>,
    communes_by_dep: HashMap<String, Vec<String>>,
    epci: HashMap<String, Epci>,
    epci_order: Vec<String>,
    hs: HashMap<String, HsEntry>,
    hs_order: Vec<String>,
    hs_sections: Vec<HsSection>,
}

static REFDATA: LazyLock<RefData> = LazyLock::new(RefData::load);

/// The embedded reference data, parsed on first call and shared afterwards.
pub fn refdata() -> &'static RefData {
    &REFDATA
}

/// Rows of an embedded CSV, each exposed as a header-name → value accessor.
fn rows(name: &str, text: &str) -> Vec<Row> {
    let file: Rc<str> = Rc::from(name);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .unwrap_or_else(|e| panic!("{name}: bad header: {e}"))
        .clone();
    let index: Rc<HashMap<String, usize>> = Rc::new(
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_owned(), i))
            .collect(),
    );
    reader
        .records()
        .map(|r| Row {
            file: Rc::clone(&file),
            index: Rc::clone(&index),
            record: r.unwrap_or_else(|e| panic!("{name}: bad record: {e}")),
        })
        .collect()
}

struct Row {
    file: Rc<str>,
    index: Rc<HashMap<String, usize>>,
    record: csv::StringRecord,
}

impl Row {
    fn get(&self, column: &str) -> String {
        let i = *self
            .index
            .get(column)
            .unwrap_or_else(|| panic!("{}: missing column {column}", self.file));
        self.record.get(i).unwrap_or_default().trim().to_owned()
    }

    fn opt(&self, column: &str) -> Option<String> {
        Some(self.get(column)).filter(|s| !s.is_empty())
    }

    fn num(&self, column: &str) -> u32 {
        let v = self.get(column);
        v.parse()
            .unwrap_or_else(|_| panic!("{}: bad number {v:?} in {column}", self.file))
    }
}

impl RefData {
    fn load() -> Self {
        // NAF
        let mut naf = HashMap::new();
        let mut naf_compact = HashMap::new();
        let mut naf_order = Vec::new();
        for r in rows("naf_rev2.csv", NAF_CSV) {
            let e = NafEntry {
                code: r.get("code"),
                code_compact: r.get("code_compact"),
                level: NafLevel::from_csv(&r.get("level")),
                label_fr: r.get("label_fr"),
                parent: r.opt("parent_code"),
                section: r.get("section").chars().next().expect("naf section"),
            };
            naf_compact.insert(e.code_compact.clone(), e.code.clone());
            naf_order.push(e.code.clone());
            naf.insert(e.code.clone(), e);
        }
        naf_order.sort();
        let naf_folded = naf_order
            .iter()
            .filter(|c| naf[*c].level == NafLevel::SousClasse)
            .map(|c| (c.clone(), fold(&naf[c].label_fr)))
            .collect();

        // Countries
        let mut countries = HashMap::new();
        for r in rows("countries.csv", COUNTRIES_CSV) {
            let c = Country {
                alpha2: r.get("alpha2"),
                alpha3: r.get("alpha3"),
                numeric: r.get("numeric"),
                name_fr: r.get("name_fr"),
                name_en: r.get("name_en"),
                m49_listed: r.get("m49_listed") == "true",
                region: r.opt("region_code"),
                subregion: r.opt("subregion_code"),
                intermediate: r.opt("intermediate_code"),
            };
            countries.insert(c.alpha2.clone(), c);
        }
        let mut countries_by_name_fr: Vec<String> = countries.keys().cloned().collect();
        countries_by_name_fr.sort_by_cached_key(|k| (fold(&countries[k].name_fr), k.clone()));

        // M49
        let mut m49 = HashMap::new();
        for r in rows("m49_regions.csv", M49_CSV) {
            let level = match r.get("level").as_str() {
                "world" => M49Level::World,
                "region" => M49Level::Region,
                "sub-region" => M49Level::SubRegion,
                "intermediate-region" => M49Level::IntermediateRegion,
                other => panic!("m49_regions.csv: unknown level {other:?}"),
            };
            let m = M49Region {
                code: r.get("m49_code"),
                level,
                name_fr: r.get("name_fr"),
                name_en: r.get("name_en"),
                parent: r.opt("parent_code"),
            };
            m49.insert(m.code.clone(), m);
        }
        let mut m49_order: Vec<String> = m49.keys().cloned().collect();
        m49_order.sort();

        // Départements
        let mut departements = HashMap::new();
        for r in rows("hdf_departements.csv", DEPARTEMENTS_CSV) {
            let d = Departement {
                code: r.get("code"),
                name: r.get("nom"),
                chef_lieu_code: r.get("chef_lieu_code"),
                chef_lieu_name: r.get("chef_lieu_nom"),
            };
            departements.insert(d.code.clone(), d);
        }
        let mut departements_order: Vec<String> = departements.keys().cloned().collect();
        departements_order.sort();

        // Communes
        let mut communes = HashMap::new();
        let mut communes_by_dep: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows("hdf_communes.csv", COMMUNES_CSV) {
            let c = Commune {
                code_insee: r.get("code_insee"),
                name: r.get("nom"),
                departement: r.get("departement"),
                arrondissement: r.get("arrondissement"),
                epci_siren: r.opt("epci_siren"),
                siren: r.get("siren"),
                postcodes: r
                    .get("codes_postaux")
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                population: r.opt("population").map_or(0, |_| r.num("population")),
            };
            communes_by_dep
                .entry(c.departement.clone())
                .or_default()
                .push(c.code_insee.clone());
            communes.insert(c.code_insee.clone(), c);
        }
        for list in communes_by_dep.values_mut() {
            list.sort_by_cached_key(|k| (fold(&communes[k].name), k.clone()));
        }

        // EPCI
        let mut epci = HashMap::new();
        for r in rows("hdf_epci.csv", EPCI_CSV) {
            let e = Epci {
                siren: r.get("siren"),
                name: r.get("nom"),
                kind: EpciKind::from_csv(&r.get("type")),
                financing: r.get("mode_financement"),
                population: r.num("population_municipale"),
                nb_communes: r.num("nb_communes"),
                nb_communes_outside_hdf: r.num("nb_communes_hors_hdf"),
                departements: r
                    .get("departements")
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
            };
            epci.insert(e.siren.clone(), e);
        }
        let mut epci_order: Vec<String> = epci.keys().cloned().collect();
        epci_order.sort_by_cached_key(|k| (fold(&epci[k].name), k.clone()));

        // HS
        let mut hs = HashMap::new();
        let mut hs_order = Vec::new();
        for r in rows("hs2022.csv", HS_CSV) {
            let level = match r.get("level").as_str() {
                "chapter" => HsLevel::Chapter,
                "heading" => HsLevel::Heading,
                _ => continue, // sub-headings are not embedded (reduced copy)
            };
            let e = HsEntry {
                code: r.get("code"),
                level,
                parent: r.opt("parent_code"),
                section: r.get("section"),
                description_en: r.get("description_en"),
            };
            hs_order.push(e.code.clone());
            hs.insert(e.code.clone(), e);
        }
        hs_order.sort();
        let hs_sections = rows("hs2022_sections.csv", HS_SECTIONS_CSV)
            .into_iter()
            .map(|r| HsSection {
                section: r.get("section"),
                first_chapter: r.get("first_chapter"),
                last_chapter: r.get("last_chapter"),
                name_en: r.get("name_en"),
            })
            .collect();

        Self {
            naf,
            naf_compact,
            naf_order,
            naf_folded,
            countries,
            countries_by_name_fr,
            m49,
            m49_order,
            departements,
            departements_order,
            communes,
            communes_by_dep,
            epci,
            epci_order,
            hs,
            hs_order,
            hs_sections,
        }
    }

    // ----- NAF -----

    /// NAF rév. 2 entry of any level by code. Accepts the dotted (`62.01Z`) and compact
    /// (`6201Z`) forms, case-insensitively, surrounding spaces ignored.
    pub fn naf(&self, code: &str) -> Option<&NafEntry> {
        let code = code.trim().to_ascii_uppercase();
        self.naf.get(&code).or_else(|| {
            self.naf_compact
                .get(&code)
                .and_then(|dotted| self.naf.get(dotted))
        })
    }

    /// All NAF entries, sorted by code (sections first, then divisions 01…99 in tree order).
    pub fn naf_entries(&self) -> impl Iterator<Item = &NafEntry> {
        self.naf_order.iter().map(|c| &self.naf[c])
    }

    /// NAF entries of one level, sorted by code.
    pub fn naf_level(&self, level: NafLevel) -> impl Iterator<Item = &NafEntry> {
        self.naf_entries().filter(move |e| e.level == level)
    }

    /// NAF sous-classes (level 5, the codes carried by companies), sorted by code.
    pub fn naf_subclasses(&self) -> impl Iterator<Item = &NafEntry> {
        self.naf_level(NafLevel::SousClasse)
    }

    /// Direct children of a NAF entry, sorted by code.
    pub fn naf_children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a NafEntry> {
        self.naf_entries()
            .filter(move |e| e.parent.as_deref() == Some(code))
    }

    /// Search NAF sous-classes for an orientation form. Every word of `query` must occur in the
    /// label, ignoring case and accents (`electricite` finds `Électricité`); a query that looks
    /// like a code (`62.01`, `6201`) also matches codes by prefix. Results: code matches first,
    /// then labels where the words start words of the label, then by code; at most `limit`.
    pub fn search_naf(&self, query: &str, limit: usize) -> Vec<&NafEntry> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let code_query: String = query
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        let code_like =
            code_query.len() >= 2 && code_query[..2].bytes().all(|b| b.is_ascii_digit());
        let mut hits: Vec<(u8, usize, &NafEntry)> = Vec::new();
        for (code, folded) in &self.naf_folded {
            let entry = &self.naf[code];
            if code_like && entry.code_compact.starts_with(&code_query) {
                hits.push((0, 0, entry));
                continue;
            }
            if words.iter().all(|w| folded.contains(w.as_str())) {
                let label_words: Vec<&str> = folded.split_whitespace().collect();
                let not_word_start = words
                    .iter()
                    .filter(|w| !label_words.iter().any(|l| l.starts_with(w.as_str())))
                    .count();
                hits.push((1, not_word_start, entry));
            }
        }
        hits.sort_by(|a, b| (a.0, a.1, &a.2.code).cmp(&(b.0, b.1, &b.2.code)));
        hits.into_iter().take(limit).map(|h| h.2).collect()
    }

    // ----- Countries and M49 -----

    /// Country by ISO 3166-1 alpha-2 code (case-insensitive).
    pub fn country(&self, alpha2: &str) -> Option<&Country> {
        self.countries.get(&alpha2.trim().to_ascii_uppercase())
    }

    /// The `(&'static key, entry)` pair, so that value types can keep a `&'static str`.
    pub(crate) fn country_entry(&self, alpha2: &str) -> Option<(&String, &Country)> {
        self.countries
            .get_key_value(&alpha2.trim().to_ascii_uppercase())
    }

    /// All countries sorted by French name (accent-insensitive order: `Émirats` sorts under E).
    pub fn countries_by_name_fr(&self) -> impl Iterator<Item = &Country> {
        self.countries_by_name_fr.iter().map(|c| &self.countries[c])
    }

    /// Countries of an M49 area (any level; `001` = all classified countries), sorted by code.
    pub fn countries_in_m49(&self, code: &str) -> Vec<&Country> {
        let mut v: Vec<&Country> = self.countries.values().filter(|c| c.in_m49(code)).collect();
        v.sort_by(|a, b| a.alpha2.cmp(&b.alpha2));
        v
    }

    /// Number of countries and territories (249).
    pub fn country_count(&self) -> usize {
        self.countries.len()
    }

    /// M49 area by its 3-digit code (`150`).
    pub fn m49_region(&self, code: &str) -> Option<&M49Region> {
        self.m49.get(code.trim())
    }

    /// All M49 areas, sorted by code.
    pub fn m49_regions(&self) -> impl Iterator<Item = &M49Region> {
        self.m49_order.iter().map(|c| &self.m49[c])
    }

    // ----- Hauts-de-France territory -----

    /// HdF département by INSEE code (`59`).
    pub fn departement(&self, code: &str) -> Option<&Departement> {
        self.departements.get(code.trim())
    }

    /// The five HdF départements, sorted by code.
    pub fn departements(&self) -> impl Iterator<Item = &Departement> {
        self.departements_order
            .iter()
            .map(|c| &self.departements[c])
    }

    /// HdF commune by INSEE code (`59350`).
    pub fn commune(&self, code_insee: &str) -> Option<&Commune> {
        self.communes.get(code_insee.trim())
    }

    /// Communes of an HdF département, sorted by name (accent-insensitive); empty if unknown.
    pub fn communes_of(&self, departement: &str) -> impl Iterator<Item = &Commune> {
        self.communes_by_dep
            .get(departement.trim())
            .into_iter()
            .flatten()
            .map(|c| &self.communes[c])
    }

    /// HdF communes served by a postcode, sorted by name.
    pub fn communes_by_postcode(&self, postcode: &str) -> Vec<&Commune> {
        let postcode = postcode.trim();
        let mut v: Vec<&Commune> = self
            .communes
            .values()
            .filter(|c| c.postcodes.iter().any(|p| p == postcode))
            .collect();
        v.sort_by_cached_key(|c| (fold(&c.name), c.code_insee.clone()));
        v
    }

    /// Number of HdF communes.
    pub fn commune_count(&self) -> usize {
        self.communes.len()
    }

    /// EPCI by SIREN.
    pub fn epci(&self, siren: &str) -> Option<&Epci> {
        self.epci.get(siren.trim())
    }

    /// All EPCI with a member in HdF, sorted by name.
    pub fn epcis(&self) -> impl Iterator<Item = &Epci> {
        self.epci_order.iter().map(|c| &self.epci[c])
    }

    /// Member communes (in HdF) of an EPCI, sorted by name.
    pub fn communes_of_epci(&self, siren: &str) -> Vec<&Commune> {
        let siren = siren.trim();
        let mut v: Vec<&Commune> = self
            .communes
            .values()
            .filter(|c| c.epci_siren.as_deref() == Some(siren))
            .collect();
        v.sort_by_cached_key(|c| (fold(&c.name), c.code_insee.clone()));
        v
    }

    // ----- Harmonized System -----

    /// HS chapter (2 digits) or heading (4 digits); dots and spaces are ignored (`84.71`).
    pub fn hs(&self, code: &str) -> Option<&HsEntry> {
        let code: String = code.chars().filter(char::is_ascii_digit).collect();
        self.hs.get(&code)
    }

    /// The 96 HS chapters, sorted by code.
    pub fn hs_chapters(&self) -> impl Iterator<Item = &HsEntry> {
        self.hs_order
            .iter()
            .map(|c| &self.hs[c])
            .filter(|e| e.level == HsLevel::Chapter)
    }

    /// Headings of a chapter, sorted by code.
    pub fn hs_headings_of<'a>(&'a self, chapter: &'a str) -> impl Iterator<Item = &'a HsEntry> {
        self.hs_order
            .iter()
            .map(|c| &self.hs[c])
            .filter(move |e| e.parent.as_deref() == Some(chapter))
    }

    /// The 21 HS sections in order.
    pub fn hs_sections(&self) -> &[HsSection] {
        &self.hs_sections
    }
}

/// Folds a string for search: lower case, accents removed (`É` → `e`, `œ` → `oe`), every
/// character that is not a letter or digit turned into a space, spaces collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ł' => "l",
            'ř' => "r",
            _ if c.is_alphanumeric() => {
                out.push(c);
                space = false;
                continue;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
                continue;
            }
        };
        out.push_str(mapped);
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_all_files_with_expected_counts() {
        let r = refdata();
        assert_eq!(r.naf_entries().count(), 1728);
        assert_eq!(r.naf_level(NafLevel::Section).count(), 21);
        assert_eq!(r.naf_level(NafLevel::Division).count(), 88);
        assert_eq!(r.naf_level(NafLevel::Groupe).count(), 272);
        assert_eq!(r.naf_level(NafLevel::Classe).count(), 615);
        assert_eq!(r.naf_subclasses().count(), 732);
        assert_eq!(r.country_count(), 249);
        assert_eq!(r.m49_regions().count(), 30);
        assert_eq!(r.departements().count(), 5);
        assert_eq!(r.commune_count(), 3782);
        assert_eq!(r.epcis().count(), 92);
        assert_eq!(r.hs_chapters().count(), 96);
        assert_eq!(r.hs_sections().len(), 21);
    }

    #[test]
    fn naf_lookup_dotted_and_compact() {
        let r = refdata();
        let e = r.naf("62.01Z").unwrap();
        assert_eq!(e.label_fr, "Programmation informatique");
        assert_eq!(e.level, NafLevel::SousClasse);
        assert_eq!(e.parent.as_deref(), Some("62.01"));
        assert_eq!(e.section, 'J');
        assert_eq!(r.naf("6201Z").unwrap().code, "62.01Z");
        assert_eq!(r.naf(" 6201z ").unwrap().code, "62.01Z");
        assert_eq!(r.naf("J").unwrap().level, NafLevel::Section);
        assert!(r.naf("99.99Z").is_none());
        assert_eq!(r.naf_children("62.0").count(), 4);
    }

    #[test]
    fn naf_search_folds_accents_and_case() {
        let r = refdata();
        let hits = r.search_naf("ELECTRICITE production", 10);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|e| e.level == NafLevel::SousClasse));
        assert!(hits.iter().any(|e| e.code == "35.11Z"), "{hits:?}");
        let hits = r.search_naf("programmation informatique", 5);
        assert_eq!(hits[0].code, "62.01Z");
        let hits = r.search_naf("62.0", 10);
        assert_eq!(hits[0].code, "62.01Z");
        let codes: Vec<&str> = r
            .search_naf("CEREALES", 10)
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(codes, ["01.11Z", "46.21Z"]);
        assert_eq!(r.search_naf("culture", 3).len(), 3);
        assert!(r.search_naf("zzzzqqq", 10).is_empty());
        assert!(r.search_naf("   ", 10).is_empty());
        assert!(r.search_naf("culture", 0).is_empty());
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Électricité, GAZ"), "electricite gaz");
        assert_eq!(fold("  Cœur d'Ostrevent "), "coeur d ostrevent");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn countries_and_m49() {
        let r = refdata();
        let fr = r.country("fr").unwrap();
        assert_eq!(fr.alpha3, "FRA");
        assert_eq!(fr.numeric, "250");
        assert_eq!(fr.name_fr, "France");
        assert_eq!(fr.region.as_deref(), Some("150"));
        assert_eq!(fr.subregion.as_deref(), Some("155"));
        assert!(fr.in_m49("150") && fr.in_m49("001") && !fr.in_m49("002"));
        let names: Vec<&str> = r
            .countries_by_name_fr()
            .map(|c| c.name_fr.as_str())
            .collect();
        assert_eq!(names[0], "Afghanistan");
        let e = names
            .iter()
            .position(|n| *n == "Émirats arabes unis")
            .unwrap();
        let eg = names.iter().position(|n| *n == "Égypte").unwrap();
        let ec = names.iter().position(|n| *n == "Équateur").unwrap();
        assert!(eg < e && e < ec);
        assert_eq!(r.m49_region("150").unwrap().name_fr, "Europe");
        assert_eq!(r.m49_region("202").unwrap().level, M49Level::SubRegion);
        let na: Vec<&str> = r
            .countries_in_m49("021")
            .iter()
            .map(|c| c.alpha2.as_str())
            .collect();
        assert_eq!(na, ["BM", "CA", "GL", "PM", "US"]);
        assert!(r.country("AQ").unwrap().region.is_none());
    }

    #[test]
    fn hdf_territory() {
        let r = refdata();
        let codes: Vec<&str> = r.departements().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["02", "59", "60", "62", "80"]);
        assert_eq!(r.departement("59").unwrap().name, "Nord");
        let lille = r.commune("59350").unwrap();
        assert_eq!(lille.name, "Lille");
        assert_eq!(lille.departement, "59");
        assert!(lille.postcodes.len() > 1);
        let mel = r.epci(lille.epci_siren.as_deref().unwrap()).unwrap();
        assert_eq!(mel.kind, EpciKind::Metropole);
        assert!(
            r.communes_of_epci(&mel.siren)
                .iter()
                .any(|c| c.code_insee == "59350")
        );
        let total: usize = r
            .departements()
            .map(|d| r.communes_of(&d.code).count())
            .sum();
        assert_eq!(total, r.commune_count());
        let aisne: Vec<&Commune> = r.communes_of("02").collect();
        assert_eq!(aisne[0].name, "Abbécourt");
        assert!(r.communes_of("75").next().is_none());
        assert!(
            r.communes_by_postcode("80000")
                .iter()
                .any(|c| c.name == "Amiens")
        );
        let cross: Vec<&Epci> = r
            .epcis()
            .filter(|e| e.nb_communes_outside_hdf > 0)
            .collect();
        assert_eq!(cross.len(), 2);
    }

    #[test]
    fn hs_lookup() {
        let r = refdata();
        assert_eq!(r.hs("01").unwrap().level, HsLevel::Chapter);
        let h = r.hs("84.71").unwrap();
        assert_eq!(h.level, HsLevel::Heading);
        assert_eq!(h.parent.as_deref(), Some("84"));
        assert_eq!(h.section, "XVI");
        assert!(r.hs("847130").is_none());
        assert!(r.hs_headings_of("01").count() >= 6);
        assert_eq!(r.hs_sections()[0].section, "I");
    }

    #[test]
    fn attribution_is_the_agreed_line() {
        assert!(ATTRIBUTION.starts_with("Sources : Insee"));
        assert!(ATTRIBUTION.ends_with("Unicode CLDR."));
    }
}
