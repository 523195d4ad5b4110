//! The shared company file: search, creation (an existing SIREN opens the existing file; a
//! similar name in the same commune is suggested first), the file page, edits that never
//! silently overwrite another adviser's save, export countries, establishments, merges.

use super::search::commune_label;
use crate::http::access::require_company;
use crate::referrals::ReferralView;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct FileQ {
    existant: Option<String>,
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
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let holders = companies::holders(state.db(), id)
        .await?
        .into_iter()
        .filter_map(|h| {
            all_orgs
                .iter()
                .find(|o| o.id == h)
                .map(|o| o.name(l).to_string())
        })
        .collect();
    let countries = companies::countries(state.db(), id)
        .await?
        .into_iter()
        .map(|r| {
            let name = CountryCode::parse(&r.country)
                .map(|c| country_name(ctx.lang, &c))
                .unwrap_or(r.country.clone());
            (name, ctx.tp("export-", &r.status))
        })
        .collect();
    let establishments = companies::establishments(state.db(), id).await?;
    let naf_label = c
        .naf
        .as_deref()
        .and_then(|n| NafCode::parse(n).ok())
        .and_then(|n| n.label_fr().map(str::to_string));
    let country_options = tremplin_domain::refdata::refdata()
        .countries_by_name_fr()
        .map(|c| {
            (
                c.alpha2.clone(),
                ctx.lang.pick(&c.name_fr, &c.name_en).to_string(),
            )
        })
        .collect();
    let notice = q.existant.map(|_| ctx.t("company-existing"));
    let can_merge = ctx.can(Action::MergeCompanies);
    // The timeline: accompaniments and the notes this user may read, newest first.
    let viewer_orgs = ctx.org_ids();
    let org_label = |o: Uuid| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| x.name(l).to_string())
            .unwrap_or_default()
    };
    let live = state.catalogue();
    let accompaniments: Vec<views::AccompanimentView> = accompaniments::of_company(state.db(), id)
        .await?
        .into_iter()
        .map(|a| views::AccompanimentView {
            id: a.id,
            version: a.version,
            title: a.title,
            partner: org_label(a.organisation_id),
            scheme: a
                .scheme_id
                .as_deref()
                .and_then(|s| live.catalogue.get(s))
                .map(|s| s.spec.name.get(l).to_string()),
            status: a.status,
            start: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            end: a.end_date.map(|d| d.to_string()).unwrap_or_default(),
            outcome: a.outcome.unwrap_or_default(),
            mine: viewer_orgs.contains(&a.organisation_id),
        })
        .collect();
    let mut timeline: Vec<views::TimelineItem> =
        accompaniments::interactions_for(state.db(), id, &viewer_orgs)
            .await?
            .into_iter()
            .map(|i| views::TimelineItem {
                date: i.occurred_on.to_string(),
                what: format!(
                    "{} — {}",
                    ctx.tp("kind-", &i.kind),
                    org_label(i.organisation_id)
                ),
                text: i.note,
                private: i.visibility == "partner",
            })
            .collect();
    let needs_tax = &live.catalogue.taxonomies;
    for (_, at, subjects) in tremplin_store::catalogue::requests_of_company(state.db(), id).await? {
        let labels: Vec<String> = subjects
            .iter()
            .map(|s| needs_tax.need_label(s, l))
            .collect();
        timeline.push(views::TimelineItem {
            date: tremplin_domain::dates::paris_date(at).to_string(),
            what: ctx.t("timeline-request"),
            text: labels.join(", "),
            private: false,
        });
    }
    for a in &accompaniments {
        let date = if a.end.is_empty() {
            a.start.clone()
        } else {
            a.end.clone()
        };
        timeline.push(views::TimelineItem {
            date,
            what: format!("{} — {}", ctx.tp("acc-status-", a.status), a.partner),
            text: a.title.clone(),
            private: false,
        });
    }
    // Needs, their matches and referrals: what is open, who handles it, what comes next.
    let need_label = |s: &str| needs_tax.need_label(s, l);
    let all_matches = tremplin_store::routing::matches_of_company(state.db(), id).await?;
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let referral_rows = tremplin_store::referrals::of_company(state.db(), id).await?;
    let mut needs = Vec::new();
    for n in tremplin_store::routing::needs_of_company(state.db(), id).await? {
        let matches = all_matches
            .iter()
            .filter(|m| m.need_id == n.id)
            .map(|m| views::NeedMatch {
                id: m.match_id,
                partner: org_label(m.organisation_id),
                status: m.status,
                lead: n.lead_organisation_id == Some(m.organisation_id),
                mine: viewer_orgs.contains(&m.organisation_id),
            })
            .collect();
        needs.push(views::NeedView {
            id: n.id,
            subject: need_label(&n.subject),
            status: n.status,
            since: tremplin_domain::dates::paris_date(n.created_at).to_string(),
            matches,
        });
    }
    for m in &all_matches {
        if let Some(t) = m.taken_at {
            timeline.push(views::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!(
                    "{} — {}",
                    ctx.t("match-taking_charge"),
                    org_label(m.organisation_id)
                ),
                text: need_label(&m.subject),
                private: false,
            });
        }
        if let (Some(t), true) = (m.closed_at, m.status.is_closed()) {
            timeline.push(views::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!(
                    "{} — {}",
                    ctx.tp("match-", m.status),
                    org_label(m.organisation_id)
                ),
                text: need_label(&m.subject),
                private: false,
            });
        }
    }
    let referrals: Vec<ReferralView> = referral_rows
        .into_iter()
        .map(|r| ReferralView::of(r, &all_orgs, needs_tax, l, today))
        .collect();
    for f in &referrals {
        timeline.push(views::TimelineItem {
            date: tremplin_domain::dates::paris_date(f.r.created_at).to_string(),
            what: format!("{} — {} → {}", ctx.t("referrals-one"), f.from, f.to),
            text: format!("{} : {}", f.subject, f.r.message),
            private: false,
        });
        if let Some(t) = f.r.decided_at {
            timeline.push(views::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!("{} — {}", ctx.tp("referral-", f.r.status), f.to),
                text: f.r.reason.clone().unwrap_or_default(),
                private: false,
            });
        }
    }
    timeline.sort_by(|a, b| b.date.cmp(&a.date));
    let next_step = next_step(&ctx, &referrals, &needs, &accompaniments);
    let partners: Vec<(Uuid, String)> = all_orgs
        .iter()
        .filter(|o| !viewer_orgs.contains(&o.id))
        .map(|o| (o.id, o.name(l).to_string()))
        .collect();
    let need_subjects: Vec<(String, String)> = needs_tax
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let default_due = tremplin_domain::dates::add_working_days(
        today,
        state.config().followup.referral_working_days,
    )
    .to_string();
    // A person is shown to the Team only with their consent; otherwise to the partner that
    // recorded them.
    let contacts: Vec<tremplin_store::contacts::Contact> =
        tremplin_store::contacts::of_company(state.db(), id)
            .await?
            .into_iter()
            .filter(|c| c.consent_share || viewer_orgs.contains(&c.organisation_id))
            .collect();
    let schemes: Vec<(String, String)> = live
        .catalogue
        .schemes
        .iter()
        .map(|s| (s.spec.id.clone(), s.spec.name.get(l).to_string()))
        .collect();
    // Upcoming events the file can be registered to (by the event's organisers).
    let upcoming_events: Vec<(Uuid, String)> = if ctx.can(Action::ManageEvents) {
        tremplin_store::events::list(state.db())
            .await?
            .into_iter()
            .filter(|e| e.day >= today)
            .map(|e| (e.id, format!("{} — {}", e.name, e.day)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(render(
        &views::CompanyFile {
            upcoming_events,
            commune: commune_label(c.commune.as_deref()),
            c,
            naf_label,
            holders,
            countries,
            establishments,
            country_options,
            notice,
            can_merge,
            accompaniments,
            timeline,
            schemes,
            contacts,
            needs,
            referrals,
            next_step,
            partners,
            need_subjects,
            default_due,
            ctx,
        },
        StatusCode::OK,
    )
    .into_response())
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
