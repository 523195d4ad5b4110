//! Requests routed to partners: each need of a request goes to the partners its rules select
//! ("why this partner" kept on each match); advisers see their partner's inbox by status, take
//! charge, close (a reason is required for "not for me") or reopen.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use tremplin_domain::catalogue::Profile;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::routing::{CompanyFacts, route};
use tremplin_store::audit::Actor;
use tremplin_store::{orgs, routing};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::tpl::{self, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/demandes", get(inbox_page))
        .route("/demandes/{id}", get(match_page))
        .route("/demandes/{id}/statut", post(set_status))
        .route("/demandes/{id}/fiche", post(open_company_file))
}

/// Opens the request's company file: the one linked, the one with its SIREN, or a new one
/// (provisional without a SIREN) held by the match's partner; the request is linked to it.
async fn open_company_file(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let m = routing::get_match(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(m.organisation_id),
    )?;
    let r = tremplin_store::catalogue::get_request(state.db(), m.request_id).await?;
    let company = match r.company_id {
        Some(c) => c,
        None => {
            let fields = tremplin_store::companies::Fields {
                siren: r.siren.clone(),
                name: r.company_name.clone(),
                name_key: tremplin_domain::company::name_key(&r.company_name),
                departement: r.departement.clone(),
                country: "FR".into(),
                sharing_consent: r.consent_share,
                ..Default::default()
            };
            let created = tremplin_store::companies::create(
                state.db(),
                &ctx.actor(),
                Some(m.organisation_id),
                &fields,
            )
            .await?;
            let c = match created {
                tremplin_store::companies::Created::New(c) => c,
                tremplin_store::companies::Created::Existing(c) => {
                    tremplin_store::companies::add_holder(
                        state.db(),
                        &ctx.actor(),
                        c,
                        m.organisation_id,
                    )
                    .await?;
                    c
                }
            };
            tremplin_store::catalogue::link_request(state.db(), &ctx.actor(), r.id, c).await?;
            c
        }
    };
    Ok(Redirect::to(&format!("/entreprises/{company}")).into_response())
}

/// Routes every need of a request (its first need leads; no need → "orientation").
pub async fn route_request(
    state: &AppState,
    request_id: Uuid,
    p: &Profile,
    today: NaiveDate,
) -> Result<(), AppError> {
    let facts = CompanyFacts {
        departement: p.departement.map(|d| d.as_str().to_string()),
        commune: p.commune.as_ref().map(|c| c.as_str().to_string()),
        headcount: p.headcount.or(p.headcount_band.map(|b| b.0)),
        age_years: p.creation_year.map(|y| i64::from(today.year()) - y),
        naf: p
            .naf
            .as_ref()
            .and_then(|n| n.section().map(|s| (n.compact().to_string(), s))),
        registries: p
            .registries
            .as_ref()
            .map(|r| r.iter().map(|s| s.to_string()).collect()),
    };
    let rules = routing::rules(state.db()).await?;
    let branches = routing::branches(state.db()).await?;
    let subjects: Vec<String> = if p.needs.is_empty() {
        vec!["orientation".into()]
    } else {
        p.needs.clone()
    };
    let actor = Actor::system("routing");
    // A need no rule covers goes to the Region's team, which pilots the coverage.
    let region = orgs::by_slug(state.db(), "region-hdf").await?;
    for subject in subjects {
        let mut matches = route(&rules, &branches, &subject, &facts);
        if matches.is_empty()
            && let Some(r) = &region
        {
            matches.push(tremplin_domain::routing::Match {
                organisation: r.id,
                branch: None,
                rule: Uuid::nil(),
                why: vec!["no_rule"],
            });
        }
        routing::create_need(state.db(), &actor, request_id, &subject, &matches).await?;
    }
    Ok(())
}

const TABS: [&str; 4] = ["waiting", "taking_charge", "closed", "all"];

#[derive(Deserialize, Default)]
struct InboxQ {
    #[serde(default)]
    format: String,
    #[serde(default)]
    onglet: String,
    #[serde(default)]
    sujet: String,
    #[serde(default)]
    departement: String,
}

fn in_tab(status: &str, tab: &str) -> bool {
    match tab {
        "waiting" => status == "waiting",
        "taking_charge" => status == "taking_charge",
        "closed" => routing::CLOSED.contains(&status),
        _ => true,
    }
}

