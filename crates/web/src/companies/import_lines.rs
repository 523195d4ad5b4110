//! Reading a partner's CSV file for an import: decoding (UTF-8 or Windows-1252), the
//! delimiter, the columns guessed from the headers, and each line parsed with the same rules as
//! the forms (SIREN checksum, NAF, commune, headcount band, dates, amounts).

use super::edit::CompanyForm;
use crate::http::render::FormState;
use crate::state::AppState;
use chrono::NaiveDate;
use std::collections::HashMap;
use tremplin_domain::company::HEADCOUNT_BANDS;
use tremplin_domain::followup::AccompanimentStatus;
use tremplin_domain::refdata::fold;
use tremplin_store::accompaniments::NewAccompaniment;
use tremplin_store::companies::Fields;

/// Largest number of data lines in one import.
pub const MAX_LINES: usize = 100_000;

/// (field, required, header names it is guessed from).
pub(super) type FieldSpec = (&'static str, bool, &'static [&'static str]);

pub(super) const COMPANY_FIELDS: &[FieldSpec] = &[
    (
        "name",
        true,
        &[
            "raison sociale",
            "nom",
            "name",
            "entreprise",
            "societe",
            "denomination",
            "company",
        ],
    ),
    (
        "siren",
        false,
        &["siren", "siret", "n siren", "numero siren"],
    ),
    (
        "naf",
        false,
        &["naf", "ape", "code naf", "code ape", "activite"],
    ),
    (
        "legal_form",
        false,
        &["forme juridique", "legal form", "forme"],
    ),
    (
        "registries",
        false,
        &["registre", "registres", "registry", "immatriculation"],
    ),
    (
        "headcount",
        false,
        &[
            "effectif",
            "effectifs",
            "tranche d effectif",
            "headcount",
            "salaries",
        ],
    ),
    (
        "turnover_eur",
        false,
        &["chiffre d affaires", "ca", "turnover"],
    ),
    ("address", false, &["adresse", "address"]),
    (
        "commune",
        false,
        &["commune", "code commune", "insee", "code insee"],
    ),
    ("country", false, &["pays", "country"]),
    (
        "sharing_consent",
        false,
        &["consentement", "partage", "consent", "accord de partage"],
    ),
];

pub(super) const ACCOMPANIMENT_FIELDS: &[FieldSpec] = &[
    ("siren", true, &["siren", "siret", "n siren"]),
    (
        "title",
        true,
        &["intitule", "titre", "title", "prestation", "accompagnement"],
    ),
    ("scheme", false, &["dispositif", "scheme", "programme"]),
    ("status", false, &["statut", "etat", "status"]),
    (
        "start",
        false,
        &["debut", "date de debut", "start", "start date"],
    ),
    ("end", false, &["fin", "date de fin", "end", "end date"]),
    ("budget", false, &["montant", "budget", "amount"]),
    ("outcome", false, &["resultat", "outcome", "result"]),
];

pub(super) fn fields_of(kind: &str) -> &'static [FieldSpec] {
    if kind == "accompaniments" {
        ACCOMPANIMENT_FIELDS
    } else {
        COMPANY_FIELDS
    }
}

/// Decodes the upload: a UTF-8 BOM or valid UTF-8 is UTF-8, anything else Windows-1252 (what
/// French Excel writes), unless the user chose.
pub fn decode(bytes: &[u8], choice: &str) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match choice {
        "windows-1252" => (
            encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
            "windows-1252",
        ),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), "utf-8"),
            Err(_) if choice == "utf-8" => (String::from_utf8_lossy(bytes).into_owned(), "utf-8"),
            Err(_) => (
                encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
                "windows-1252",
            ),
        },
    }
}

/// The delimiter the header line uses most: `;` (French Excel), `,` or tab.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Headers and data records with their line numbers (1 = the header line).
/// A data record with its line number in the file.
pub(super) type Record = (u64, Vec<String>);

pub(super) fn read(text: &str) -> Result<(Vec<String>, Vec<Record>), String> {
    // The reader's line count skips CRLF-ended lines' numbers: normalise to LF first.
    let text = &text.replace("\r\n", "\n");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        if rows.len() > MAX_LINES {
            return Err(format!("more than {MAX_LINES} lines"));
        }
    }
    Ok((headers, rows))
}

