//! The monthly review: one page per month prepared from the data (the count against the target,
//! new requests per partner, overdue requests and referrals, stalled cases, companies with no
//! next step, upcoming events, catalogue changes), the decisions and action items the pilot
//! records during the meeting (open action items carry over until done), print, CSV/XLSX per
//! table and a PDF printed by headless Chromium.

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;
use tremplin_domain::dates::{paris_date, paris_midnight_utc};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::review::{self as store, LIST_LIMIT, NewItem};
use tremplin_store::{events, orgs, referrals};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, FieldErrors};
use crate::tpl::{self, Cell, ReviewTable, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pilotage/revue", get(page))
        .route("/pilotage/revue/pdf", get(pdf))
        .route("/pilotage/revue/points", post(add_item))
        .route("/pilotage/revue/points/{id}/statut", post(set_status))
}

/// A review month: its first day.
fn month_of(q: &str) -> Result<NaiveDate, AppError> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(paris_date(Utc::now()).with_day(1).unwrap_or_default());
    }
    let bad = || AppError::Invalid([("mois".into(), "month_invalid".into())].into());
    let (y, m) = q.split_once('-').ok_or_else(bad)?;
    let (y, m) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    if !(2015..=2100).contains(&y) {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)
}

fn key(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

fn next_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month)
}

#[derive(Deserialize, Default)]
struct PageQ {
    #[serde(default)]
    mois: String,
    #[serde(default)]
    table: String,
    #[serde(default)]
    format: String,
}

/// Everything the review of a month shows.
struct Review {
    month: NaiveDate,
    kpis: Vec<(String, String)>,
    tables: Vec<ReviewTable>,
    items: Vec<tpl::ReviewItemView>,
    partners: Vec<(String, String)>,
}

fn when(at: DateTime<Utc>) -> String {
    paris_date(at).format("%Y-%m-%d").to_string()
}

