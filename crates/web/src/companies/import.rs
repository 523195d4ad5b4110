//! CSV import of companies and accompaniments from a partner's existing file: upload (UTF-8 or
//! Windows-1252, `,` `;` or tab, detected), column mapping (guessed from the headers), a dry run
//! listing every bad line by its line number, then one transaction once the user confirms.
//! Lines are checked with the same rules as the forms (SIREN checksum, NAF, commune…).

use std::collections::{HashMap, HashSet};

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use tremplin_domain::company::HEADCOUNT_BANDS;
use tremplin_domain::followup::AccompanimentStatus;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata::fold;
use tremplin_store::accompaniments::NewAccompaniment;
use tremplin_store::companies::Fields;
use tremplin_store::imports::{self, Import, NewImport};
use uuid::Uuid;

use super::edit::CompanyForm;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The body limit of the upload route: the file and the form's other fields.
pub(super) const MAX_BODY_BYTES: usize = MAX_FILE_BYTES + 64 * 1024;
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
    let cell = |f: &str| {
        map.get(f)
            .and_then(|i| rec.get(*i))
            .map(String::as_str)
            .unwrap_or("")
    };
    if rec.iter().any(|c| c.contains('\0')) {
        return Err(vec![("line".into(), "bad_request".into())]);
    }
    if kind == "companies" {
        let reg = fold(cell("registries"));
        let mut errors = Vec::new();
        let headcount_band = match band_of(cell("headcount")) {
            Ok(b) => b.unwrap_or_default(),
            Err(code) => {
                errors.push(("headcount".to_string(), code.to_string()));
                String::new()
            }
        };
        let form = CompanyForm {
            name: cell("name").to_string(),
            siren: cell("siren").to_string(),
            naf: cell("naf").to_string(),
            legal_form: cell("legal_form").to_string(),
            rcs: if reg.contains("rcs") {
                "oui".into()
            } else {
                String::new()
            },
            rm: if reg.contains("rm") {
                "oui".into()
            } else {
                String::new()
            },
            headcount_band,
            turnover_eur: cell("turnover_eur").to_string(),
            address: cell("address").to_string(),
            commune: cell("commune").to_string(),
            country: cell("country").to_string(),
            sharing_consent: if yes(cell("sharing_consent")) {
                "oui".into()
            } else {
                String::new()
            },
            ..CompanyForm::default()
        };
        let mut fs = FormState::new(lang);
        let fields = form.fields(&mut fs);
        errors.extend(fs.errors);
        return match (fields, errors.is_empty()) {
            (Some(f), true) => Ok(Parsed::Company(Box::new(f))),
            _ => Err(errors),
        };
    }
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut fail = |f: &str, c: &str| errors.push((f.to_string(), c.to_string()));
    let siren = match tremplin_domain::siren::parse_siren_or_siret(cell("siren")) {
        Ok(s) => s.as_str().to_string(),
        Err(e) => {
            fail("siren", e.code());
            String::new()
        }
    };
    let title = cell("title");
    if title.is_empty() {
        fail("title", "required");
    } else if title.chars().count() > 300 {
        fail("title", "too_long");
    }
    let scheme = Some(cell("scheme").to_string()).filter(|s| !s.is_empty());
    if let Some(s) = &scheme
        && state.catalogue().catalogue.get(s).is_none()
    {
        fail("scheme", "value_unknown");
    }
    let status = status_of(cell("status"));
    if status.is_none() {
        fail("status", "value_unknown");
    }
    let start = date_of(cell("start")).unwrap_or_else(|c| {
        fail("start", c);
        None
    });
    let end = date_of(cell("end")).unwrap_or_else(|c| {
        fail("end", c);
        None
    });
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        fail("end", "end_before_start");
    }
    let budget = match cell("budget") {
        "" => None,
        b => match tremplin_domain::money::Cents::parse(b) {
            Ok(c) => Some(c.get()),
            Err(e) => {
                fail("budget", e.code());
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
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
            outcome: Some(cell("outcome").to_string()).filter(|s| !s.is_empty()),
            ..NewAccompaniment::default()
        }),
    ))
}

/// The dry run: every line parsed, the bad ones listed with their line numbers.
pub(super) struct DryRun {
    headers: Vec<String>,
    mapping: Vec<Option<usize>>,
    good: Vec<(u64, Parsed)>,
    bad: Vec<LineError>,
    /// Accompaniments: SIREN → company file.
    companies: HashMap<String, Uuid>,
}