/// For each field, the column whose header matches one of its names.
pub(super) fn guess(kind: &str, headers: &[String]) -> Vec<Option<usize>> {
    let folded: Vec<String> = headers
        .iter()
        .map(|h| {
            fold(h)
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    fields_of(kind)
        .iter()
        .map(|(_, _, names)| folded.iter().position(|h| names.contains(&h.as_str())))
        .collect()
}

/// One parsed line, ready to write.
pub(super) enum Parsed {
    Company(Box<Fields>),
    Accompaniment(String, Box<NewAccompaniment>),
}

/// A refused line: its number, and each field with its error code.
pub struct LineError {
    pub line: u64,
    pub errors: Vec<(String, String)>,
}

pub(super) fn yes(s: &str) -> bool {
    matches!(
        fold(s.trim()).as_str(),
        "oui" | "yes" | "o" | "y" | "x" | "1" | "true" | "vrai"
    )
}

pub(super) fn band_of(s: &str) -> Result<Option<String>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(b) = HEADCOUNT_BANDS.iter().find(|b| b.0 == s) {
        return Ok(Some(b.0.to_string()));
    }
    match s.replace([' ', '\u{a0}'], "").parse::<i64>() {
        Ok(n) if n >= 0 => Ok(HEADCOUNT_BANDS
            .iter()
            .find(|b| n >= b.1 && n <= b.2)
            .map(|b| b.0.to_string())),
        Ok(_) => Err("value_negative"),
        Err(_) => Err("number_invalid"),
    }
}

/// A date as a form sends it, or as French spreadsheets write it (`31/12/2019`).
pub(super) fn date_of(s: &str) -> Result<Option<NaiveDate>, &'static str> {
    crate::http::forms::date(s).or_else(|e| {
        NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y")
            .map(Some)
            .map_err(|_| e)
    })
}

/// A status in French or English as partners' files write it; empty is a delivered service.
pub(super) fn status_of(s: &str) -> Option<AccompanimentStatus> {
    use AccompanimentStatus::*;
    let f = fold(s.trim());
    match f.as_str() {
        "" | "realise" | "termine" | "done" => Some(Completed),
        "prevu" => Some(Planned),
        "en cours" | "in progress" => Some(InProgress),
        "annule" | "canceled" => Some(Cancelled),
        other => AccompanimentStatus::parse(other),
    }
}

pub(super) fn parse_line(
    state: &AppState,
    kind: &str,
    map: &HashMap<&'static str, usize>,
    rec: &[String],
    lang: crate::http::i18n::Lang,
) -> Result<Parsed, Vec<(String, String)>> {
    if rec.iter().any(|c| c.contains('\0')) {
        return Err(vec![("line".into(), "bad_request".into())]);
    }
    let cells = Cells { map, rec };
    if kind == "companies" {
        return company_line(&cells, lang);
    }
    accompaniment_line(state, &cells)
}

/// The cells of one line, by field (empty when the field has no column).
struct Cells<'a> {
    map: &'a HashMap<&'static str, usize>,
    rec: &'a [String],
}

