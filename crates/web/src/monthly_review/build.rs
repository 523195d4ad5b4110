//! The monthly review: one page per month prepared from the data (the count against the target,
//! new requests per partner, overdue requests and referrals, stalled cases, companies with no
//! next step, upcoming events, catalogue changes), the decisions and action items the pilot
//! records during the meeting (open action items carry over until done), print, CSV/XLSX per
//! table and a PDF printed by headless Chromium.

use std::collections::BTreeMap;
use tremplin_domain::followup::MatchStatus;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;
use tremplin_domain::dates::{paris_date, paris_midnight_utc};
use tremplin_domain::policy::Action;
use tremplin_store::review::{self as store, LIST_LIMIT};
use tremplin_store::routing::Waiting;
use tremplin_store::{events, orgs, referrals};
use uuid::Uuid;

use super::views::{self, Cell, ReviewTable};
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::state::{AppState, Live};

/// A review month: its first day.
pub(super) fn month_of(q: &str) -> Result<NaiveDate, AppError> {
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

pub(super) fn key(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

pub(super) fn next_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month)
}

/// Everything the review of a month shows.
pub(super) struct Review {
    pub(super) month: NaiveDate,
    pub(super) kpis: Vec<(String, String)>,
    pub(super) tables: Vec<ReviewTable>,
    pub(super) items: Vec<views::ReviewItemView>,
    pub(super) partners: Vec<(String, String)>,
}

pub(super) fn when(at: DateTime<Utc>) -> String {
    paris_date(at).format("%Y-%m-%d").to_string()
}

pub(super) async fn build(
    ctx: &Ctx,
    state: &AppState,
    month: NaiveDate,
) -> Result<Review, AppError> {
    let l = ctx.lang.code();
    let p = Period::of(month);
    let all_orgs = orgs::list(state.db()).await?;
    let live = state.catalogue();
    let names = Names::new(l, &all_orgs, &live);

    // The count against the target, at the month's end (or today for the current month).
    let v = crate::steering::year_views(state, month.year()..=month.year())
        .await?
        .pop()
        .ok_or(AppError::BadRequest("bad_request"))?;
    let mut kpis = count_kpis(ctx, &v, month, p.today);

    // New requests of the month, per partner.
    let matches = store::matches_created(state.db(), p.from, p.to).await?;
    kpis.push((ctx.t("review-new-requests"), matches.len().to_string()));
    let mut tables = vec![requests_table(ctx, &names, &matches)];
    tables.extend(load_tables(ctx, state, &names, &p).await?);

    let mk = key(month);
    let items = store::items(state.db(), &mk).await?;
    let items = item_views(&names, items, &mk, p.today);
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

/// The moments a review reads: now, today, and the month as [from, to) (to is at most now).
struct Period {
    now: DateTime<Utc>,
    today: NaiveDate,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
}

impl Period {
    /// The period of a review month, as of now.
    fn of(month: NaiveDate) -> Self {
        let now = Utc::now();
        let from = paris_midnight_utc(month);
        Period {
            now,
            today: paris_date(now),
            from,
            to: paris_midnight_utc(next_month(month)).min(now.max(from)),
        }
    }
}

/// Reads the tables after the requests: overdue requests and referrals, stalled cases, no next
/// step, upcoming events, catalogue changes.
async fn load_tables(
    ctx: &Ctx,
    state: &AppState,
    names: &Names<'_>,
    p: &Period,
) -> Result<Vec<ReviewTable>, AppError> {
    // Overdue: requests waiting past the first reminder, referrals past their deadline (today).
    let first_reminder = first_reminder_days(state);
    let before = p.now - Duration::days(first_reminder);
    let waiting = store::overdue_requests(state.db(), before).await?;
    let mut tables = vec![overdue_requests_table(
        ctx,
        names,
        first_reminder,
        p.now,
        waiting,
    )];
    let overdue = referrals::overdue(state.db(), p.today).await?;
    tables.push(overdue_referrals_table(ctx, names, &overdue));
    let stalled = store::stalled(state.db(), p.now - Duration::days(21)).await?;
    let keys = ("review-stalled-title", "review-taken-on");
    tables.push(cases_table(ctx, names, "enlises", keys, stalled));
    let none = store::no_next_step(state.db(), p.from, p.to).await?;
    let keys = ("review-no-next-title", "review-closed-on");
    tables.push(cases_table(ctx, names, "sans-suite", keys, none));
    let upcoming = upcoming_events(events::list(state.db()).await?, p.today);
    tables.push(events_table(ctx, &upcoming));
    let changes = store::catalogue_changes(state.db(), p.from, p.to).await?;
    tables.push(catalogue_table(ctx, names, &changes));
    Ok(tables)
}

/// How the review's tables name partners and needs, in the reader's language.
struct Names<'a> {
    lang: &'a str,
    orgs: &'a [orgs::Organisation],
    live: &'a Live,
}

impl<'a> Names<'a> {
    /// The names in `lang`, from the partners and the live catalogue.
    fn new(lang: &'a str, orgs: &'a [orgs::Organisation], live: &'a Live) -> Self {
        Names { lang, orgs, live }
    }

    /// A partner's name.
    fn org(&self, id: Uuid) -> String {
        orgs::name_in(self.orgs, id, self.lang)
    }

    /// A need's label.
    fn subject(&self, s: &str) -> String {
        self.live.catalogue.taxonomies.need_label(s, self.lang)
    }
}

/// A company's name linking to its file.
fn company(id: Uuid, name: &str) -> Cell {
    Cell::link(name, format!("/entreprises/{id}"))
}