async fn inbox_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<InboxQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let orgs_of_user = ctx.org_ids();
    let rows = routing::inbox(state.db(), &orgs_of_user, 500).await?;
    let tab = if TABS.contains(&q.onglet.as_str()) {
        q.onglet.clone()
    } else {
        "waiting".into()
    };
    let filtered: Vec<_> = rows
        .iter()
        .filter(|r| q.sujet.is_empty() || r.subject == q.sujet)
        .filter(|r| {
            q.departement.is_empty() || r.departement.as_deref() == Some(q.departement.as_str())
        })
        .collect();
    let counts = TABS.map(|t| {
        (
            t.to_string(),
            filtered.iter().filter(|r| in_tab(&r.status, t)).count(),
        )
    });
    let live = state.catalogue();
    let l = ctx.lang.code();
    let subject_label = |s: &str| {
        live.catalogue
            .taxonomies
            .need(s)
            .map(|n| n.label(l).to_string())
            .unwrap_or_else(|| s.to_string())
    };
    let now = chrono::Utc::now();
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let headers: Vec<String> = [
            "company-name",
            "filter-need",
            "q-departement",
            "filter-status",
            "inbox-received",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect();
        let rows: Vec<Vec<String>> = filtered
            .iter()
            .filter(|r| in_tab(&r.status, &tab))
            .map(|r| {
                vec![
                    r.company_name.clone(),
                    subject_label(&r.subject),
                    r.departement.clone().unwrap_or_default(),
                    ctx.tp("match-", &r.status),
                    r.created_at.format("%Y-%m-%d").to_string(),
                ]
            })
            .collect();
        return Ok(crate::export::csv_response(
            profile,
            "demandes.csv",
            &headers,
            &rows,
        ));
    }
    let items = filtered
        .into_iter()
        .filter(|r| in_tab(&r.status, &tab))
        .map(|r| tpl::InboxItem {
            id: r.match_id,
            company: r.company_name.clone(),
            subject: subject_label(&r.subject),
            departement: r.departement.clone().unwrap_or_default(),
            status: r.status.clone(),
            age_days: (now - r.created_at).num_days(),
        })
        .collect();
    let subjects = live
        .catalogue
        .taxonomies
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    Ok(render(
        &tpl::Inbox {
            ctx,
            tab,
            counts,
            items,
            subjects,
            sujet: q.sujet,
            departement: q.departement,
        },
        StatusCode::OK,
    ))
}

async fn match_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let m = routing::get_match(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(m.organisation_id),
    )?;
    let all_orgs = orgs::list(state.db()).await?;
    let branches = orgs::branches(state.db()).await?;
    let l = ctx.lang.code();
    let org_name = |o: Uuid| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| x.name(l).to_string())
            .unwrap_or_default()
    };
    let branch_name = |b: Option<Uuid>| {
        b.and_then(|b| branches.iter().find(|x| x.branch.id == b))
            .map(|x| x.branch.name.clone())
    };
    let others = routing::need_matches(state.db(), m.need_id)
        .await?
        .into_iter()
        .map(|o| {
            (
                org_name(o.organisation_id),
                ctx.tp("match-", &o.status),
                o.lead_organisation_id == Some(o.organisation_id),
            )
        })
        .collect();
    let request = tremplin_store::catalogue::get_request(state.db(), m.request_id).await?;
    let why = m
        .why
        .split(',')
        .filter(|w| !w.is_empty())
        .map(|w| ctx.tp("why-", w))
        .collect();
    let live = state.catalogue();
    let subject = live
        .catalogue
        .taxonomies
        .need(&m.subject)
        .map(|n| n.label(l).to_string())
        .unwrap_or(m.subject.clone());
    Ok(render(
        &tpl::MatchPage {
            partner: org_name(m.organisation_id),
            branch: branch_name(m.branch_id),
            why,
            others,
            subject,
            request,
            m,
            ctx,
        },
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

async fn set_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    apply_status(&ctx, &state, id, &f.status, &f.reason).await?;
    Ok(Redirect::to(&format!("/demandes/{id}")).into_response())
}

/// Checks the policy on the match's partner, then moves the match along its lifecycle
/// (pages and API alike); refusals become field errors.
pub async fn apply_status(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    status: &str,
    reason: &str,
) -> Result<(), AppError> {
    let m = routing::get_match(state.db(), id).await?;
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(m.organisation_id),
    )?;
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    match routing::set_status(state.db(), &ctx.actor(), id, status, reason).await {
        Ok(()) => Ok(()),
        Err(tremplin_store::StoreError::Conflict(code)) => {
            let field = if code == "reason_required" {
                "reason"
            } else {
                "status"
            };
            Err(AppError::Invalid(
                [(field.to_string(), code.to_string())].into(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
