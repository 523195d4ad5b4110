//! Geographic value types: countries, export zones, French départements and communes.
//!
//! Every type is parsed once at the edge and then guaranteed valid: a [`CountryCode`] exists in
//! the embedded ISO 3166-1 table, a [`Zone`] is one of the zones listed by [`Zone::all`], a
//! [`DepartementCode`] is one of the 101 French départements, a [`CommuneCode`] has the INSEE
//! format. Names come from the embedded reference data (see [`crate::refdata`]).
//!
//! Zones are what schemes and events target. They are either UN M49 areas (ids `m49-150` for
//! Europe, `m49-202` for Sub-Saharan Africa, …: every region, sub-region and intermediate region
//! of the M49 table) or named groupings used by export advisers:
//!
//! | id | members |
//! |---|---|
//! | `eu27` | the 27 EU member states (outermost regions such as GF, GP, MQ, RE, YT have their own ISO codes and are not included) |
//! | `eea` | EU27 + IS, LI, NO |
//! | `maghreb` | DZ, LY, MA, MR, TN (Arab Maghreb Union) |
//! | `sub_saharan_africa` | same members as M49 202 |
//! | `southern_africa` | same members as M49 018 (BW, LS, NA, SZ, ZA) |
//! | `asean` | BN, KH, ID, LA, MY, MM, PH, SG, TH, VN |
//! | `north_america` | US, CA, MX (the USMCA/ACEUM market, as export programmes mean it; M49 021 *Northern America* is US, CA, BM, GL, PM and is available as `m49-021`) |
//! | `gulf` | GCC: AE, BH, KW, OM, QA, SA |

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::refdata::{Commune, Country, Departement, M49Level, refdata};

/// Why a geographic code was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum GeoError {
    #[error("unknown country code {0:?} (ISO 3166-1 alpha-2 expected)")]
    CountryUnknown(String),
    #[error("unknown zone {0:?}")]
    ZoneUnknown(String),
    #[error("unknown French département {0:?}")]
    DepartementUnknown(String),
    #[error("{0:?} is not an INSEE commune code (5 characters, e.g. 59350 or 2A004)")]
    CommuneFormat(String),
    #[error("commune {0:?} is not in Hauts-de-France")]
    CommuneUnknown(String),
}

impl GeoError {
    /// Stable snake_case code, also used as translation id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CountryUnknown(_) => "country_unknown",
            Self::ZoneUnknown(_) => "zone_unknown",
            Self::DepartementUnknown(_) => "departement_unknown",
            Self::CommuneFormat(_) => "commune_format",
            Self::CommuneUnknown(_) => "commune_unknown",
        }
    }
}

/// Implements Display, FromStr, TryFrom<String>, From<T> for String through `parse`/`as_str`.
macro_rules! string_impls {
    ($t:ty, $err:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $t {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl TryFrom<String> for $t {
            type Error = $err;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.as_str().to_owned()
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Countries

/// ISO 3166-1 alpha-2 code of a country or territory present in the reference table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(&'static str);

impl CountryCode {
    /// Parses an alpha-2 code, case-insensitively (`fr`, ` FR `).
    pub fn parse(input: &str) -> Result<Self, GeoError> {
        refdata()
            .country_entry(input)
            .map(|(k, _)| Self(k.as_str()))
            .ok_or_else(|| GeoError::CountryUnknown(input.trim().to_owned()))
    }

    /// Upper-case alpha-2 code.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// Reference entry (alpha-3, numeric, M49 classification…).
    pub fn country(&self) -> &'static Country {
        refdata()
            .country(self.0)
            .expect("CountryCode always refers to an embedded country")
    }

    pub fn name_fr(&self) -> &'static str {
        &self.country().name_fr
    }

    pub fn name_en(&self) -> &'static str {
        &self.country().name_en
    }

    /// Every country code, sorted by French name (for select lists).
    pub fn all_by_name_fr() -> Vec<CountryCode> {
        refdata()
            .countries_by_name_fr()
            .map(|c| Self::parse(&c.alpha2).expect("embedded country"))
            .collect()
    }
}

string_impls!(CountryCode, GeoError);

// ---------------------------------------------------------------------------------------------
// Zones

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Group {
    Eu27,
    Eea,
    Maghreb,
    SubSaharanAfrica,
    SouthernAfrica,
    Asean,
    NorthAmerica,
    Gulf,
}

const EU27: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];
const EEA_EXTRA: &[&str] = &["IS", "LI", "NO"];
const MAGHREB: &[&str] = &["DZ", "LY", "MA", "MR", "TN"];
const ASEAN: &[&str] = &["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN"];
const NORTH_AMERICA: &[&str] = &["CA", "MX", "US"];
const GULF: &[&str] = &["AE", "BH", "KW", "OM", "QA", "SA"];