/// The key figures: the count at the month's end (or to date), against the target, and the same
/// month last year.
fn count_kpis(
    ctx: &Ctx,
    v: &crate::steering::YearView,
    month: NaiveDate,
    today: NaiveDate,
) -> Vec<(String, String)> {
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
    kpis
}

/// The new requests of the month per partner: received, taken, accompanied, still waiting.
fn requests_table(ctx: &Ctx, names: &Names, matches: &[store::MatchRow]) -> ReviewTable {
    let mut per: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for m in matches {
        let e = per.entry(names.org(m.organisation_id)).or_default();
        e[0] += 1;
        e[1] += usize::from(m.taken_at.is_some());
        e[2] += usize::from(m.status == MatchStatus::Done);
        e[3] += usize::from(m.status == MatchStatus::Waiting);
    }
    ReviewTable {
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
    }
}

/// The days after which a waiting request is overdue: the first reminder's.
fn first_reminder_days(state: &AppState) -> i64 {
    state
        .config()
        .followup
        .reminder_days
        .first()
        .copied()
        .unwrap_or(9)
}

/// The requests waiting past the first reminder, with their number.
fn overdue_requests_table(
    ctx: &Ctx,
    names: &Names,
    first_reminder: i64,
    now: DateTime<Utc>,
    (waiting, n_waiting): (Vec<Waiting>, i64),
) -> ReviewTable {
    ReviewTable {
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
                    Cell::text(names.org(w.organisation_id)),
                    Cell::text(names.subject(&w.subject)),
                    Cell::text((now - w.created_at).num_days().to_string()),
                ]
            })
            .collect(),
        total: Some(n_waiting as usize),
    }
}

/// The referrals past their deadline (at most [`LIST_LIMIT`] shown), with their number.
fn overdue_referrals_table(
    ctx: &Ctx,
    names: &Names,
    overdue: &[referrals::Referral],
) -> ReviewTable {
    ReviewTable {
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
                    Cell::text(names.org(f.from_organisation_id)),
                    Cell::text(names.org(f.to_organisation_id)),
                    Cell::text(f.due_on.to_string()),
                ]
            })
            .collect(),
        total: Some(overdue.len()),
    }
}

/// A list of cases (stalled, or with no next step) with their number, under the translation
/// keys of its title and of its date column.
fn cases_table(
    ctx: &Ctx,
    names: &Names,
    id: &str,
    (title, at_header): (&str, &str),
    (cases, n): (Vec<store::Case>, i64),
) -> ReviewTable {
    ReviewTable {
        id: id.into(),
        title: ctx.t(title),
        headers: vec![
            ctx.t("company-name"),
            ctx.t("steer-partner"),
            ctx.t("filter-need"),
            ctx.t(at_header),
        ],
        rows: cases
            .iter()
            .map(|c| {
                vec![
                    company(c.company_id, &c.company_name),
                    Cell::text(names.org(c.organisation_id)),
                    Cell::text(names.subject(&c.subject)),
                    Cell::text(when(c.at)),
                ]
            })
            .collect(),
        total: Some(n as usize),
    }
}

/// The events of the next 90 days, soonest first.
fn upcoming_events(all: Vec<events::Event>, today: NaiveDate) -> Vec<events::Event> {
    let horizon = today + Duration::days(90);
    let mut upcoming: Vec<_> = all
        .into_iter()
        .filter(|e| e.day >= today && e.day <= horizon)
        .collect();
    upcoming.sort_by_key(|e| e.day);
    upcoming
}

/// The upcoming events as a table.
fn events_table(ctx: &Ctx, upcoming: &[events::Event]) -> ReviewTable {
    ReviewTable {
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
    }
}

/// The scheme versions decided in the month.
fn catalogue_table(ctx: &Ctx, names: &Names, changes: &[store::CatalogueChange]) -> ReviewTable {
    ReviewTable {
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
                let name = names
                    .live
                    .catalogue
                    .get(&c.scheme_id)
                    .map(|x| x.spec.name.get(names.lang).to_string())
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
    }
}

/// The month's items (`mk`) as shown: carried over, owner, due date, overdue, done this month.
fn item_views(
    names: &Names,
    items: Vec<store::Item>,
    mk: &str,
    today: NaiveDate,
) -> Vec<views::ReviewItemView> {
    items
        .into_iter()
        .map(|i| views::ReviewItemView {
            carried: i.month != mk,
            owner: i
                .owner_organisation_id
                .map(|id| names.org(id))
                .into_iter()
                .chain(i.owner_person.clone())
                .collect::<Vec<_>>()
                .join(" — "),
            due: i.due_on.map(|d| d.to_string()).unwrap_or_default(),
            overdue: i.status == "open" && i.due_on.is_some_and(|d| d < today),
            done_here: i.done_month.as_deref() == Some(mk),
            item: i,
        })
        .collect()
}

/// The items as a table, for the exports.
pub(super) fn items_table(ctx: &Ctx, items: &[views::ReviewItemView]) -> ReviewTable {
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

#[derive(Deserialize, Default)]
pub(super) struct PageQ {
    #[serde(default, rename = "mois")]
    pub(super) month: String,
    #[serde(default)]
    pub(super) table: String,
    #[serde(default)]
    pub(super) format: String,
}

pub(super) fn view(ctx: Ctx, r: Review, inline_css: Option<String>) -> views::ReviewPage {
    let prev = r
        .month
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(r.month);
    views::ReviewPage {
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
