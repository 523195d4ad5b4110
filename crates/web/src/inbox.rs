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
        naf: p.naf.as_ref().and_then(CompanyFacts::naf_of),
        registries: p
            .registries
            .as_ref()
            .map(|r| r.iter().map(|s| s.to_string()).collect()),
    };
    let subjects: Vec<String> = if p.needs.is_empty() {
        vec!["orientation".into()]
    } else {
        p.needs.clone()
    };
    route_needs(state, request_id, &facts, subjects).await
}

/// Routes each subject of a request by the published rules (the first need's partner leads;
/// a subject no rule covers goes to the Region).
pub async fn route_needs(
    state: &AppState,
    request_id: Uuid,
    facts: &CompanyFacts,
    subjects: Vec<String>,
) -> Result<(), AppError> {
    let rules = routing::rules(state.db()).await?;
    let branches = routing::branches(state.db()).await?;
    let actor = Actor::system("routing");
    // A need no rule covers goes to the Region's team, which pilots the coverage.
    let region = orgs::by_slug(state.db(), "region-hdf").await?;
    for subject in subjects {
        let mut matches = route(&rules, &branches, &subject, facts);
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
/// Whose inbox: the partner's, the user's branch's, or the user's own ("my companies").
const VIEWS: [&str; 3] = ["partenaire", "antenne", "moi"];
/// Age filters, in days since the request arrived.
const AGES: [&str; 4] = ["3", "9", "21", "45"];

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
    #[serde(default)]
    vue: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    page: String,
}

/// Matches per inbox page; exports take up to [`EXPORT_MAX`].
const PAGE: i64 = 50;
const EXPORT_MAX: i64 = 10_000;

async fn inbox_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<InboxQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::HandleMatch, Resource::Global)?;
    let branch = ctx
        .user
        .as_ref()
        .and_then(|u| u.principal.memberships.iter().find_map(|m| m.branch_id));
    let view = match q.vue.as_str() {
        "antenne" if branch.is_some() => "antenne",
        "moi" => "moi",
        _ => "partenaire",
    };
    let scope = routing::InboxScope {
        orgs: ctx.org_ids(),
        branch: if view == "antenne" { branch } else { None },
        adviser: if view == "moi" {
            ctx.user.as_ref().map(|u| u.id)
        } else {
            None
        },
    };
    let now = chrono::Utc::now();
    let age = if AGES.contains(&q.age.as_str()) {
        q.age.clone()
    } else {
        String::new()
    };
    let filter = routing::InboxFilter {
        subject: Some(q.sujet.clone()).filter(|s| !s.is_empty()),
        departement: Some(q.departement.trim().to_string()).filter(|s| !s.is_empty()),
        older_than: age
            .parse::<i64>()
            .ok()
            .map(|d| now - chrono::Duration::days(d)),
    };
    let tab = if TABS.contains(&q.onglet.as_str()) {
        q.onglet.clone()
    } else if view == "moi" {
        "taking_charge".into()
    } else {
        "waiting".into()
    };
    let by_status = routing::inbox_counts(state.db(), &scope, &filter).await?;
    let counts = TABS.map(|t| {
        let statuses = routing::tab_statuses(t);
        let n: i64 = by_status
            .iter()
            .filter(|(s, _)| statuses.is_empty() || statuses.contains(&s.as_str()))
            .map(|(_, n)| n)
            .sum();
        (t.to_string(), n as usize)
    });
    let export = crate::export::Profile::parse(&q.format);
    let page = q.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let rows = if export.is_some() {
        routing::inbox(state.db(), &scope, &filter, &tab, EXPORT_MAX, 0).await?
    } else {
        routing::inbox(state.db(), &scope, &filter, &tab, PAGE, (page - 1) * PAGE).await?
    };
    let in_tab = counts
        .iter()
        .find(|(t, _)| *t == tab)
        .map(|(_, n)| *n as i64)
        .unwrap_or(0);
    let pages = ((in_tab + PAGE - 1) / PAGE).max(1);
    let live = state.catalogue();
    let l = ctx.lang.code();
    let subject_label = |s: &str| {
        live.catalogue
            .taxonomies
            .need(s)
            .map(|n| n.label(l).to_string())
            .unwrap_or_else(|| s.to_string())
    };
    if let Some(profile) = export {
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
        let rows: Vec<Vec<String>> = rows
            .iter()
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
        return Ok(crate::export::table_response(
            profile, "demandes", &headers, &rows,
        ));
    }
    let items = rows
        .into_iter()
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
    let views = VIEWS
        .iter()
        .filter(|v| **v != "antenne" || branch.is_some())
        .map(|v| v.to_string())
        .collect();
    let query = format!(
        "vue={view}&sujet={}&departement={}&age={age}",
        crate::security::urlencode(&q.sujet),
        crate::security::urlencode(q.departement.trim())
    );
    Ok(render(
        &tpl::Inbox {
            ctx,
            tab,
            counts,
            items,
            subjects,
            sujet: q.sujet,
            departement: q.departement,
            view: view.to_string(),
            views,
            age,
            ages: AGES.iter().map(|a| a.to_string()).collect(),
            query,
            page,
            pages,
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
    let org_name = |o: Uuid| crate::org_name(&all_orgs, o, l);
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
    let survey = tremplin_store::surveys::of_match(state.db(), m.match_id).await?;
    Ok(render(
        &tpl::MatchPage {
            survey,
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
    // The company hears at each step, in the language it wrote in.
    let request = tremplin_store::catalogue::get_request(state.db(), m.request_id).await?;
    let lang = crate::mails::lang_of(Some(&request.locale));
    let partner = orgs::get(state.db(), m.organisation_id)
        .await
        .map(|o| lang.pick(&o.name_fr, &o.name_en).to_string())
        .unwrap_or_default();
    let subject = state
        .catalogue()
        .catalogue
        .taxonomies
        .need(&m.subject)
        .map(|n| n.label(lang.code()).to_string())
        .unwrap_or_else(|| m.subject.clone());
    let text = |which: &str| {
        crate::mails::step(
            lang,
            which,
            &request.contact_name,
            &request.company_name,
            &partner,
            &subject,
        )
    };
    let (taken, closed) = (text("taken"), text("closed"));
    let to = request.contact_email.as_str();
    let mails = if to.is_empty() {
        routing::StatusMails::default()
    } else {
        routing::StatusMails {
            taken: Some(tremplin_store::mail::Mail {
                key: format!("match-taken:{id}"),
                kind: "taken_in_charge",
                to,
                subject: &taken.0,
                body: &taken.1,
            }),
            closed: Some(tremplin_store::mail::Mail {
                key: format!("need-closed:{}", m.need_id),
                kind: "need_closed",
                to,
                subject: &closed.0,
                body: &closed.1,
            }),
        }
    };
    match routing::set_status(state.db(), &ctx.actor(), id, status, reason, &mails).await {
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