impl Group {
    const ALL: [Group; 8] = [
        Group::Eu27,
        Group::Eea,
        Group::Maghreb,
        Group::SubSaharanAfrica,
        Group::SouthernAfrica,
        Group::Asean,
        Group::NorthAmerica,
        Group::Gulf,
    ];

    fn id(self) -> &'static str {
        match self {
            Self::Eu27 => "eu27",
            Self::Eea => "eea",
            Self::Maghreb => "maghreb",
            Self::SubSaharanAfrica => "sub_saharan_africa",
            Self::SouthernAfrica => "southern_africa",
            Self::Asean => "asean",
            Self::NorthAmerica => "north_america",
            Self::Gulf => "gulf",
        }
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Eu27 => ("Union européenne (UE 27)", "European Union (EU 27)"),
            Self::Eea => (
                "Espace économique européen (UE + Islande, Liechtenstein, Norvège)",
                "European Economic Area (EU + Iceland, Liechtenstein, Norway)",
            ),
            Self::Maghreb => ("Maghreb", "Maghreb"),
            Self::SubSaharanAfrica => ("Afrique subsaharienne", "Sub-Saharan Africa"),
            Self::SouthernAfrica => ("Afrique australe", "Southern Africa"),
            Self::Asean => (
                "ASEAN (Asie du Sud-Est)",
                "ASEAN (Association of Southeast Asian Nations)",
            ),
            Self::NorthAmerica => (
                "Amérique du Nord (États-Unis, Canada, Mexique)",
                "North America (United States, Canada, Mexico)",
            ),
            Self::Gulf => (
                "Pays du Golfe (Conseil de coopération du Golfe)",
                "Gulf states (Gulf Cooperation Council)",
            ),
        }
    }

    /// Fixed member list, or the M49 area the group mirrors.
    fn members(self) -> Result<Vec<&'static str>, &'static str> {
        match self {
            Self::Eu27 => Ok(EU27.to_vec()),
            Self::Eea => Ok(EU27.iter().chain(EEA_EXTRA).copied().collect()),
            Self::Maghreb => Ok(MAGHREB.to_vec()),
            Self::SubSaharanAfrica => Err("202"),
            Self::SouthernAfrica => Err("018"),
            Self::Asean => Ok(ASEAN.to_vec()),
            Self::NorthAmerica => Ok(NORTH_AMERICA.to_vec()),
            Self::Gulf => Ok(GULF.to_vec()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ZoneKind {
    /// Named grouping.
    Group(Group),
    /// M49 area; holds the 3-digit code and the `m49-NNN` id.
    M49 {
        code: &'static str,
        id: &'static str,
    },
}

/// A target zone: a named grouping (`eu27`, `maghreb`…) or a UN M49 area (`m49-150`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(ZoneKind);

/// `m49-NNN` ids, built once so that `Zone` can stay `Copy` and hand out `&'static str`.
static M49_IDS: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
    refdata()
        .m49_regions()
        .map(|m| (m.code.clone(), format!("m49-{}", m.code)))
        .collect()
});

impl Zone {
    /// Parses a zone id, case-insensitively (`eu27`, `M49-150`).
    pub fn parse(input: &str) -> Result<Self, GeoError> {
        let id = input.trim().to_ascii_lowercase();
        if let Some(g) = Group::ALL.iter().find(|g| g.id() == id) {
            return Ok(Self(ZoneKind::Group(*g)));
        }
        if let Some(code) = id.strip_prefix("m49-")
            && let Some((c, i)) = M49_IDS.iter().find(|(c, _)| c == code)
        {
            return Ok(Self(ZoneKind::M49 { code: c, id: i }));
        }
        Err(GeoError::ZoneUnknown(input.trim().to_owned()))
    }

    /// Every zone: named groupings first (in the order of the module table), then M49 areas by
    /// code. For select lists and for error messages listing the valid values.
    pub fn all() -> Vec<Zone> {
        Group::ALL
            .iter()
            .map(|g| Self(ZoneKind::Group(*g)))
            .chain(
                M49_IDS
                    .iter()
                    .map(|(c, i)| Self(ZoneKind::M49 { code: c, id: i })),
            )
            .collect()
    }

    /// Comma-separated list of every valid id.
    pub fn all_ids() -> String {
        Self::all()
            .iter()
            .map(Zone::id)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Stable id (`eu27`, `m49-150`).
    pub fn id(&self) -> &'static str {
        match self.0 {
            ZoneKind::Group(g) => g.id(),
            ZoneKind::M49 { id, .. } => id,
        }
    }

    /// Same as [`Zone::id`].
    pub fn as_str(&self) -> &'static str {
        self.id()
    }

    /// The M49 code (`150`) when the zone is an M49 area.
    pub fn m49_code(&self) -> Option<&'static str> {
        match self.0 {
            ZoneKind::M49 { code, .. } => Some(code),
            ZoneKind::Group(_) => None,
        }
    }

    /// Level in the M49 hierarchy when the zone is an M49 area.
    pub fn m49_level(&self) -> Option<M49Level> {
        self.m49_code()
            .and_then(|c| refdata().m49_region(c))
            .map(|m| m.level)
    }

    pub fn name_fr(&self) -> &'static str {
        match self.0 {
            ZoneKind::Group(g) => g.names().0,
            ZoneKind::M49 { code, .. } => &refdata().m49_region(code).expect("m49").name_fr,
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self.0 {
            ZoneKind::Group(g) => g.names().1,
            ZoneKind::M49 { code, .. } => &refdata().m49_region(code).expect("m49").name_en,
        }
    }

    /// Member countries, sorted by code.
    pub fn members(&self) -> Vec<CountryCode> {
        let m49 = match self.0 {
            ZoneKind::Group(g) => match g.members() {
                Ok(list) => {
                    let mut v: Vec<CountryCode> = list
                        .into_iter()
                        .map(|c| CountryCode::parse(c).expect("zone member in refdata"))
                        .collect();
                    v.sort();
                    return v;
                }
                Err(code) => code,
            },
            ZoneKind::M49 { code, .. } => code,
        };
        refdata()
            .countries_in_m49(m49)
            .into_iter()
            .map(|c| CountryCode::parse(&c.alpha2).expect("embedded country"))
            .collect()
    }

    /// Member countries as a set.
    pub fn member_set(&self) -> BTreeSet<CountryCode> {
        self.members().into_iter().collect()
    }

    /// Whether `country` belongs to the zone.
    pub fn contains(&self, country: &CountryCode) -> bool {
        let m49 = match self.0 {
            ZoneKind::Group(g) => match g.members() {
                Ok(list) => return list.contains(&country.as_str()),
                Err(code) => code,
            },
            ZoneKind::M49 { code, .. } => code,
        };
        country.country().in_m49(m49)
    }
}