async fn build(ctx: &Ctx, state: &AppState, month: NaiveDate) -> Result<Review, AppError> {
    let l = ctx.lang.code();
    let now = Utc::now();
    let today = paris_date(now);
    let from = paris_midnight_utc(month);
    let to = paris_midnight_utc(next_month(month)).min(now.max(from));
    let all_orgs = orgs::list(state.db()).await?;
    let org_name = |id: Uuid| crate::org_name(&all_orgs, id, l);
    let live = state.catalogue();
    let subject = |s: &str| {
        live.catalogue
            .taxonomies
            .need(s)
            .map(|n| n.label(l).to_string())
            .unwrap_or_else(|| s.to_string())
    };
    let company = |id: Uuid, name: &str| Cell::link(name, format!("/entreprises/{id}"));

    // The count against the target, at the month's end (or today for the current month).
    let v = crate::steering::year_views(state, month.year()..=month.year())
        .await?
        .pop()
        .ok_or(AppError::BadRequest("bad_request"))?;
    let m0 = month.month0() as usize;
    let current = month.year() == today.year() && month.month() == today.month();
    let count = if current { v.count } else { v.cumulative[m0] };
    let mut kpis = vec![(
        if current {
            ctx.t1("steer-count-to-date", "date", today)
        } else {
            ctx.t1("review-count-at-end", "month", ctx.tp("month-", m0 + 1))
        },
        count.to_string(),
    )];
    kpis.push((
        ctx.t("steer-target"),
        match v.target {
            Some(t) => format!("{t} ({:.0} %)", 100.0 * count as f64 / t as f64),
            None => ctx.t("steer-no-target"),
        },
    ));
    kpis.push((
        ctx.t("review-same-month-last-year"),
        v.last_cumulative[m0].to_string(),
    ));

    // New requests of the month, per partner.
    let matches = store::matches_created(state.db(), from, to).await?;
    let mut per: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for m in &matches {
        let e = per.entry(org_name(m.organisation_id)).or_default();
        e[0] += 1;
        e[1] += usize::from(m.taken_at.is_some());
        e[2] += usize::from(m.status == "done");
        e[3] += usize::from(m.status == "waiting");
    }
    kpis.push((ctx.t("review-new-requests"), matches.len().to_string()));
    let mut tables = vec![ReviewTable {
        id: "demandes".into(),
        title: ctx.t("review-requests-title"),
        headers: vec![
            ctx.t("steer-partner"),
            ctx.t("quality-received"),
            ctx.t("quality-taken"),
            ctx.t("quality-accompanied"),
            ctx.t("review-still-waiting"),
        ],
        rows: per
            .into_iter()
            .map(|(name, n)| {
                std::iter::once(Cell::text(name))
                    .chain(n.iter().map(|x| Cell::text(x.to_string())))
                    .collect()
            })
            .collect(),
        total: None,
    }];

    // Overdue: requests waiting past the first reminder, referrals past their deadline (today).
    let first_reminder = state
        .config()
        .followup
        .reminder_days
        .first()
        .copied()
        .unwrap_or(9);
    let (waiting, n_waiting) =
        store::overdue_requests(state.db(), now - Duration::days(first_reminder)).await?;
    tables.push(ReviewTable {
        id: "retards".into(),
        title: ctx.t1("review-overdue-title", "days", first_reminder),
        headers: vec![
            ctx.t("company-name"),
            ctx.t("steer-partner"),
            ctx.t("filter-need"),
            ctx.t("review-waiting-days"),
        ],
        rows: waiting
            .iter()
            .map(|w| {
                vec![
                    Cell::text(&w.company_name),
                    Cell::text(org_name(w.organisation_id)),
                    Cell::text(subject(&w.subject)),
                    Cell::text((now - w.created_at).num_days().to_string()),
                ]
            })
            .collect(),
        total: Some(n_waiting as usize),
    });
    let overdue = referrals::overdue(state.db(), today).await?;
    tables.push(ReviewTable {
        id: "orientations".into(),
        title: ctx.t("review-referrals-title"),
        headers: vec![
            ctx.t("company-name"),
            ctx.t("referrals-from"),
            ctx.t("referrals-to"),
            ctx.t("referrals-due"),
        ],
        rows: overdue
            .iter()
            .take(LIST_LIMIT as usize)
            .map(|f| {
                vec![
                    company(f.company_id, &f.company_name),
                    Cell::text(org_name(f.from_organisation_id)),
                    Cell::text(org_name(f.to_organisation_id)),
                    Cell::text(f.due_on.to_string()),
                ]
            })
            .collect(),
        total: Some(overdue.len()),
    });
    let (stalled, n_stalled) = store::stalled(state.db(), now - Duration::days(21)).await?;
    tables.push(ReviewTable {
        id: "enlises".into(),
        title: ctx.t("review-stalled-title"),
        headers: vec![
            ctx.t("company-name"),
            ctx.t("steer-partner"),
            ctx.t("filter-need"),
            ctx.t("review-taken-on"),
        ],
        rows: stalled
            .iter()
            .map(|c| {
                vec![
                    company(c.company_id, &c.company_name),
                    Cell::text(org_name(c.organisation_id)),
                    Cell::text(subject(&c.subject)),
                    Cell::text(when(c.at)),
                ]
            })
            .collect(),
        total: Some(n_stalled as usize),
    });
    let (none, n_none) = store::no_next_step(state.db(), from, to).await?;
    tables.push(ReviewTable {
        id: "sans-suite".into(),
        title: ctx.t("review-no-next-title"),
        headers: vec![
            ctx.t("company-name"),
            ctx.t("steer-partner"),
            ctx.t("filter-need"),
            ctx.t("review-closed-on"),
        ],
        rows: none
            .iter()
            .map(|c| {
                vec![
                    company(c.company_id, &c.company_name),
                    Cell::text(org_name(c.organisation_id)),
                    Cell::text(subject(&c.subject)),
                    Cell::text(when(c.at)),
                ]
            })
            .collect(),
        total: Some(n_none as usize),
    });
    let horizon = today + Duration::days(90);
    let mut upcoming: Vec<_> = events::list(state.db())
        .await?
        .into_iter()
        .filter(|e| e.day >= today && e.day <= horizon)
        .collect();
    upcoming.sort_by_key(|e| e.day);
    tables.push(ReviewTable {
        id: "evenements".into(),
        title: ctx.t("review-events-title"),
        headers: vec![
            ctx.t("event-day"),
            ctx.t("event-name"),
            ctx.t("event-venue"),
        ],
        rows: upcoming
            .iter()
            .map(|e| {
                vec![
                    Cell::text(e.day.to_string()),
                    Cell::link(&e.name, format!("/evenements/{}", e.id)),
                    Cell::text(&e.venue),
                ]
            })
            .collect(),
        total: None,
    });
    let changes = store::catalogue_changes(state.db(), from, to).await?;
    tables.push(ReviewTable {
        id: "catalogue".into(),
        title: ctx.t("review-catalogue-title"),
        headers: vec![
            ctx.t("review-scheme"),
            ctx.t("review-version"),
            ctx.t("review-decision"),
            ctx.t("review-decided-by"),
            ctx.t("review-decided-on"),
        ],
        rows: changes
            .iter()
            .map(|c| {
                let name = live
                    .catalogue
                    .get(&c.scheme_id)
                    .map(|x| x.spec.name.get(l).to_string())
                    .unwrap_or_else(|| c.scheme_id.clone());
                vec![
                    Cell::link(name, format!("/dispositifs/{}", c.scheme_id)),
                    Cell::text(c.version.to_string()),
                    Cell::text(ctx.tp("vstate-", &c.state)),
                    Cell::text(c.decided_by_label.clone().unwrap_or_default()),
                    Cell::text(when(c.decided_at)),
                ]
            })
            .collect(),
        total: None,
    });

    let mk = key(month);
    let items = store::items(state.db(), &mk)
        .await?
        .into_iter()
        .map(|i| tpl::ReviewItemView {
            carried: i.month != mk,
            owner: i
                .owner_organisation_id
                .map(&org_name)
                .into_iter()
                .chain(i.owner_person.clone())
                .collect::<Vec<_>>()
                .join(" — "),
            due: i.due_on.map(|d| d.to_string()).unwrap_or_default(),
            overdue: i.status == "open" && i.due_on.is_some_and(|d| d < today),
            done_here: i.done_month.as_deref() == Some(mk.as_str()),
            item: i,
        })
        .collect();
    let partners = all_orgs
        .iter()
        .map(|o| (o.id.to_string(), o.name(l).to_string()))
        .collect();
    Ok(Review {
        month,
        kpis,
        tables,
        items,
        partners,
    })
}