impl<'a> Cells<'a> {
    /// The cell of field `f`.
    fn get(&self, f: &str) -> &'a str {
        self.map
            .get(f)
            .and_then(|i| self.rec.get(*i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A line's errors, as (field, code) in the order they were found.
#[derive(Default)]
struct LineErrors(Vec<(String, String)>);

impl LineErrors {
    /// Notes an error of field `f`.
    fn fail(&mut self, f: &str, code: &str) {
        self.0.push((f.to_string(), code.to_string()));
    }
}

/// A company line, checked by the company form's rules.
fn company_line(c: &Cells, lang: crate::http::i18n::Lang) -> Result<Parsed, Vec<(String, String)>> {
    let reg = fold(c.get("registries"));
    let mut errors = LineErrors::default();
    let headcount_band = match band_of(c.get("headcount")) {
        Ok(b) => b.unwrap_or_default(),
        Err(code) => {
            errors.fail("headcount", code);
            String::new()
        }
    };
    let checked = |yes: bool| if yes { "oui".into() } else { String::new() };
    let form = CompanyForm {
        name: c.get("name").to_string(),
        siren: c.get("siren").to_string(),
        naf: c.get("naf").to_string(),
        legal_form: c.get("legal_form").to_string(),
        rcs: checked(reg.contains("rcs")),
        rm: checked(reg.contains("rm")),
        headcount_band,
        turnover_eur: c.get("turnover_eur").to_string(),
        address: c.get("address").to_string(),
        commune: c.get("commune").to_string(),
        country: c.get("country").to_string(),
        sharing_consent: checked(yes(c.get("sharing_consent"))),
        ..CompanyForm::default()
    };
    let mut fs = FormState::new(lang);
    let fields = form.fields(&mut fs);
    errors.0.extend(fs.errors);
    match (fields, errors.0.is_empty()) {
        (Some(f), true) => Ok(Parsed::Company(Box::new(f))),
        _ => Err(errors.0),
    }
}

/// An accompaniment line: the company's SIREN, and the service delivered.
fn accompaniment_line(state: &AppState, c: &Cells) -> Result<Parsed, Vec<(String, String)>> {
    let mut errors = LineErrors::default();
    let siren = match tremplin_domain::siren::parse_siren_or_siret(c.get("siren")) {
        Ok(s) => s.as_str().to_string(),
        Err(e) => {
            errors.fail("siren", e.code());
            String::new()
        }
    };
    let title = c.get("title");
    if title.is_empty() {
        errors.fail("title", "required");
    } else if title.chars().count() > 300 {
        errors.fail("title", "too_long");
    }
    let scheme = Some(c.get("scheme").to_string()).filter(|s| !s.is_empty());
    if let Some(s) = &scheme
        && state.catalogue().catalogue.get(s).is_none()
    {
        errors.fail("scheme", "value_unknown");
    }
    let status = status_of(c.get("status"));
    if status.is_none() {
        errors.fail("status", "value_unknown");
    }
    let (start, end) = line_dates(c, &mut errors);
    let budget = line_budget(c.get("budget"), &mut errors);
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok(Parsed::Accompaniment(
        siren,
        Box::new(NewAccompaniment {
            scheme_id: scheme,
            title: title.to_string(),
            status: status.unwrap_or_default(),
            start_date: start,
            end_date: end,
            budget_cents: budget,
            outcome: Some(c.get("outcome").to_string()).filter(|s| !s.is_empty()),
            ..NewAccompaniment::default()
        }),
    ))
}

/// The start and end of an accompaniment (optional), the end not before the start.
fn line_dates(c: &Cells, errors: &mut LineErrors) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = date_of(c.get("start")).unwrap_or_else(|code| {
        errors.fail("start", code);
        None
    });
    let end = date_of(c.get("end")).unwrap_or_else(|code| {
        errors.fail("end", code);
        None
    });
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        errors.fail("end", "end_before_start");
    }
    (start, end)
}

/// The budget in cents (optional).
fn line_budget(b: &str, errors: &mut LineErrors) -> Option<i64> {
    match b {
        "" => None,
        b => match tremplin_domain::money::Cents::parse(b) {
            Ok(c) => Some(c.get()),
            Err(e) => {
                errors.fail("budget", e.code());
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_utf8_are_told_apart() {
        let latin = b"Raison sociale;Commune\nCaf\xe9 du Nord;59350\n";
        let (text, enc) = decode(latin, "auto");
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("Café du Nord"));
        let (text, enc) = decode("\u{feff}Nom,Ville\nÉtoile,Lille\n".as_bytes(), "auto");
        assert_eq!(enc, "utf-8");
        assert!(text.starts_with("Nom,"));
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
        assert_eq!(sniff_delimiter("a,b\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
    }

    #[test]
    fn line_numbers_are_the_file_s_own() {
        for text in ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n"] {
            let (_, rows) = read(text).expect("csv");
            assert_eq!(
                rows.iter().map(|r| r.0).collect::<Vec<_>>(),
                [2, 3],
                "{text:?}"
            );
        }
        let (_, rows) = read("a,b\n\"x\ny\",2\n3,4\n").expect("csv");
        assert_eq!(
            rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [2, 4],
            "a field over two lines"
        );
    }

    #[test]
    fn headers_are_guessed_whatever_their_accents_and_case() {
        let headers: Vec<String> = [
            "N° SIREN",
            "Raison Sociale",
            "Code NAF",
            "Tranche d'effectif",
            "Commune",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = guess("companies", &headers);
        assert_eq!(m[0], Some(1), "name");
        assert_eq!(m[1], Some(0), "siren");
        assert_eq!(m[2], Some(2), "naf");
        assert_eq!(m[5], Some(3), "headcount");
        assert_eq!(m[8], Some(4), "commune");
    }

    #[test]
    fn headcounts_become_bands_and_dates_take_two_forms() {
        assert_eq!(band_of("12"), Ok(Some("10-49".into())));
        assert_eq!(band_of("1-9"), Ok(Some("1-9".into())));
        assert_eq!(band_of("-3"), Err("value_negative"));
        assert_eq!(band_of("beaucoup"), Err("number_invalid"));
        assert_eq!(
            date_of("31/12/2019"),
            Ok(NaiveDate::from_ymd_opt(2019, 12, 31))
        );
        assert_eq!(
            date_of("2019-12-31"),
            Ok(NaiveDate::from_ymd_opt(2019, 12, 31))
        );
        assert_eq!(date_of("31.12.2019"), Err("date_invalid"));
        assert_eq!(status_of("Réalisé"), Some(AccompanimentStatus::Completed));
        assert_eq!(status_of("en cours"), Some(AccompanimentStatus::InProgress));
        assert_eq!(status_of("peut-être"), None);
    }
}