string_impls!(Zone, GeoError);

// ---------------------------------------------------------------------------------------------
// Départements

/// The 101 French départements: 96 in metropolitan France (01–95 with 2A and 2B instead of 20)
/// and the 5 overseas départements 971–974 and 976. (975, Saint-Pierre-et-Miquelon, is an
/// overseas collectivity, not a département.)
const DEPARTEMENTS: [&str; 101] = [
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "2A", "2B", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
    "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63",
    "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
    "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
    "971", "972", "973", "974", "976",
];

/// INSEE code of a French département (`59`, `2A`, `971`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DepartementCode(&'static str);

impl DepartementCode {
    /// Parses a département code, case-insensitively; a single digit is zero-padded (`2` → `02`).
    pub fn parse(input: &str) -> Result<Self, GeoError> {
        let mut s = input.trim().to_ascii_uppercase();
        if s.len() == 1 {
            s.insert(0, '0');
        }
        DEPARTEMENTS
            .iter()
            .find(|d| **d == s)
            .map(|d| Self(d))
            .ok_or_else(|| GeoError::DepartementUnknown(input.trim().to_owned()))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// All 101 départements in INSEE order.
    pub fn all() -> Vec<DepartementCode> {
        DEPARTEMENTS.iter().map(|d| Self(d)).collect()
    }

    /// The five Hauts-de-France départements (02, 59, 60, 62, 80).
    pub fn all_hdf() -> Vec<DepartementCode> {
        refdata()
            .departements()
            .map(|d| Self::parse(&d.code).expect("HdF département"))
            .collect()
    }

    /// Whether the département is in Hauts-de-France (region 32).
    pub fn is_hdf(&self) -> bool {
        refdata().departement(self.0).is_some()
    }

    /// Reference entry for HdF départements.
    pub fn hdf(&self) -> Option<&'static Departement> {
        refdata().departement(self.0)
    }

