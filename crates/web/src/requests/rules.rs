//! The pilot's view of routing: the rules in order, a test mode (a company profile and a
//! subject → the partners the rules would select, with why), and the coverage report
//! (subject × département with no partner).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::catalogue::taxonomy::Need;
use tremplin_domain::geo::CommuneCode;
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata::refdata;
use tremplin_domain::routing::{Branch, CompanyFacts, Match, Rule, route};
use tremplin_store::{orgs, routing};

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::i18n::Lang;
use crate::http::render::{FormState, render};
use crate::state::AppState;

/// A routing rule as typed in the pilot's form.
#[derive(Deserialize, Default)]
pub(super) struct RuleForm {
    #[serde(default)]
    position: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    min_headcount: String,
    #[serde(default)]
    max_headcount: String,
    #[serde(default)]
    min_age: String,
    #[serde(default)]
    max_age: String,
    #[serde(default)]
    naf_include: String,
    #[serde(default)]
    naf_exclude: String,
    #[serde(default)]
    registry: String,
}

/// Parses the form into a rule, or the field errors (each says what to fix).
pub(super) async fn parse_rule(
    state: &AppState,
    id: uuid::Uuid,
    f: &RuleForm,
) -> Result<routing::RuleInput, AppError> {
    use tremplin_domain::routing::{RegistryRule, Rule};
    let mut errors = FieldErrors::new();
    let subject = f.subject.trim();
    if subject != "*"
        && state
            .catalogue()
            .catalogue
            .taxonomies
            .need(subject)
            .is_none()
    {
        errors.insert("subject".into(), "need_unknown".into());
    }
    let orgs = orgs::list(state.db()).await?;
    let organisation = uuid::Uuid::parse_str(f.organisation.trim())
        .ok()
        .filter(|o| orgs.iter().any(|x| x.id == *o));
    if organisation.is_none() {
        errors.insert("organisation".into(), "organisation_required".into());
    }
    let min_headcount = rule_number(&mut errors, "min_headcount", &f.min_headcount);
    let max_headcount = rule_number(&mut errors, "max_headcount", &f.max_headcount);
    let min_age = rule_number(&mut errors, "min_age", &f.min_age);
    let max_age = rule_number(&mut errors, "max_age", &f.max_age);
    let position = rule_number(&mut errors, "position", &f.position).unwrap_or(1000);
    check_bounds(&mut errors, "max_headcount", min_headcount, max_headcount);
    check_bounds(&mut errors, "max_age", min_age, max_age);
    let naf_include = naf_prefixes(&mut errors, "naf_include", &f.naf_include);
    let naf_exclude = naf_prefixes(&mut errors, "naf_exclude", &f.naf_exclude);
    let registry = RegistryRule::parse(f.registry.trim());
    if registry.is_none() {
        errors.insert("registry".into(), "value_unknown".into());
    }
    match (organisation, registry, errors.is_empty()) {
        (Some(organisation), Some(registry), true) => Ok(routing::RuleInput {
            position: position.clamp(0, 100_000) as i32,
            rule: Rule {
                id,
                subject: subject.to_string(),
                organisation,
                min_headcount,
                max_headcount,
                min_age,
                max_age,
                naf_include,
                naf_exclude,
                registry,
                active: false,
            },
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// A whole number of a rule (optional), from 0 to 1,000,000.
fn rule_number(errors: &mut FieldErrors, field: &str, v: &str) -> Option<i64> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if n < 0 => {
            errors.insert(field.into(), "value_negative".into());
            None
        }
        Ok(n) if n > 1_000_000 => {
            errors.insert(field.into(), "value_too_large".into());
            None
        }
        Ok(n) => Some(n),
        Err(_) => {
            errors.insert(field.into(), "number_invalid".into());
            None
        }
    }
}

/// A maximum is not below its minimum.
fn check_bounds(errors: &mut FieldErrors, field: &str, min: Option<i64>, max: Option<i64>) {
    if let (Some(a), Some(b)) = (min, max)
        && b < a
    {
        errors.insert(field.into(), "max_below_min".into());
    }
}

/// NAF code prefixes typed with commas, semicolons or spaces, upper-cased.
fn naf_prefixes(errors: &mut FieldErrors, field: &str, v: &str) -> Vec<String> {
    let list: Vec<String> = v
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| x.to_ascii_uppercase())
        .collect();
    if list
        .iter()
        .any(|x| !tremplin_domain::routing::valid_naf_prefix(x))
    {
        errors.insert(field.into(), "naf_prefix_invalid".into());
    }
    list
}

pub(super) async fn create_rule(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<RuleForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let input = parse_rule(&state, uuid::Uuid::nil(), &f).await?;
    let id = routing::create_rule(state.db(), &ctx.actor(), &input).await?;
    Ok(Redirect::to(&format!("/pilotage/routage?brouillons=1#regle-{id}")).into_response())
}

pub(super) async fn update_rule(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<uuid::Uuid>,
    Form(f): Form<RuleForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let input = parse_rule(&state, id, &f).await?;
    routing::update_rule(state.db(), &ctx.actor(), id, &input).await?;
    Ok(Redirect::to(&format!("/pilotage/routage#regle-{id}")).into_response())
}

pub(super) async fn publish_rule(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<uuid::Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    routing::set_rule_active(state.db(), &ctx.actor(), id, true).await?;
    Ok(Redirect::to(&format!("/pilotage/routage#regle-{id}")).into_response())
}

pub(super) async fn withdraw_rule(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<uuid::Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    routing::set_rule_active(state.db(), &ctx.actor(), id, false).await?;
    Ok(Redirect::to(&format!("/pilotage/routage#regle-{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct TestQ {
    #[serde(default, rename = "sujet")]
    subject: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    departement: String,
    #[serde(default, rename = "registre")]
    registry: String,
    #[serde(default, rename = "effectif")]
    headcount: String,
    #[serde(default)]
    naf: String,
    /// Include draft (unpublished) rules in the test.
    #[serde(default, rename = "brouillons")]
    drafts: String,
}

pub(super) async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<TestQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ManageRouting, Resource::Global)?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let positioned = routing::rules_with_position(state.db()).await?;
    let rules: Vec<_> = positioned.iter().map(|(_, r)| r.clone()).collect();
    let branches = routing::branches(state.db()).await?;
    let all_branches = orgs::branches(state.db()).await?;
    let live = state.catalogue();
    let lk = Lookups {
        lang: l,
        orgs: &all_orgs,
        branches: &all_branches,
        needs: &live.catalogue.taxonomies.needs,
    };
    let rule_rows = rule_rows(&ctx, &lk, &positioned);
    let partners: Vec<(uuid::Uuid, String)> = all_orgs
        .iter()
        .map(|o| (o.id, o.name(l).to_string()))
        .collect();

    let (form, tested, results) = test_mode(&ctx, &lk, &q, &rules, &branches);

    // Coverage: subject × HdF département → partners routed (empty = a gap).
    let deps = departements();
    let coverage = coverage(&lk, &rules, &branches, &deps);
    let subjects = lk
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &views::RoutingPage {
            ctx,
            rule_rows,
            partners,
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

/// What the routing page names things with: the reader's language, the partners, their
/// branches and the needs.
struct Lookups<'a> {
    lang: &'a str,
    orgs: &'a [orgs::Organisation],
    branches: &'a [orgs::BranchWithCoverage],
    needs: &'a [Need],
}

impl Lookups<'_> {
    /// A partner's name ("" if unknown).
    fn org(&self, o: uuid::Uuid) -> String {
        tremplin_store::orgs::name_in(self.orgs, o, self.lang)
    }

    /// A branch's name ("" if none or unknown).
    fn branch(&self, b: Option<uuid::Uuid>) -> String {
        b.and_then(|b| self.branches.iter().find(|x| x.branch.id == b))
            .map(|x| x.branch.name.clone())
            .unwrap_or_default()
    }

    /// A rule's subject: the need's label, or "any subject" for `*`.
    fn subject(&self, ctx: &Ctx, s: &str) -> String {
        if s == "*" {
            ctx.t("routing-any-subject")
        } else {
            self.needs
                .iter()
                .find(|n| n.id == s)
                .map(|n| n.label(self.lang).to_string())
                .unwrap_or(s.to_string())
        }
    }
}

/// The rules in order, as the table shows them.
fn rule_rows(ctx: &Ctx, lk: &Lookups, positioned: &[(i32, Rule)]) -> Vec<views::RuleRow> {
    positioned
        .iter()
        .map(|(pos, r)| views::RuleRow {
            id: r.id,
            position: *pos,
            subject_id: r.subject.clone(),
            subject: lk.subject(ctx, &r.subject),
            organisation: r.organisation,
            partner: lk.org(r.organisation),
            registry_id: r.registry.as_str().to_string(),
            registry: ctx.tp("registry-rule-", r.registry.as_str()),
            min_headcount: r.min_headcount.map(|v| v.to_string()).unwrap_or_default(),
            max_headcount: r.max_headcount.map(|v| v.to_string()).unwrap_or_default(),
            min_age: r.min_age.map(|v| v.to_string()).unwrap_or_default(),
            max_age: r.max_age.map(|v| v.to_string()).unwrap_or_default(),
            naf_include: r.naf_include.join(", "),
            naf_exclude: r.naf_exclude.join(", "),
            active: r.active,
        })
        .collect()
}

/// The test mode: the form, whether a test ran (a subject and no error) and the partners it
/// selected.
fn test_mode(
    ctx: &Ctx,
    lk: &Lookups,
    q: &TestQ,
    rules: &[Rule],
    branches: &[Branch],
) -> (FormState, bool, Vec<views::TestMatch>) {
    let mut form = test_form(ctx.lang, q);
    let facts = company_facts(q, &mut form);
    let tested = !q.subject.is_empty() && !form.has_errors();
    let results = if tested {
        let test_rules = test_rules(rules, !q.drafts.is_empty());
        test_matches(ctx, lk, route(&test_rules, branches, &q.subject, &facts))
    } else {
        Vec::new()
    };
    (form, tested, results)
}

/// The départements as (code, name).
fn departements() -> Vec<(String, String)> {
    refdata()
        .departements()
        .map(|d| (d.code.clone(), d.name.clone()))
        .collect()
}

/// The rules the test mode tries: the drafts as if published when asked (live routing never
/// does).
fn test_rules(rules: &[Rule], with_drafts: bool) -> Vec<Rule> {
    rules
        .iter()
        .cloned()
        .map(|mut r| {
            r.active = r.active || with_drafts;
            r
        })
        .collect()
}

/// The test form, filled with the query.
fn test_form(lang: Lang, q: &TestQ) -> FormState {
    let mut form = FormState::new(lang);
    for (k, v) in [
        ("sujet", &q.subject),
        ("commune", &q.commune),
        ("departement", &q.departement),
        ("registre", &q.registry),
        ("effectif", &q.headcount),
        ("naf", &q.naf),
        ("brouillons", &q.drafts),
    ] {
        form.values.insert(k.into(), v.clone());
    }
    form
}

/// The company profile typed in the test form; the fields that do not parse fail in `form`.
fn company_facts(q: &TestQ, form: &mut FormState) -> CompanyFacts {
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
            Ok(n) => facts.naf = CompanyFacts::naf_of(&n),
            Err(e) => form.fail("naf", e.code()),
        }
    }
    if !q.headcount.trim().is_empty() {
        match q.headcount.trim().parse::<i64>() {
            Ok(v) if v >= 0 => facts.headcount = Some(v),
            _ => form.fail("effectif", "number_invalid"),
        }
    }
    facts.registries = match q.registry.as_str() {
        "rcs" => Some(vec!["rcs".into()]),
        "rm" => Some(vec!["rm".into()]),
        "both" => Some(vec!["rcs".into(), "rm".into()]),
        _ => None,
    };
    facts
}

/// The partners the test selected, with their branch and why.
fn test_matches(ctx: &Ctx, lk: &Lookups, matches: Vec<Match>) -> Vec<views::TestMatch> {
    matches
        .into_iter()
        .map(|m| views::TestMatch {
            partner: lk.org(m.organisation),
            branch: lk.branch(m.branch),
            why: m
                .why
                .iter()
                .map(|w| ctx.tp("why-", w))
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect()
}

/// Per need, the partners routed (with a branch there) in each département of `deps`.
fn coverage(
    lk: &Lookups,
    rules: &[Rule],
    branches: &[Branch],
    deps: &[(String, String)],
) -> Vec<(String, Vec<String>)> {
    lk.needs
        .iter()
        .map(|n| {
            let cells = deps
                .iter()
                .map(|(code, _)| {
                    let f = CompanyFacts {
                        departement: Some(code.clone()),
                        ..Default::default()
                    };
                    route(rules, branches, &n.id, &f)
                        .iter()
                        .filter(|m| m.branch.is_some())
                        .map(|m| lk.org(m.organisation))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            (n.label(lk.lang).to_string(), cells)
        })
        .collect()
}