/// The items as a table, for the exports.
fn items_table(ctx: &Ctx, items: &[tpl::ReviewItemView]) -> ReviewTable {
    ReviewTable {
        id: "points".into(),
        title: ctx.t("review-items-title"),
        headers: vec![
            ctx.t("review-item-kind"),
            ctx.t("review-item-body"),
            ctx.t("review-item-owner"),
            ctx.t("review-item-due"),
            ctx.t("review-item-status"),
            ctx.t("review-item-raised"),
        ],
        rows: items
            .iter()
            .map(|i| {
                vec![
                    Cell::text(ctx.tp("review-kind-", &i.item.kind)),
                    Cell::text(&i.item.body),
                    Cell::text(&i.owner),
                    Cell::text(&i.due),
                    Cell::text(ctx.tp("review-status-", &i.item.status)),
                    Cell::text(&i.item.month),
                ]
            })
            .collect(),
        total: None,
    }
}

async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<PageQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let month = month_of(&q.mois)?;
    let review = build(&ctx, &state, month).await?;
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let items = items_table(&ctx, &review.items);
        let table = review
            .tables
            .iter()
            .chain(std::iter::once(&items))
            .find(|t| t.id == q.table)
            .ok_or(AppError::BadRequest("table_unknown"))?;
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect();
        return Ok(crate::export::table_response(
            profile,
            &format!("revue-{}-{}", key(month), table.id),
            &table.headers,
            &rows,
        ));
    }
    Ok(render(&view(ctx, review, None), StatusCode::OK))
}

fn view(ctx: Ctx, r: Review, inline_css: Option<String>) -> tpl::ReviewPage {
    let prev = r
        .month
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(r.month);
    tpl::ReviewPage {
        month: key(r.month),
        title: ctx.t2(
            "review-title-month",
            ("month", ctx.tp("month-", r.month.month0() as usize + 1)),
            ("year", r.month.year()),
        ),
        prev: key(prev),
        next: key(next_month(r.month)),
        kpis: r.kpis,
        tables: r.tables,
        items: r.items,
        partners: r.partners,
        can_record: ctx.can(Action::RecordReview),
        errors: FieldErrors::new(),
        inline_css,
        ctx,
    }
}

#[derive(Deserialize)]
struct ItemForm {
    mois: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    owner_organisation: String,
    #[serde(default)]
    owner_person: String,
    #[serde(default)]
    due_on: String,
}

