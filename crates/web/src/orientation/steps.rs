//! The public orientation: two short screens ("je ne sais pas" always allowed), then a
//! shareable results page grouped by path, optional refinements asked only when they would
//! change an answer, and the "Être rappelé" request. No account needed.
//!
//! The SIREN (personal data for sole traders) never goes into a URL: screen 1 is posted, the
//! SIREN kept in the session for the call-back form, and the results URL carries only
//! non-personal answers.

use super::answers::Answers;
use super::answers::SIREN_KEY;
use super::answers::fail_all;
use super::views::Choice;
use axum::extract::{Query as PlainQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use tremplin_domain::geo::Zone;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata::refdata;

use super::views::{self};
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::i18n::Lang;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use tremplin_domain::company::{HEADCOUNT_BANDS, TURNOVER_BANDS};

pub(super) fn owned(v: &[(String, String)]) -> Vec<(&str, String)> {
    v.iter().map(|(a, b)| (a.as_str(), b.clone())).collect()
}

pub(super) fn choices(values: &[(&str, String)], current: &[String]) -> Vec<Choice> {
    values
        .iter()
        .map(|(v, l)| Choice {
            value: v.to_string(),
            label: l.clone(),
            selected: current.iter().any(|c| c == v),
        })
        .collect()
}

/// NAF sub-classes whose label matches the words typed (accents and case ignored).
pub(super) fn naf_choices(words: &str, selected: &str) -> Vec<Choice> {
    refdata()
        .search_naf(words, 12)
        .into_iter()
        .map(|n| Choice {
            value: n.code.clone(),
            label: format!("{} ({})", n.label_fr, n.code),
            selected: n.code == selected,
        })
        .collect()
}

pub(super) fn step1_view(ctx: Ctx, a: &Answers, form: FormState, status: StatusCode) -> Response {
    let lang = ctx.lang;
    let naf_options = naf_choices(&a.activity, &a.naf);
    let mut deps: Vec<(&str, String)> = refdata()
        .departements()
        .map(|d| (d.code.as_str(), format!("{} ({})", d.name, d.code)))
        .collect();
    deps.push(("autre", lang.t("orient-other-region")));
    let headcounts: Vec<(&str, String)> = HEADCOUNT_BANDS
        .iter()
        .map(|b| (b.0, lang.t(&format!("band-headcount-{}", b.0))))
        .collect();
    let turnovers: Vec<(&str, String)> = TURNOVER_BANDS
        .iter()
        .map(|b| (b.0, lang.t(&format!("band-turnover-{}", b.0))))
        .collect();
    let page = views::OrientStep1 {
        departements: choices(&deps, std::slice::from_ref(&a.departement)),
        headcounts: choices(&headcounts, std::slice::from_ref(&a.headcount)),
        turnovers: choices(&turnovers, std::slice::from_ref(&a.turnover)),
        naf_label: tremplin_domain::naf::NafCode::parse(&a.naf)
            .ok()
            .and_then(|n| n.label_fr().map(|l| format!("{l} ({})", n.code()))),
        naf_options,
        searched: !a.activity.trim().is_empty(),
        form,
        ctx,
    };
    render(&page, status)
}

pub(super) async fn step1(ctx: Ctx, Query(a): Query<Answers>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = a.form_state(&ctx);
    Ok(step1_view(ctx, &a, form, StatusCode::OK))
}

/// Screen 1 posted: search activities (without JavaScript), or check and go to screen 2.
pub(super) async fn step1_post(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(a): Form<Answers>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = a.form_state(&ctx);
    if a.action == "chercher" {
        return Ok(step1_view(ctx, &a, form, StatusCode::OK));
    }
    let profile = match a.profile(&state).1 {
        Ok(p) => p,
        Err(errors) => {
            fail_all(&mut form, &errors);
            return Ok(step1_view(ctx, &a, form, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    // The SIREN waits in the session for the call-back form, out of every URL.
    if let Some(s) = &ctx.session {
        let _ = match &profile.siren {
            Some(v) => s.insert(SIREN_KEY, v.as_str()).await,
            None => s.remove::<String>(SIREN_KEY).await.map(|_| ()),
        };
    }
    Ok(Redirect::to(&format!("/orientation/etape-2?{}", a.query())).into_response())
}

#[derive(Deserialize)]
pub(super) struct NafQ {
    #[serde(default, rename = "activite")]
    activity: String,
    #[serde(default)]
    naf: String,
}

/// htmx fragment: activities matching the words typed (accents ignored).
pub(super) async fn naf_fragment(
    ctx: Ctx,
    PlainQuery(q): PlainQuery<NafQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let naf_options = naf_choices(&q.activity, &q.naf);
    Ok(render(
        &views::NafOptions {
            searched: !q.activity.trim().is_empty(),
            naf_options,
            ctx,
        },
        StatusCode::OK,
    ))
}

pub(super) fn step2_view(
    ctx: Ctx,
    state: &AppState,
    a: &Answers,
    form: FormState,
    status: StatusCode,
) -> Response {
    let live = state.catalogue();
    let l = ctx.lang.code();
    let exps: Vec<(&str, String)> = ["never", "not_last_12m", "last_12m", "no_offer"]
        .iter()
        .map(|e| (*e, ctx.tp("exp-", e)))
        .collect();
    let offers: Vec<(&str, String)> = ["goods", "services", "both"]
        .iter()
        .map(|o| (*o, ctx.tp("offer-", o)))
        .collect();
    let chapters: Vec<(String, String)> = refdata()
        .hs_chapters()
        .map(|h| (h.code.clone(), format!("{} — {}", h.code, h.description_en)))
        .collect();
    let countries = country_options(ctx.lang);
    let zones = zone_options(ctx.lang);
    let needs: Vec<(String, String)> = live
        .catalogue
        .taxonomies
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let page = views::OrientStep2 {
        experiences: choices(&exps, std::slice::from_ref(&a.experience)),
        offers: choices(&offers, std::slice::from_ref(&a.offer)),
        chapters: choices(&owned(&chapters), std::slice::from_ref(&a.hs_chapter)),
        countries: choices(&owned(&countries), &a.countries),
        zones: choices(&owned(&zones), &a.zones),
        needs: choices(&owned(&needs), &a.needs),
        undecided: a.zones.iter().any(|z| z == "indecis"),
        hidden: step1_hidden(a),
        back: format!("/orientation?{}", a.query()),
        form,
        ctx,
    };
    render(&page, status)
}

/// The countries to target (France apart), by French name.
fn country_options(lang: Lang) -> Vec<(String, String)> {
    refdata()
        .countries_by_name_fr()
        .filter(|c| c.alpha2 != "FR")
        .map(|c| {
            (
                c.alpha2.clone(),
                lang.pick(&c.name_fr, &c.name_en).to_string(),
            )
        })
        .collect()
}

/// The zones to target: the named ones and the continents (UN M49).
fn zone_options(lang: Lang) -> Vec<(String, String)> {
    Zone::all()
        .iter()
        .filter(|z| {
            z.m49_code().is_none()
                || matches!(
                    z.id(),
                    "m49-002" | "m49-150" | "m49-142" | "m49-019" | "m49-009"
                )
        })
        .map(|z| (z.id().to_string(), crate::http::i18n::zone_name(lang, z)))
        .collect()
}

/// The first step's answers, carried as hidden fields.
fn step1_hidden(a: &Answers) -> Vec<(String, String)> {
    [
        ("naf", &a.naf),
        ("departement", &a.departement),
        ("effectif", &a.headcount),
        ("ca", &a.turnover),
        ("creation", &a.creation),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub(super) async fn step2(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(a): Query<Answers>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = a.form_state(&ctx);
    Ok(step2_view(ctx, &state, &a, form, StatusCode::OK))
}
