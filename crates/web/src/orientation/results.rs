//! The results page: every scheme evaluated, grouped by path, with the contacts for the
//! company's département and the refinements that would change an answer.

use super::answers::Answers;
use super::answers::fail_all;
use super::steps::step2_view;
use super::views::Group;
use super::views::{self, Card};
use crate::catalogue::result_out;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::i18n::Lang;
use crate::http::render::render;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Query;
use tremplin_domain::catalogue::{Bucket, Catalogue, Evaluation, orient};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::orgs;

/// Refinement questions that would change at least one answer.
pub const REFINEMENTS: [(&str, &str); 7] = [
    ("closed_fiscal_years", "exercices"),
    ("french_share_pct", "part_fr"),
    ("budget_eur", "budget"),
    ("activity_flags", "negoce"),
    ("registries", "registre"),
    ("export_turnover_eur", "ca_export"),
    ("creation_year", "creation"),
];

pub(super) async fn results(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(a): Query<Answers>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = a.form_state(&ctx);
    let (_, parsed) = a.profile(&state);
    let profile = match parsed {
        Ok(p) => p,
        Err(errors) => {
            fail_all(&mut form, &errors);
            return Ok(step2_view(
                ctx,
                &state,
                &a,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let show_not_eligible = a.show_not_eligible == "1";
    let evals = orient(
        &live.catalogue.schemes,
        &profile,
        today,
        &live.weights,
        true,
    );
    let not_eligible_count = evals
        .iter()
        .filter(|e| e.bucket == Bucket::NotEligible)
        .count();
    let wanted = refinements_wanted(&evals);
    let dep = profile.departement.map(|d| d.as_str().to_string());
    let contacts = Contacts::load(&state, dep).await?;
    let shown = evals
        .iter()
        .filter(|e| show_not_eligible || e.bucket != Bucket::NotEligible);
    let groups = result_groups(ctx.lang, &live.catalogue, shown, &contacts);
    let q = a.query();
    let page = views::OrientResults {
        shown: groups.iter().map(|g| g.cards.len()).sum(),
        groups,
        refinements: wanted.iter().map(|s| s.to_string()).collect(),
        not_eligible_count,
        show_not_eligible,
        toggle_url: toggle_url(&q, show_not_eligible),
        callback_url: format!("/orientation/rappel?{q}"),
        change_url: format!("/orientation/etape-2?{q}"),
        hidden: serde_html_pairs(&a),
        form,
        ctx,
    };
    Ok(render(&page, StatusCode::OK))
}

/// The link showing (or hiding, when shown) the schemes the company is not eligible to.
fn toggle_url(q: &str, show_not_eligible: bool) -> String {
    if show_not_eligible {
        format!("/orientation/resultats?{q}")
    } else {
        format!("/orientation/resultats?{q}&non_eligibles=1")
    }
}

/// The refinements (form fields) that some "to confirm" result is waiting for, first asked
/// first.
fn refinements_wanted(evals: &[Evaluation]) -> Vec<&'static str> {
    let mut wanted: Vec<&str> = Vec::new();
    for e in evals.iter().filter(|e| e.bucket == Bucket::ToConfirm) {
        for m in e.missing_inputs() {
            if let Some((_, f)) = REFINEMENTS.iter().find(|(p, _)| *p == m)
                && !wanted.contains(f)
            {
                wanted.push(f);
            }
        }
    }
    wanted
}

/// Who to contact for a scheme: the partners' branches covering the company's département.
struct Contacts {
    branches: Vec<orgs::BranchWithCoverage>,
    organisations: Vec<orgs::Organisation>,
    dep: Option<String>,
}

impl Contacts {
    /// Reads the partners and their branches, for a company in département `dep`.
    async fn load(state: &AppState, dep: Option<String>) -> Result<Self, AppError> {
        let branches = orgs::branches(state.db()).await?;
        let organisations = orgs::list(state.db()).await?;
        Ok(Contacts {
            branches,
            organisations,
            dep,
        })
    }

    /// The contacts for the partners `slugs`: each one's branches covering the département,
    /// else the partner itself.
    fn of(&self, lang: Lang, slugs: &[String]) -> Vec<String> {
        slugs
            .iter()
            .flat_map(|org| {
                let o = self.organisations.iter().find(|o| &o.slug == org);
                let mine: Vec<String> = self
                    .branches
                    .iter()
                    .filter(|b| o.is_some_and(|o| o.id == b.branch.organisation_id))
                    .filter(|b| {
                        self.dep
                            .as_ref()
                            .is_some_and(|d| b.coverage.iter().any(|(cd, _)| cd == d))
                    })
                    .map(|b| b.branch.name.clone())
                    .collect();
                if mine.is_empty() {
                    o.map(|o| o.name(lang.code()).to_string())
                        .into_iter()
                        .collect()
                } else {
                    mine
                }
            })
            .collect()
    }
}

/// The results shown as cards grouped by path (in the catalogue's order; empty paths left out).
fn result_groups<'a>(
    lang: Lang,
    catalogue: &Catalogue,
    evals: impl Iterator<Item = &'a Evaluation<'a>>,
    contacts: &Contacts,
) -> Vec<Group> {
    let mut groups: Vec<Group> = catalogue
        .taxonomies
        .paths
        .iter()
        .map(|p| Group {
            id: p.id.clone(),
            label: p.label(lang.code()).to_string(),
            cards: Vec::new(),
        })
        .collect();
    for e in evals {
        let r = result_out(lang, catalogue, e);
        let contacts = contacts.of(lang, &r.contacts);
        let missing = r
            .missing_inputs
            .iter()
            .map(|m| lang.t(&format!("input-{m}")))
            .collect();
        let card = Card {
            r,
            contacts,
            missing,
        };
        if let Some(g) = groups.iter_mut().find(|g| g.id == card.r.path) {
            g.cards.push(card);
        }
    }
    groups.retain(|g| !g.cards.is_empty());
    groups
}

/// Hidden fields repeating every answer except the refinements (so the refinement form keeps
/// the rest of the profile).
pub(super) fn serde_html_pairs(a: &Answers) -> Vec<(String, String)> {
    a.pairs()
        .into_iter()
        .filter(|(k, _)| !REFINEMENTS.iter().any(|r| r.1 == *k))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