async fn add_item(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<ItemForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::RecordReview, Resource::Global)?;
    let month = month_of(&f.mois)?;
    let mut errors = FieldErrors::new();
    let kind = f.kind.trim();
    if !["decision", "action"].contains(&kind) {
        errors.insert("kind".into(), "value_unknown".into());
    }
    let body = f.body.trim();
    if body.is_empty() {
        errors.insert("body".into(), "required".into());
    } else if body.chars().count() > 2000 {
        errors.insert("body".into(), "too_long".into());
    }
    let owner_org = match f.owner_organisation.trim() {
        "" => None,
        s => match s.parse::<Uuid>() {
            Ok(id) if orgs::list(state.db()).await?.iter().any(|o| o.id == id) => Some(id),
            _ => {
                errors.insert("owner_organisation".into(), "value_unknown".into());
                None
            }
        },
    };
    let person = f.owner_person.trim();
    if person.chars().count() > 200 {
        errors.insert("owner_person".into(), "too_long".into());
    }
    let due = match f.due_on.trim() {
        "" => None,
        s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if (2015..=2100).contains(&d.year()) => Some(d),
            _ => {
                errors.insert("due_on".into(), "date_invalid".into());
                None
            }
        },
    };
    if kind == "action"
        && owner_org.is_none()
        && person.is_empty()
        && !errors.contains_key("owner_organisation")
    {
        errors.insert("owner_organisation".into(), "review_owner_required".into());
    }
    if !errors.is_empty() {
        let review = build(&ctx, &state, month).await?;
        let mut page = view(ctx, review, None);
        page.errors = errors;
        return Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    store::add_item(
        state.db(),
        &ctx.actor(),
        &NewItem {
            month: key(month),
            kind: kind.to_string(),
            body: body.to_string(),
            owner_organisation_id: owner_org,
            owner_person: Some(person.to_string()).filter(|p| !p.is_empty()),
            due_on: due,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/pilotage/revue?mois={}#points", key(month))).into_response())
}

#[derive(Deserialize)]
struct StatusForm {
    mois: String,
    /// `done` or `open`.
    statut: String,
}

async fn set_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::RecordReview, Resource::Global)?;
    let month = month_of(&f.mois)?;
    let item = store::get_item(state.db(), id).await?;
    if item.kind != "action" {
        return Err(AppError::Conflict("review_decision_has_no_status"));
    }
    let mk = key(month);
    if item.month > mk {
        return Err(AppError::Conflict("review_item_later"));
    }
    match f.statut.as_str() {
        "done" => store::set_done(state.db(), &ctx.actor(), id, Some(&mk)).await?,
        "open" => store::set_done(state.db(), &ctx.actor(), id, None).await?,
        _ => {
            return Err(AppError::Invalid(
                [("statut".into(), "value_unknown".into())].into(),
            ));
        }
    }
    Ok(Redirect::to(&format!("/pilotage/revue?mois={mk}#points")).into_response())
}

/// The browser that prints PDFs: the configured one, else the first known name on the PATH.
fn chromium(state: &AppState) -> Option<PathBuf> {
    if let Some(p) = &state.config().chromium {
        return p.is_file().then(|| p.clone());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .map(|n| dir.join(n))
        })
        .find(|p| p.is_file())
}

/// The review as a PDF: the same page, its style inlined, printed by headless Chromium. Without
/// Chromium, a 503 that says to install it or to print from the browser.
async fn pdf(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<PageQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewSteering, Resource::Global)?;
    let month = month_of(&q.mois)?;
    let Some(browser) = chromium(&state) else {
        return Err(AppError::Unavailable("pdf_unavailable"));
    };
    let review = build(&ctx, &state, month).await?;
    let css = ["app.css", "print.css"]
        .iter()
        .filter_map(|f| crate::assets::text(f))
        .enumerate()
        .map(|(i, css)| {
            if i == 0 {
                css
            } else {
                format!("@media print {{ {css} }}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let page = view(ctx, review, Some(css));
    let html = askama::Template::render(&page).map_err(|e| AppError::Internal(e.into()))?;
    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.into()))?;
    let input = dir.path().join("revue.html");
    let output = dir.path().join("revue.pdf");
    tokio::fs::write(&input, html)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut cmd = tokio::process::Command::new(&browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-pdf-header-footer",
    ])
    .arg(format!(
        "--user-data-dir={}",
        dir.path().join("profile").display()
    ))
    .arg(format!("--print-to-pdf={}", output.display()))
    .arg(format!("file://{}", input.display()))
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .kill_on_drop(true);
    let status = tokio::time::timeout(std::time::Duration::from_secs(25), cmd.status()).await;
    let bytes = match status {
        Ok(Ok(s)) if s.success() => tokio::fs::read(&output).await.ok(),
        Ok(Ok(s)) => {
            tracing::warn!(status = ?s, "chromium failed to print the review");
            None
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "chromium could not start");
            None
        }
        Err(_) => {
            tracing::warn!("chromium took over 25 s to print the review");
            None
        }
    };
    let Some(bytes) = bytes.filter(|b| b.starts_with(b"%PDF")) else {
        return Err(AppError::Unavailable("pdf_failed"));
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"revue-{}.pdf\"",
        key(month)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly() {
        assert_eq!(
            month_of("2019-03").ok(),
            NaiveDate::from_ymd_opt(2019, 3, 1)
        );
        assert_eq!(
            month_of(" 2019-3 ").ok(),
            NaiveDate::from_ymd_opt(2019, 3, 1)
        );
        for bad in ["2019-13", "2019", "19-03", "abcd-ef", "1900-01", "2019-00"] {
            assert!(month_of(bad).is_err(), "{bad}");
        }
        assert_eq!(
            key(next_month(NaiveDate::from_ymd_opt(2019, 12, 1).unwrap())),
            "2020-01"
        );
    }
}