    /// Name, for HdF départements only (the table covers the region).
    pub fn name(&self) -> Option<&'static str> {
        self.hdf().map(|d| d.name.as_str())
    }

    /// Whether the département is overseas (971–976).
    pub fn is_overseas(&self) -> bool {
        self.0.len() == 3
    }
}

string_impls!(DepartementCode, GeoError);

// ---------------------------------------------------------------------------------------------
// Communes

/// INSEE code of a commune (code officiel géographique), e.g. `59350`, `2A004`, `97411`.
///
/// Any well-formed code of a French département is accepted; [`CommuneCode::hdf_commune`]
/// tells whether it is a known Hauts-de-France commune, and [`CommuneCode::parse_hdf`] requires
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CommuneCode(String);

impl CommuneCode {
    /// Parses a commune code (format check, département must exist; `2a004` → `2A004`).
    pub fn parse(input: &str) -> Result<Self, GeoError> {
        let s = input.trim().to_ascii_uppercase();
        let err = || GeoError::CommuneFormat(input.trim().to_owned());
        let b = s.as_bytes();
        if b.len() != 5 || !b[2..].iter().all(u8::is_ascii_digit) {
            return Err(err());
        }
        let dep = if s.starts_with("97") {
            &s[..3]
        } else {
            &s[..2]
        };
        if DepartementCode::parse(dep).is_err() {
            return Err(err());
        }
        Ok(Self(s))
    }

    /// Parses a code that must be a current Hauts-de-France commune (`commune_unknown`
    /// otherwise).
    pub fn parse_hdf(input: &str) -> Result<Self, GeoError> {
        let c = Self::parse(input)?;
        if c.hdf_commune().is_none() {
            return Err(GeoError::CommuneUnknown(c.0));
        }
        Ok(c)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Département of the commune (first 2 characters, 3 overseas).
    pub fn departement(&self) -> DepartementCode {
        let dep = if self.0.starts_with("97") {
            &self.0[..3]
        } else {
            &self.0[..2]
        };
        DepartementCode::parse(dep).expect("checked at parse")
    }

    /// The reference entry when the commune is a current Hauts-de-France commune.
    pub fn hdf_commune(&self) -> Option<&'static Commune> {
        refdata().commune(&self.0)
    }
}

