//! CSV import of companies and accompaniments from a partner's existing file: upload (UTF-8 or
//! Windows-1252, `,` `;` or tab, detected), column mapping (guessed from the headers), a dry run
//! listing every bad line by its line number, then one transaction once the user confirms.
//! Lines are checked with the same rules as the forms (SIREN checksum, NAF, commune…).

use std::collections::{HashMap, HashSet};

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::accompaniments::NewAccompaniment;
use tremplin_store::companies::Fields;
use tremplin_store::imports::{self, Import, NewImport};
use uuid::Uuid;

use super::import_lines::*;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::render;
use crate::state::AppState;

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The body limit of the upload route: the file and the form's other fields.
pub(super) const MAX_BODY_BYTES: usize = MAX_FILE_BYTES + 64 * 1024;

/// The dry run: every line parsed, the bad ones listed with their line numbers.
pub(super) struct DryRun {
    headers: Vec<String>,
    mapping: Vec<Option<usize>>,
    good: Vec<(u64, Parsed)>,
    bad: Vec<LineError>,
    /// Accompaniments: SIREN → company file.
    companies: HashMap<String, Uuid>,
}

/// Reads and checks every line of an import, with the columns chosen in `chosen` (else guessed).
pub(super) async fn dry_run(
    state: &AppState,
    imp: &Import,
    chosen: Option<&HashMap<String, String>>,
    lang: crate::http::i18n::Lang,
) -> Result<DryRun, AppError> {
    let (headers, rows) = read(&imp.content).map_err(|_| AppError::BadRequest("csv_unreadable"))?;
    let specs = fields_of(&imp.kind);
    let mapping = mapping_of(&imp.kind, specs, &headers, chosen);
    let map: HashMap<&'static str, usize> = specs
        .iter()
        .zip(&mapping)
        .filter_map(|((f, _, _), m)| m.map(|i| (*f, i)))
        .collect();
    let (mut good, mut bad) = parse_lines(state, &imp.kind, &map, &rows, lang);
    let mut companies = HashMap::new();
    if imp.kind == "accompaniments" {
        companies = imports::companies_by_siren(state.db(), &sirens_of(&good))
            .await?
            .into_iter()
            .collect();
        let ids: Vec<Uuid> = companies.values().copied().collect();
        let open: std::collections::HashSet<Uuid> =
            imports::open_to(state.db(), imp.organisation_id, &ids)
                .await?
                .into_iter()
                .collect();
        good = keep_known_companies(good, &companies, &open, &mut bad);
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

/// The column of each field: the one chosen in the form (`col_<field>`), else guessed.
fn mapping_of(
    kind: &str,
    specs: &[FieldSpec],
    headers: &[String],
    chosen: Option<&HashMap<String, String>>,
) -> Vec<Option<usize>> {
    match chosen {
        None => guess(kind, headers),
        Some(c) => specs
            .iter()
            .map(|(f, _, _)| {
                c.get(&format!("col_{f}"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|i| *i < headers.len())
            })
            .collect(),
    }
}

/// Every line parsed, good and bad (a SIREN seen twice in a company file is bad the 2nd time).
fn parse_lines(
    state: &AppState,
    kind: &str,
    map: &HashMap<&'static str, usize>,
    rows: &[Record],
    lang: crate::http::i18n::Lang,
) -> (Vec<(u64, Parsed)>, Vec<LineError>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut seen_siren: HashMap<String, u64> = HashMap::new();
    for (line, rec) in rows {
        match parse_line(state, kind, map, rec, lang) {
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
    (good, bad)
}

/// The distinct SIRENs of the accompaniment lines.
fn sirens_of(good: &[(u64, Parsed)]) -> Vec<String> {
    good.iter()
        .filter_map(|(_, p)| match p {
            Parsed::Accompaniment(s, _) => Some(s.clone()),
            Parsed::Company(_) => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect()
}

/// The accompaniment lines whose company has a file the partner may open; the others go to the
/// bad lines (a SIREN in a file never opens someone else's file).
fn keep_known_companies(
    good: Vec<(u64, Parsed)>,
    companies: &HashMap<String, Uuid>,
    open: &std::collections::HashSet<Uuid>,
    bad: &mut Vec<LineError>,
) -> Vec<(u64, Parsed)> {
    let mut kept = Vec::new();
    for (line, p) in good {
        let refused = match &p {
            Parsed::Accompaniment(s, _) => match companies.get(s) {
                None => Some("company_unknown"),
                Some(id) if !open.contains(id) => Some("company_not_accessible"),
                Some(_) => None,
            },
            _ => None,
        };
        match refused {
            Some(code) => bad.push(LineError {
                line,
                errors: vec![("siren".into(), code.into())],
            }),
            None => kept.push((line, p)),
        }
    }
    kept
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
    multipart: Multipart,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let user = ctx
        .user
        .as_ref()
        .map(|u| u.id)
        .ok_or(AppError::LoginRequired)?;
    let up = read_upload(multipart).await?;
    let (text, enc) = match check_upload(&up) {
        Ok(t) => t,
        Err(code) => {
            let error = Some(ctx.t(&format!("error-{code}")));
            return Ok(render(
                &views::ImportUpload { ctx, error },
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let id = imports::create(
        state.db(),
        &NewImport {
            kind: &up.kind,
            organisation_id: org,
            user_id: user,
            filename: up.filename.chars().take(200).collect::<String>().as_str(),
            encoding: enc,
            content: &text,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/entreprises/import/{id}")).into_response())
}

/// The upload form's fields: the kind of import, the encoding chosen and the file.
#[derive(Default)]
struct Upload {
    kind: String,
    encoding: String,
    filename: String,
    bytes: Vec<u8>,
}

/// Reads the upload form (unknown fields are ignored).
async fn read_upload(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::Malformed(e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            up.filename = field.file_name().unwrap_or("import.csv").to_string();
            up.bytes = field
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
                "kind" => up.kind = v,
                "encoding" => up.encoding = v,
                _ => {}
            }
        }
    }
    Ok(up)
}

/// The file's text and encoding, or the error code refusing the upload.
fn check_upload(up: &Upload) -> Result<(String, &'static str), &'static str> {
    if !["companies", "accompaniments"].contains(&up.kind.as_str()) {
        return Err("value_unknown");
    }
    if up.bytes.is_empty() {
        return Err("import_empty");
    }
    if up.bytes.len() > MAX_FILE_BYTES {
        return Err("payload_too_large");
    }
    let (text, enc) = decode(&up.bytes, &up.encoding);
    // No text column can hold a NUL (PostgreSQL refuses it): a file with one is not a CSV.
    if text.contains('\0') {
        return Err("import_nul");
    }
    match read(&text) {
        Ok((headers, _)) if headers.iter().any(|h| !h.is_empty()) => Ok((text, enc)),
        Err(e) if e.starts_with("more than") => Err("import_too_many_lines"),
        _ => Err("csv_unreadable"),
    }
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
    let (fields, missing) = mapping_fields(&ctx, specs, &run.mapping);
    let errors = line_errors(&ctx, &run.bad);
    let preview = preview_rows(&ctx, &run.good);
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

/// The mapping form's fields with their columns, and the required fields left without one.
fn mapping_fields(
    ctx: &Ctx,
    specs: &[FieldSpec],
    mapping: &[Option<usize>],
) -> (Vec<views::ImportField>, Vec<String>) {
    let mut missing = Vec::new();
    let fields = specs
        .iter()
        .zip(mapping)
        .map(|((f, required, _), m)| {
            if *required && m.is_none() {
                missing.push(field_label(ctx, f));
            }
            views::ImportField {
                id: f.to_string(),
                label: field_label(ctx, f),
                required: *required,
                column: *m,
            }
        })
        .collect();
    (fields, missing)
}

/// The first 500 bad lines, each with its errors as one text.
fn line_errors(ctx: &Ctx, bad: &[LineError]) -> Vec<views::ImportLineError> {
    bad.iter()
        .take(500)
        .map(|b| views::ImportLineError {
            line: b.line,
            text: b
                .errors
                .iter()
                .map(|(f, c)| format!("{} : {}", field_label(ctx, f), error_text(ctx, c)))
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect()
}

/// The first 20 good lines as the preview shows them.
fn preview_rows(ctx: &Ctx, good: &[(u64, Parsed)]) -> Vec<(u64, Vec<String>)> {
    good.iter()
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
        .collect()
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
    check_confirm(&imp, &run, &f)?;
    let skipped = run.bad.len();
    let outcome = if imp.kind == "companies" {
        let rows = company_rows(run.good);
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
        let rows = accompaniment_rows(run, imp.organisation_id, ctx.user_name());
        imports::commit_accompaniments(state.db(), &ctx.actor(), id, &rows, skipped).await
    };
    match outcome {
        Ok(_) | Err(tremplin_store::StoreError::Conflict("import_done")) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/entreprises/import/{id}")).into_response())
}

/// Refuses to import while a required field has no column, or bad lines are not to be skipped.
fn check_confirm(imp: &Import, run: &DryRun, f: &HashMap<String, String>) -> Result<(), AppError> {
    if fields_of(&imp.kind)
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
    Ok(())
}

/// The company files of the good lines.
fn company_rows(good: Vec<(u64, Parsed)>) -> Vec<Fields> {
    good.into_iter()
        .filter_map(|(_, p)| match p {
            Parsed::Company(f) => Some(*f),
            Parsed::Accompaniment(..) => None,
        })
        .collect()
}

/// The good lines' accompaniments with their company files, for the importing partner and user.
fn accompaniment_rows(
    run: DryRun,
    organisation: Uuid,
    adviser: &str,
) -> Vec<(Uuid, NewAccompaniment)> {
    run.good
        .into_iter()
        .filter_map(|(_, p)| match p {
            Parsed::Accompaniment(s, mut a) => {
                a.organisation_id = organisation;
                a.advisers = adviser.to_string();
                run.companies.get(&s).map(|c| (*c, *a))
            }
            Parsed::Company(_) => None,
        })
        .collect()
}
