//! The shared company file: search, creation (an existing SIREN opens the existing file; a
//! similar name in the same commune is suggested first), the file page, edits that never
//! silently overwrite another adviser's save, export countries, establishments, merges.

use super::search::commune_label;
use crate::http::access::require_company;
use crate::referrals::ReferralView;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use tremplin_domain::followup::{AccompanimentStatus, MatchStatus, NeedStatus, ReferralStatus};
use tremplin_domain::geo::CountryCode;
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::companies::{self};
use tremplin_store::{accompaniments, orgs};
use uuid::Uuid;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::i18n::country_name;
use crate::http::render::render;
use crate::state::{AppState, Live};

#[derive(Deserialize, Default)]
pub(super) struct FileQ {
    #[serde(rename = "existant")]
    existing: Option<String>,
}

pub(super) async fn file_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<FileQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    if let Some(into) = c.merged_into {
        return Ok(Redirect::to(&format!("/entreprises/{into}")).into_response());
    }
    require_company(&ctx, &state, &c, Action::ViewCompany).await?;
    let all_orgs = orgs::list(state.db()).await?;
    let live = state.catalogue();
    let lk = Lookups {
        lang: ctx.lang.code(),
        orgs: &all_orgs,
        live: &live,
        viewer_orgs: ctx.org_ids(),
        today: tremplin_domain::dates::paris_date(chrono::Utc::now()),
    };
    let about = load_about(&ctx, &state, &c, &lk).await?;
    let notice = q.existing.map(|_| ctx.t("company-existing"));
    let can_merge = ctx.can(Action::MergeCompanies);
    let followup = load_followup(&ctx, &state, id, &lk).await?;
    let forms = load_forms(&ctx, &state, id, &lk).await?;
    Ok(render(
        &views::CompanyFile {
            upcoming_events: forms.upcoming_events,
            commune: commune_label(c.commune.as_deref()),
            c,
            naf_label: about.naf_label,
            holders: about.holders,
            countries: about.countries,
            establishments: about.establishments,
            country_options: about.country_options,
            notice,
            can_merge,
            accompaniments: followup.accompaniments,
            timeline: followup.timeline,
            schemes: forms.schemes,
            contacts: forms.contacts,
            needs: followup.needs,
            referrals: followup.referrals,
            next_step: followup.next_step,
            partners: forms.partners,
            need_subjects: forms.need_subjects,
            default_due: forms.default_due,
            ctx,
        },
        StatusCode::OK,
    )
    .into_response())
}

/// What the file page names things with: the reader's language, the partners, the live
/// catalogue, the reader's partners and today.
struct Lookups<'a> {
    lang: &'a str,
    orgs: &'a [orgs::Organisation],
    live: &'a Live,
    viewer_orgs: Vec<Uuid>,
    today: NaiveDate,
}

impl Lookups<'_> {
    /// A partner's name ("" if unknown).
    fn org(&self, id: Uuid) -> String {
        orgs::name_in(self.orgs, id, self.lang)
    }

    /// A need's label.
    fn need(&self, s: &str) -> String {
        self.live.catalogue.taxonomies.need_label(s, self.lang)
    }

    /// Whether a partner is one of the reader's.
    fn mine(&self, id: Uuid) -> bool {
        self.viewer_orgs.contains(&id)
    }
}

/// The identity part of the file: holders, export countries, establishments, NAF label.
struct About {
    holders: Vec<String>,
    countries: Vec<(String, String)>,
    establishments: Vec<companies::Establishment>,
    naf_label: Option<String>,
    country_options: Vec<(String, String)>,
}

/// Reads the identity part of the file.
async fn load_about(
    ctx: &Ctx,
    state: &AppState,
    c: &companies::Company,
    lk: &Lookups<'_>,
) -> Result<About, AppError> {
    let holders = holder_names(lk, companies::holders(state.db(), c.id).await?);
    let countries = export_countries(ctx, companies::countries(state.db(), c.id).await?);
    let establishments = companies::establishments(state.db(), c.id).await?;
    Ok(About {
        holders,
        countries,
        establishments,
        naf_label: naf_label(c.naf.as_deref()),
        country_options: country_options(ctx),
    })
}