string_impls!(CommuneCode, GeoError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cc(s: &str) -> CountryCode {
        CountryCode::parse(s).unwrap()
    }

    #[test]
    fn countries() {
        let fr = cc(" fr ");
        assert_eq!(fr.as_str(), "FR");
        assert_eq!(fr.name_fr(), "France");
        assert_eq!(cc("de").name_fr(), "Allemagne");
        assert_eq!(cc("DE").name_en(), "Germany");
        assert_eq!(fr.country().alpha3, "FRA");
        for bad in ["", "F", "FRA", "XX", "ZZ", "é"] {
            assert_eq!(
                CountryCode::parse(bad).unwrap_err().code(),
                "country_unknown"
            );
        }
        let all = CountryCode::all_by_name_fr();
        assert_eq!(all.len(), 249);
        assert_eq!(all[0].as_str(), "AF");
        assert_eq!(serde_json::to_string(&fr).unwrap(), "\"FR\"");
        assert_eq!(serde_json::from_str::<CountryCode>("\"fr\"").unwrap(), fr);
        assert!(serde_json::from_str::<CountryCode>("\"XX\"").is_err());
    }

    fn ids(z: &Zone) -> Vec<&'static str> {
        z.members().iter().map(CountryCode::as_str).collect()
    }

    #[test]
    fn named_zones() {
        let eu = Zone::parse("EU27").unwrap();
        assert_eq!(eu.members().len(), 27);
        assert!(eu.contains(&cc("FR")) && eu.contains(&cc("HR")));
        assert!(!eu.contains(&cc("GB")) && !eu.contains(&cc("NO")));
        let eea = Zone::parse("eea").unwrap();
        assert_eq!(eea.members().len(), 30);
        assert!(eea.contains(&cc("NO")) && !eea.contains(&cc("CH")));
        assert_eq!(
            ids(&Zone::parse("maghreb").unwrap()),
            ["DZ", "LY", "MA", "MR", "TN"]
        );
        assert_eq!(Zone::parse("asean").unwrap().members().len(), 10);
        assert_eq!(
            ids(&Zone::parse("north_america").unwrap()),
            ["CA", "MX", "US"]
        );
        assert_eq!(
            ids(&Zone::parse("gulf").unwrap()),
            ["AE", "BH", "KW", "OM", "QA", "SA"]
        );
        assert_eq!(
            ids(&Zone::parse("southern_africa").unwrap()),
            ["BW", "LS", "NA", "SZ", "ZA"]
        );
        let ssa = Zone::parse("sub_saharan_africa").unwrap();
        assert_eq!(ssa.members(), Zone::parse("m49-202").unwrap().members());
        assert!(ssa.contains(&cc("SN")) && !ssa.contains(&cc("MA")));
        assert_eq!(ssa.name_fr(), "Afrique subsaharienne");
    }

    #[test]
    fn m49_zones() {
        let europe = Zone::parse("m49-150").unwrap();
        assert_eq!(europe.id(), "m49-150");
        assert_eq!(europe.name_fr(), "Europe");
        assert_eq!(europe.m49_code(), Some("150"));
        assert_eq!(europe.m49_level(), Some(M49Level::Region));
        assert!(europe.contains(&cc("FR")));
        let na = Zone::parse("M49-021").unwrap();
        assert_eq!(ids(&na), ["BM", "CA", "GL", "PM", "US"]);
        assert!(!na.contains(&cc("MX")));
        let world = Zone::parse("m49-001").unwrap();
        assert_eq!(world.members().len(), 248); // all but Antarctica
        for bad in ["", "europe", "m49-", "m49-999", "m49-150x", "eu28"] {
            assert_eq!(
                Zone::parse(bad).unwrap_err().code(),
                "zone_unknown",
                "{bad}"
            );
        }
    }

    #[test]
    fn all_zones_round_trip_and_have_members() {
        let all = Zone::all();
        assert_eq!(all.len(), 8 + 30);
        assert_eq!(all[0].id(), "eu27");
        for z in &all {
            assert_eq!(Zone::parse(z.id()).unwrap(), *z);
            assert!(!z.members().is_empty(), "{}", z.id());
            assert!(!z.name_fr().is_empty() && !z.name_en().is_empty());
            for c in z.members() {
                assert!(z.contains(&c), "{} {}", z.id(), c);
            }
            let json = serde_json::to_string(z).unwrap();
            assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), *z);
        }
        assert!(Zone::all_ids().starts_with("eu27, eea, maghreb"));
    }

    #[test]
    fn departements() {
        assert_eq!(DepartementCode::all().len(), 101);
        let nord = DepartementCode::parse("59").unwrap();
        assert!(nord.is_hdf());
        assert_eq!(nord.name(), Some("Nord"));
        assert_eq!(DepartementCode::parse("2").unwrap().as_str(), "02");
        assert_eq!(DepartementCode::parse("2a").unwrap().as_str(), "2A");
        let paris = DepartementCode::parse("75").unwrap();
        assert!(!paris.is_hdf());
        assert_eq!(paris.name(), None);
        assert!(DepartementCode::parse("971").unwrap().is_overseas());
        for bad in ["", "0", "00", "20", "96", "975", "977", "2C", "590"] {
            assert_eq!(
                DepartementCode::parse(bad).unwrap_err().code(),
                "departement_unknown",
                "{bad}"
            );
        }
        let hdf: Vec<&str> = DepartementCode::all_hdf()
            .iter()
            .map(DepartementCode::as_str)
            .collect();
        assert_eq!(hdf, ["02", "59", "60", "62", "80"]);
    }

    #[test]
    fn communes() {
        let lille = CommuneCode::parse("59350").unwrap();
        assert_eq!(lille.departement().as_str(), "59");
        assert_eq!(lille.hdf_commune().unwrap().name, "Lille");
        let ajaccio = CommuneCode::parse("2a004").unwrap();
        assert_eq!(ajaccio.as_str(), "2A004");
        assert_eq!(ajaccio.departement().as_str(), "2A");
        assert!(ajaccio.hdf_commune().is_none());
        assert_eq!(
            CommuneCode::parse("97411").unwrap().departement().as_str(),
            "974"
        );
        assert_eq!(
            CommuneCode::parse("75056").unwrap().departement().as_str(),
            "75"
        );
        for bad in [
            "", "5935", "593500", "20004", "00123", "96001", "97501", "2C004", "59A50",
        ] {
            assert_eq!(
                CommuneCode::parse(bad).unwrap_err().code(),
                "commune_format",
                "{bad}"
            );
        }
        assert_eq!(
            CommuneCode::parse_hdf("75056").unwrap_err().code(),
            "commune_unknown"
        );
        assert_eq!(
            CommuneCode::parse_hdf("80021")
                .unwrap()
                .hdf_commune()
                .unwrap()
                .name,
            "Amiens"
        );
        for c in refdata().communes_of("62") {
            assert_eq!(
                CommuneCode::parse_hdf(&c.code_insee)
                    .unwrap()
                    .departement()
                    .as_str(),
                "62"
            );
        }
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = CountryCode::parse(&s);
            let _ = Zone::parse(&s);
            let _ = DepartementCode::parse(&s);
            let _ = CommuneCode::parse(&s);
            let _ = CommuneCode::parse_hdf(&s);
        }

        #[test]
        fn commune_round_trip(s in "[0-9]{2}[0-9]{3}|2[ABab][0-9]{3}|97[0-9]{3}") {
            if let Ok(c) = CommuneCode::parse(&s) {
                prop_assert_eq!(CommuneCode::parse(&c.to_string()).unwrap(), c.clone());
                prop_assert!(c.as_str().starts_with(c.departement().as_str()));
            }
        }
    }
}
