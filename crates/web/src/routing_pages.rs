//! The pilot's view of routing: the rules in order, a test mode (a company profile and a
//! subject → the partners the rules would select, with why), and the coverage report
//! (subject × département with no partner).

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use tremplin_domain::geo::CommuneCode;
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata::refdata;
use tremplin_domain::routing::{CompanyFacts, route};
use tremplin_store::{orgs, routing};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::tpl::{self, FormState, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/pilotage/routage", get(page))
}

#[derive(Deserialize, Default)]
struct TestQ {
    #[serde(default)]
    sujet: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    departement: String,
    #[serde(default)]
    registre: String,
    #[serde(default)]
    effectif: String,
    #[serde(default)]
    naf: String,
}

async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<TestQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let org_name = |o: uuid::Uuid| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| x.name(l).to_string())
            .unwrap_or_default()
    };
    let rules = routing::rules(state.db()).await?;
    let branches = routing::branches(state.db()).await?;
    let all_branches = orgs::branches(state.db()).await?;
    let branch_name = |b: Option<uuid::Uuid>| {
        b.and_then(|b| all_branches.iter().find(|x| x.branch.id == b))
            .map(|x| x.branch.name.clone())
            .unwrap_or_default()
    };
    let live = state.catalogue();
    let needs = &live.catalogue.taxonomies.needs;
    let label = |s: &str| {
        if s == "*" {
            ctx.t("routing-any-subject")
        } else {
            needs
                .iter()
                .find(|n| n.id == s)
                .map(|n| n.label(l).to_string())
                .unwrap_or(s.to_string())
        }
    };
    let rule_rows = rules
        .iter()
        .map(|r| tpl::RuleRow {
            subject: label(&r.subject),
            partner: org_name(r.organisation),
            registry: ctx.tp("registry-rule-", r.registry.as_str()),
            active: r.active,
        })
        .collect();

    // Test mode.
    let mut form = FormState::new(ctx.lang);
    for (k, v) in [
        ("sujet", &q.sujet),
        ("commune", &q.commune),
        ("departement", &q.departement),
        ("registre", &q.registre),
        ("effectif", &q.effectif),
        ("naf", &q.naf),
    ] {
        form.values.insert(k.into(), v.clone());
    }
    let mut facts = CompanyFacts::default();
    if !q.commune.trim().is_empty() {
        match CommuneCode::parse(&q.commune) {
            Ok(c) => {
                facts.departement = Some(c.departement().as_str().to_string());
                facts.commune = Some(c.as_str().to_string());
            }
            Err(e) => form.fail("commune", e.code()),
        }
    }
    if facts.departement.is_none() && !q.departement.trim().is_empty() {
        facts.departement = Some(q.departement.trim().to_string());
    }
    if !q.naf.trim().is_empty() {
        match NafCode::parse(&q.naf) {
            Ok(n) => facts.naf = n.section().map(|s| (n.compact().to_string(), s)),
            Err(e) => form.fail("naf", e.code()),
        }
    }
    if !q.effectif.trim().is_empty() {
        match q.effectif.trim().parse::<i64>() {
            Ok(v) if v >= 0 => facts.headcount = Some(v),
            _ => form.fail("effectif", "number_invalid"),
        }
    }
    facts.registries = match q.registre.as_str() {
        "rcs" => Some(vec!["rcs".into()]),
        "rm" => Some(vec!["rm".into()]),
        "both" => Some(vec!["rcs".into(), "rm".into()]),
        _ => None,
    };
    let tested = !q.sujet.is_empty() && !form.has_errors();
    let results = if tested {
        route(&rules, &branches, &q.sujet, &facts)
            .into_iter()
            .map(|m| tpl::TestMatch {
                partner: org_name(m.organisation),
                branch: branch_name(m.branch),
                why: m
                    .why
                    .iter()
                    .map(|w| ctx.tp("why-", w))
                    .collect::<Vec<_>>()
                    .join(" · "),
            })
            .collect()
    } else {
        Vec::new()
    };

    // Coverage: subject × HdF département → partners routed (empty = a gap).
    let deps: Vec<(String, String)> = refdata()
        .departements()
        .map(|d| (d.code.clone(), d.name.clone()))
        .collect();
    let coverage = needs
        .iter()
        .map(|n| {
            let cells = deps
                .iter()
                .map(|(code, _)| {
                    let f = CompanyFacts {
                        departement: Some(code.clone()),
                        ..Default::default()
                    };
                    route(&rules, &branches, &n.id, &f)
                        .iter()
                        .filter(|m| m.branch.is_some())
                        .map(|m| org_name(m.organisation))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            (n.label(l).to_string(), cells)
        })
        .collect();
    let subjects = needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &tpl::RoutingPage {
            ctx,
            rule_rows,
            form,
            subjects,
            tested,
            results,
            deps,
            coverage,
        },
        status,
    ))
}