pub(super) async fn dry_run(
    state: &AppState,
    imp: &Import,
    chosen: Option<&HashMap<String, String>>,
    lang: crate::http::i18n::Lang,
) -> Result<DryRun, AppError> {
    let (headers, rows) = read(&imp.content).map_err(|_| AppError::BadRequest("csv_unreadable"))?;
    let specs = fields_of(&imp.kind);
    let mapping: Vec<Option<usize>> = match chosen {
        None => guess(&imp.kind, &headers),
        Some(c) => specs
            .iter()
            .map(|(f, _, _)| {
                c.get(&format!("col_{f}"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|i| *i < headers.len())
            })
            .collect(),
    };
    let map: HashMap<&'static str, usize> = specs
        .iter()
        .zip(&mapping)
        .filter_map(|((f, _, _), m)| m.map(|i| (*f, i)))
        .collect();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut seen_siren: HashMap<String, u64> = HashMap::new();
    for (line, rec) in &rows {
        match parse_line(state, &imp.kind, &map, rec, lang) {
            Ok(p) => {
                // The same SIREN twice in a company file is a mistake of the file.
                if let Parsed::Company(f) = &p
                    && let Some(s) = &f.siren
                    && let Some(first) = seen_siren.insert(s.clone(), *line)
                {
                    bad.push(LineError {
                        line: *line,
                        errors: vec![("siren".into(), format!("duplicate_in_file:{first}"))],
                    });
                    continue;
                }
                good.push((*line, p))
            }
            Err(errors) => bad.push(LineError {
                line: *line,
                errors,
            }),
        }
    }
    let mut companies = HashMap::new();
    if imp.kind == "accompaniments" {
        let sirens: Vec<String> = good
            .iter()
            .filter_map(|(_, p)| match p {
                Parsed::Accompaniment(s, _) => Some(s.clone()),
                Parsed::Company(_) => None,
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        companies = imports::companies_by_siren(state.db(), &sirens)
            .await?
            .into_iter()
            .collect();
        let mut kept = Vec::new();
        for (line, p) in good {
            match &p {
                Parsed::Accompaniment(s, _) if !companies.contains_key(s) => bad.push(LineError {
                    line,
                    errors: vec![("siren".into(), "company_unknown".into())],
                }),
                _ => kept.push((line, p)),
            }
        }
        good = kept;
    }
    bad.sort_by_key(|b| b.line);
    Ok(DryRun {
        headers,
        mapping,
        good,
        bad,
        companies,
    })
}

pub(super) async fn load(ctx: &Ctx, state: &AppState, id: Uuid) -> Result<Import, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let imp = imports::get(state.db(), id).await?;
    // An import is its author's until confirmed.
    if ctx.user.as_ref().map(|u| u.id) != Some(imp.user_id) {
        return Err(AppError::NotFound);
    }
    Ok(imp)
}

pub(super) async fn upload_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    Ok(render(
        &views::ImportUpload { ctx, error: None },
        StatusCode::OK,
    ))
}

pub(super) async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let user = ctx
        .user
        .as_ref()
        .map(|u| u.id)
        .ok_or(AppError::LoginRequired)?;
    let (mut kind, mut encoding, mut filename, mut bytes) =
        (String::new(), String::new(), String::new(), Vec::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::Malformed(e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            filename = field.file_name().unwrap_or("import.csv").to_string();
            bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::Malformed(e.body_text()))?
                .to_vec();
        } else {
            let v = field
                .text()
                .await
                .map_err(|e| AppError::Malformed(e.body_text()))?;
            match name.as_str() {
                "kind" => kind = v,
                "encoding" => encoding = v,
                _ => {}
            }
        }
    }
    let refuse = |ctx: Ctx, code: &str| {
        let error = Some(ctx.t(&format!("error-{code}")));
        Ok(render(
            &views::ImportUpload { ctx, error },
            StatusCode::UNPROCESSABLE_ENTITY,
        ))
    };
    if !["companies", "accompaniments"].contains(&kind.as_str()) {
        return refuse(ctx, "value_unknown");
    }
    if bytes.is_empty() {
        return refuse(ctx, "import_empty");
    }
    if bytes.len() > MAX_FILE_BYTES {
        return refuse(ctx, "payload_too_large");
    }
    let (text, enc) = decode(&bytes, &encoding);
    match read(&text) {
        Ok((headers, _)) if headers.iter().any(|h| !h.is_empty()) => {}
        _ => return refuse(ctx, "csv_unreadable"),
    }
    let id = imports::create(
        state.db(),
        &NewImport {
            kind: &kind,
            organisation_id: org,
            user_id: user,
            filename: filename.chars().take(200).collect::<String>().as_str(),
            encoding: enc,
            content: &text,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/entreprises/import/{id}")).into_response())
}

pub(super) fn field_label(ctx: &Ctx, f: &str) -> String {
    ctx.tp("import-field-", f)
}

pub(super) fn error_text(ctx: &Ctx, code: &str) -> String {
    match code.split_once(':') {
        Some(("duplicate_in_file", first)) => ctx.t1("error-duplicate_in_file", "line", first),
        _ => ctx.t(&format!("error-{code}")),
    }
}

pub(super) async fn mapping_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let imp = load(&ctx, &state, id).await?;
    if imp.status == "done" {
        return Ok(render(
            &views::ImportDone {
                outcome: serde_json::from_str(imp.result_json.as_deref().unwrap_or("{}"))
                    .unwrap_or_default(),
                ctx,
            },
            StatusCode::OK,
        ));
    }
    let chosen = q.contains_key("apercu").then_some(&q);
    let run = dry_run(&state, &imp, chosen, ctx.lang).await?;
    let specs = fields_of(&imp.kind);
    let mut missing = Vec::new();
    let fields = specs
        .iter()
        .zip(&run.mapping)
        .map(|((f, required, _), m)| {
            if *required && m.is_none() {
                missing.push(field_label(&ctx, f));
            }
            views::ImportField {
                id: f.to_string(),
                label: field_label(&ctx, f),
                required: *required,
                column: *m,
            }
        })
        .collect();
    let errors = run
        .bad
        .iter()
        .take(500)
        .map(|b| views::ImportLineError {
            line: b.line,
            text: b
                .errors
                .iter()
                .map(|(f, c)| format!("{} : {}", field_label(&ctx, f), error_text(&ctx, c)))
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let preview = run
        .good
        .iter()
        .take(20)
        .map(|(line, p)| match p {
            Parsed::Company(f) => (
                *line,
                vec![
                    f.name.clone(),
                    f.siren.clone().unwrap_or_default(),
                    f.naf.clone().unwrap_or_default(),
                    f.commune.clone().unwrap_or_default(),
                ],
            ),
            Parsed::Accompaniment(s, a) => (
                *line,
                vec![
                    s.clone(),
                    a.title.clone(),
                    ctx.tp("acc-status-", a.status),
                    a.end_date.map(|d| d.to_string()).unwrap_or_default(),
                ],
            ),
        })
        .collect();
    let status = if chosen.is_some() && !run.bad.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mapping_query = specs
        .iter()
        .zip(&run.mapping)
        .filter_map(|((f, _, _), m)| m.map(|i| (format!("col_{f}"), i.to_string())))
        .collect();
    Ok(render(
        &views::ImportMapping {
            id,
            filename: imp.filename,
            encoding: imp.encoding,
            kind: imp.kind,
            headers: run.headers,
            fields,
            checked: chosen.is_some(),
            total: run.good.len() + run.bad.len(),
            valid: run.good.len(),
            invalid: run.bad.len(),
            errors,
            preview,
            missing,
            mapping_query,
            ctx,
        },
        status,
    ))
}

pub(super) async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let imp = load(&ctx, &state, id).await?;
    if imp.status == "done" {
        return Ok(Redirect::to(&format!("/entreprises/import/{id}")).into_response());
    }
    let run = dry_run(&state, &imp, Some(&f), ctx.lang).await?;
    let specs = fields_of(&imp.kind);
    if specs
        .iter()
        .zip(&run.mapping)
        .any(|((_, required, _), m)| *required && m.is_none())
    {
        return Err(AppError::Invalid(
            [("mapping".to_string(), "import_mapping_required".to_string())].into(),
        ));
    }
    // Bad lines: nothing is written unless the user chose to skip them.
    if !run.bad.is_empty() && f.get("ignorer").map(String::as_str) != Some("oui") {
        return Err(AppError::Invalid(
            [("ignorer".to_string(), "import_has_errors".to_string())].into(),
        ));
    }
    let skipped = run.bad.len();
    let outcome = if imp.kind == "companies" {
        let rows: Vec<Fields> = run
            .good
            .into_iter()
            .filter_map(|(_, p)| match p {
                Parsed::Company(f) => Some(*f),
                Parsed::Accompaniment(..) => None,
            })
            .collect();
        imports::commit_companies(
            state.db(),
            &ctx.actor(),
            id,
            imp.organisation_id,
            &rows,
            skipped,
        )
        .await
    } else {
        let adviser = ctx.user_name().to_string();
        let rows: Vec<(Uuid, NewAccompaniment)> = run
            .good
            .into_iter()
            .filter_map(|(_, p)| match p {
                Parsed::Accompaniment(s, mut a) => {
                    a.organisation_id = imp.organisation_id;
                    a.advisers = adviser.clone();
                    run.companies.get(&s).map(|c| (*c, *a))
                }
                Parsed::Company(_) => None,
            })
            .collect();
        imports::commit_accompaniments(state.db(), &ctx.actor(), id, &rows, skipped).await
    };
    match outcome {
        Ok(_) | Err(tremplin_store::StoreError::Conflict("import_done")) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/entreprises/import/{id}")).into_response())
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