/// The names of the partners holding the file (unknown ones left out).
fn holder_names(lk: &Lookups, holders: Vec<Uuid>) -> Vec<String> {
    holders
        .into_iter()
        .filter_map(|h| {
            lk.orgs
                .iter()
                .find(|o| o.id == h)
                .map(|o| o.name(lk.lang).to_string())
        })
        .collect()
}

/// The export countries as (name, status label).
fn export_countries(ctx: &Ctx, rows: Vec<companies::CountryRow>) -> Vec<(String, String)> {
    rows.into_iter()
        .map(|r| {
            let name = CountryCode::parse(&r.country)
                .map(|c| country_name(ctx.lang, &c))
                .unwrap_or(r.country.clone());
            (name, ctx.tp("export-", &r.status))
        })
        .collect()
}

/// The French label of a NAF code, when it is a known one.
fn naf_label(naf: Option<&str>) -> Option<String> {
    naf.and_then(|n| NafCode::parse(n).ok())
        .and_then(|n| n.label_fr().map(str::to_string))
}

/// The countries one may add, as (code, name in the reader's language), by French name.
fn country_options(ctx: &Ctx) -> Vec<(String, String)> {
    tremplin_domain::refdata::refdata()
        .countries_by_name_fr()
        .map(|c| {
            (
                c.alpha2.clone(),
                ctx.lang.pick(&c.name_fr, &c.name_en).to_string(),
            )
        })
        .collect()
}

/// The follow-up part of the file: accompaniments, needs, referrals, timeline, next step.
struct Followup {
    accompaniments: Vec<views::AccompanimentView>,
    timeline: Vec<views::TimelineItem>,
    needs: Vec<views::NeedView>,
    referrals: Vec<ReferralView>,
    next_step: String,
}

/// Reads the follow-up part of the file.
async fn load_followup(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    lk: &Lookups<'_>,
) -> Result<Followup, AppError> {
    // The timeline: accompaniments and the notes this user may read, newest first.
    let accompaniments = accompaniment_views(lk, accompaniments::of_company(state.db(), id).await?);
    let notes = accompaniments::interactions_for(state.db(), id, &lk.viewer_orgs).await?;
    let requests = tremplin_store::catalogue::requests_of_company(state.db(), id).await?;
    // Needs, their matches and referrals: what is open, who handles it, what comes next.
    let all_matches = tremplin_store::routing::matches_of_company(state.db(), id).await?;
    let referral_rows = tremplin_store::referrals::of_company(state.db(), id).await?;
    let need_rows = tremplin_store::routing::needs_of_company(state.db(), id).await?;
    let needs = need_views(lk, need_rows, &all_matches);
    let referrals: Vec<ReferralView> = referral_rows
        .into_iter()
        .map(|r| ReferralView::of(r, lk.orgs, &lk.live.catalogue.taxonomies, lk.lang, lk.today))
        .collect();
    let mut timeline: Vec<views::TimelineItem> =
        notes.into_iter().map(|i| note_item(ctx, lk, i)).collect();
    timeline.extend(
        requests
            .iter()
            .map(|(_, at, s)| request_item(ctx, lk, *at, s)),
    );
    timeline.extend(accompaniments.iter().map(|a| accompaniment_item(ctx, a)));
    timeline.extend(all_matches.iter().flat_map(|m| match_items(ctx, lk, m)));
    timeline.extend(referrals.iter().flat_map(|f| referral_items(ctx, f)));
    timeline.sort_by(|a, b| b.date.cmp(&a.date));
    let next_step = next_step(ctx, &referrals, &needs, &accompaniments);
    Ok(Followup {
        accompaniments,
        timeline,
        needs,
        referrals,
        next_step,
    })
}

/// The accompaniments as shown, with their partner and scheme names.
fn accompaniment_views(
    lk: &Lookups,
    rows: Vec<accompaniments::Accompaniment>,
) -> Vec<views::AccompanimentView> {
    rows.into_iter()
        .map(|a| views::AccompanimentView {
            id: a.id,
            version: a.version,
            title: a.title,
            partner: lk.org(a.organisation_id),
            scheme: a
                .scheme_id
                .as_deref()
                .and_then(|s| lk.live.catalogue.get(s))
                .map(|s| s.spec.name.get(lk.lang).to_string()),
            status: a.status,
            start: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            end: a.end_date.map(|d| d.to_string()).unwrap_or_default(),
            outcome: a.outcome.unwrap_or_default(),
            mine: lk.mine(a.organisation_id),
        })
        .collect()
}

/// The needs as shown, each with its matches (who handles it, who leads).
fn need_views(
    lk: &Lookups,
    rows: Vec<tremplin_store::routing::NeedRow>,
    all_matches: &[tremplin_store::routing::InboxRow],
) -> Vec<views::NeedView> {
    rows.into_iter()
        .map(|n| {
            let matches = all_matches
                .iter()
                .filter(|m| m.need_id == n.id)
                .map(|m| views::NeedMatch {
                    id: m.match_id,
                    partner: lk.org(m.organisation_id),
                    status: m.status,
                    lead: n.lead_organisation_id == Some(m.organisation_id),
                    mine: lk.mine(m.organisation_id),
                })
                .collect();
            views::NeedView {
                id: n.id,
                subject: lk.need(&n.subject),
                status: n.status,
                since: tremplin_domain::dates::paris_date(n.created_at).to_string(),
                matches,
            }
        })
        .collect()
}

/// A note in the timeline.
fn note_item(ctx: &Ctx, lk: &Lookups, i: accompaniments::Interaction) -> views::TimelineItem {
    views::TimelineItem {
        date: i.occurred_on.to_string(),
        what: format!(
            "{} — {}",
            ctx.tp("kind-", &i.kind),
            lk.org(i.organisation_id)
        ),
        text: i.note,
        private: i.visibility == "partner",
    }
}

/// A request received, with its needs, in the timeline.
fn request_item(
    ctx: &Ctx,
    lk: &Lookups,
    at: DateTime<Utc>,
    subjects: &[String],
) -> views::TimelineItem {
    let labels: Vec<String> = subjects.iter().map(|s| lk.need(s)).collect();
    views::TimelineItem {
        date: tremplin_domain::dates::paris_date(at).to_string(),
        what: ctx.t("timeline-request"),
        text: labels.join(", "),
        private: false,
    }
}

/// An accompaniment in the timeline, at its end date (else its start).
fn accompaniment_item(ctx: &Ctx, a: &views::AccompanimentView) -> views::TimelineItem {
    let date = if a.end.is_empty() {
        a.start.clone()
    } else {
        a.end.clone()
    };
    views::TimelineItem {
        date,
        what: format!("{} — {}", ctx.tp("acc-status-", a.status), a.partner),
        text: a.title.clone(),
        private: false,
    }
}

/// A match in the timeline: taken in charge, then closed.
fn match_items(
    ctx: &Ctx,
    lk: &Lookups,
    m: &tremplin_store::routing::InboxRow,
) -> Vec<views::TimelineItem> {
    let mut items = Vec::new();
    if let Some(t) = m.taken_at {
        items.push(views::TimelineItem {
            date: tremplin_domain::dates::paris_date(t).to_string(),
            what: format!(
                "{} — {}",
                ctx.t("match-taking_charge"),
                lk.org(m.organisation_id)
            ),
            text: lk.need(&m.subject),
            private: false,
        });
    }
    if let (Some(t), true) = (m.closed_at, m.status.is_closed()) {
        items.push(views::TimelineItem {
            date: tremplin_domain::dates::paris_date(t).to_string(),
            what: format!(
                "{} — {}",
                ctx.tp("match-", m.status),
                lk.org(m.organisation_id)
            ),
            text: lk.need(&m.subject),
            private: false,
        });
    }
    items
}

/// A referral in the timeline: sent, then answered.
fn referral_items(ctx: &Ctx, f: &ReferralView) -> Vec<views::TimelineItem> {
    let mut items = vec![views::TimelineItem {
        date: tremplin_domain::dates::paris_date(f.r.created_at).to_string(),
        what: format!("{} — {} → {}", ctx.t("referrals-one"), f.from, f.to),
        text: format!("{} : {}", f.subject, f.r.message),
        private: false,
    }];
    if let Some(t) = f.r.decided_at {
        items.push(views::TimelineItem {
            date: tremplin_domain::dates::paris_date(t).to_string(),
            what: format!("{} — {}", ctx.tp("referral-", f.r.status), f.to),
            text: f.r.reason.clone().unwrap_or_default(),
            private: false,
        });
    }
    items
}

/// What the file's forms offer: partners to refer to, needs, schemes, the default deadline,
/// the contacts shown and the events one may register to.
struct Forms {
    partners: Vec<(Uuid, String)>,
    need_subjects: Vec<(String, String)>,
    default_due: String,
    contacts: Vec<tremplin_store::contacts::Contact>,
    schemes: Vec<(String, String)>,
    upcoming_events: Vec<(Uuid, String)>,
}

/// Reads what the file's forms offer.
async fn load_forms(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    lk: &Lookups<'_>,
) -> Result<Forms, AppError> {
    let partners: Vec<(Uuid, String)> = lk
        .orgs
        .iter()
        .filter(|o| !lk.mine(o.id))
        .map(|o| (o.id, o.name(lk.lang).to_string()))
        .collect();
    let need_subjects: Vec<(String, String)> = lk
        .live
        .catalogue
        .taxonomies
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(lk.lang).to_string()))
        .collect();
    let default_due = tremplin_domain::dates::add_working_days(
        lk.today,
        state.config().followup.referral_working_days,
    )
    .to_string();
    // A person is shown to the Team only with their consent; otherwise to the partner that
    // recorded them.
    let contacts: Vec<tremplin_store::contacts::Contact> =
        tremplin_store::contacts::of_company(state.db(), id)
            .await?
            .into_iter()
            .filter(|c| c.consent_share || lk.mine(c.organisation_id))
            .collect();
    let schemes: Vec<(String, String)> = lk
        .live
        .catalogue
        .schemes
        .iter()
        .map(|s| (s.spec.id.clone(), s.spec.name.get(lk.lang).to_string()))
        .collect();
    // Upcoming events the file can be registered to (by the event's organisers).
    let upcoming_events: Vec<(Uuid, String)> = if ctx.can(Action::ManageEvents) {
        tremplin_store::events::list(state.db())
            .await?
            .into_iter()
            .filter(|e| e.day >= lk.today)
            .map(|e| (e.id, format!("{} — {}", e.name, e.day)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Forms {
        partners,
        need_subjects,
        default_due,
        contacts,
        schemes,
        upcoming_events,
    })
}

/// The company's next step, in words: an awaited referral answer, a request waiting to be
/// taken in charge, an accompaniment under way or planned; otherwise a prompt.
pub(super) fn next_step(
    ctx: &Ctx,
    referrals: &[ReferralView],
    needs: &[views::NeedView],
    accompaniments: &[views::AccompanimentView],
) -> String {
    if let Some(f) = referrals
        .iter()
        .find(|f| f.r.status == ReferralStatus::Pending)
    {
        return ctx.t2("next-referral", ("partner", &f.to), ("date", &f.due));
    }
    if let Some(m) = needs
        .iter()
        .filter(|n| n.status == NeedStatus::Open)
        .flat_map(|n| n.matches.iter())
        .find(|m| m.status == MatchStatus::Waiting)
    {
        return ctx.t1("next-take", "partner", &m.partner);
    }
    if let Some(a) = accompaniments.iter().find(|a| {
        matches!(
            a.status,
            AccompanimentStatus::InProgress | AccompanimentStatus::Planned
        )
    }) {
        return ctx.t2(
            "next-accompaniment",
            ("title", &a.title),
            ("partner", &a.partner),
        );
    }
    ctx.t("next-none")
}
