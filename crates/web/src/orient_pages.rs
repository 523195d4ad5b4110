//! The public orientation: two short screens ("je ne sais pas" always allowed), then a
//! shareable results page grouped by path, optional refinements asked only when they would
//! change an answer, and the "Être rappelé" request. No account needed.
//!
//! The SIREN (personal data for sole traders) never goes into a URL: screen 1 is posted, the
//! SIREN kept in the session for the call-back form, and the results URL carries only
//! non-personal answers.

use axum::Router;
use axum::extract::{Query as PlainQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::{Form, Query};
use serde::{Deserialize, Serialize};
use tremplin_domain::catalogue::profile::{FieldError, Profile};
use tremplin_domain::catalogue::{Bucket, ProfileInput, orient};
use tremplin_domain::contact::{Email, Phone};
use tremplin_domain::geo::Zone;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::refdata::refdata;
use tremplin_store::{catalogue as repo, orgs};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orientation::{ResultOut, result_out};
use crate::security::urlencode;
use crate::tpl::{self, FormState, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orientation", get(step1).post(step1_post))
        .route("/orientation/activites", get(naf_fragment))
        .route("/orientation/etape-2", get(step2))
        .route("/orientation/resultats", get(results))
        .route(
            "/orientation/rappel",
            get(callback_form).post(callback_post),
        )
        .route("/orientation/rappel/merci", get(callback_done))
}

const SIREN_KEY: &str = "orientation_siren";

pub use tremplin_domain::company::{HEADCOUNT_BANDS, TURNOVER_BANDS};

/// Every answer of the questionnaire, as form/query fields (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Answers {
    #[serde(default)]
    pub siren: String,
    #[serde(default)]
    pub activite: String,
    #[serde(default)]
    pub naf: String,
    #[serde(default)]
    pub departement: String,
    #[serde(default)]
    pub effectif: String,
    #[serde(default)]
    pub ca: String,
    #[serde(default)]
    pub creation: String,
    #[serde(default)]
    pub experience: String,
    #[serde(default)]
    pub offre: String,
    #[serde(default)]
    pub sh: String,
    #[serde(default)]
    pub pays: Vec<String>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default)]
    pub besoins: Vec<String>,
    #[serde(default)]
    pub exercices: String,
    #[serde(default)]
    pub part_fr: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub ca_export: String,
    #[serde(default)]
    pub negoce: String,
    #[serde(default)]
    pub registre: String,
    #[serde(default)]
    pub non_eligibles: String,
    #[serde(default)]
    pub action: String,
}

/// Form field of each profile field, to show an engine error next to its input.
fn form_field(profile_field: &str) -> &str {
    match profile_field {
        "headcount" => "effectif",
        "turnover_eur" => "ca",
        "creation_year" => "creation",
        "export_experience" => "experience",
        "offer" => "offre",
        "hs_chapters" => "sh",
        "target_countries" => "pays",
        "target_zones" => "zones",
        "needs" => "besoins",
        "closed_fiscal_years" => "exercices",
        "french_share_pct" => "part_fr",
        "budget_eur" => "budget",
        "export_turnover_eur" => "ca_export",
        "activity_flags" => "negoce",
        "registries" => "registre",
        other => other,
    }
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "inconnu").then(|| s.to_string())
}

fn int(s: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let s = opt(s)?;
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .collect();
    match digits.parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                field: field.to_string(),
                code: if digits.starts_with('-') {
                    "value_negative"
                } else {
                    "number_invalid"
                },
                valid: vec![],
            });
            None
        }
    }
}

impl Answers {
    /// The profile these answers describe, or the errors by form field.
    pub fn profile(&self, state: &AppState) -> (ProfileInput, Result<Profile, Vec<FieldError>>) {
        let mut errors = Vec::new();
        let band =
            |v: &str, bands: &[(&str, i64, i64)], field: &str, errors: &mut Vec<FieldError>| {
                let v = opt(v)?;
                match bands.iter().find(|b| b.0 == v) {
                    Some(b) => Some((b.1, b.2)),
                    None => {
                        errors.push(FieldError {
                            field: field.into(),
                            code: "value_unknown",
                            valid: bands.iter().map(|b| b.0.to_string()).collect(),
                        });
                        None
                    }
                }
            };
        let headcount_band = band(&self.effectif, &HEADCOUNT_BANDS, "effectif", &mut errors);
        let turnover_band = band(&self.ca, &TURNOVER_BANDS, "ca", &mut errors);
        let mut zones: Vec<String> = self.zones.iter().filter_map(|z| opt(z)).collect();
        zones.retain(|z| z != "indecis");
        let input = ProfileInput {
            siren: opt(&self.siren),
            naf: opt(&self.naf),
            departement: opt(&self.departement).filter(|d| d != "autre"),
            creation_year: int(&self.creation, "creation", &mut errors),
            closed_fiscal_years: int(&self.exercices, "exercices", &mut errors),
            export_experience: opt(&self.experience),
            offer: opt(&self.offre),
            hs_chapters: opt(&self.sh).map(|s| vec![s]),
            target_countries: Some(self.pays.iter().filter_map(|p| opt(p)).collect())
                .filter(|v: &Vec<String>| !v.is_empty()),
            target_zones: Some(zones).filter(|v| !v.is_empty()),
            needs: Some(self.besoins.iter().filter_map(|p| opt(p)).collect())
                .filter(|v: &Vec<String>| !v.is_empty()),
            activity_flags: match opt(&self.negoce).as_deref() {
                Some("oui") => Some(vec!["international_trading".into()]),
                Some("non") => Some(vec![]),
                _ => None,
            },
            registries: match opt(&self.registre).as_deref() {
                Some("both") => Some(vec!["rcs".into(), "rm".into()]),
                Some(r) => Some(vec![r.to_string()]),
                None => None,
            },
            french_share_pct: int(&self.part_fr, "part_fr", &mut errors),
            budget_eur: int(&self.budget, "budget", &mut errors),
            export_turnover_eur: int(&self.ca_export, "ca_export", &mut errors),
            ..ProfileInput::default()
        };
        let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
        let live = state.catalogue();
        let parsed = input.parse(&live.catalogue.taxonomies, today);
        let result = match parsed {
            Ok(mut p) if errors.is_empty() => {
                p.headcount_band = headcount_band;
                p.turnover_band = turnover_band;
                Ok(p)
            }
            Ok(_) => Err(errors),
            Err(mut e) => {
                for x in &mut e {
                    x.field = form_field(&x.field).to_string();
                }
                e.extend(errors);
                Err(e)
            }
        };
        (input, result)
    }

    /// The one-value answers by parameter name (the SIREN and activity text apart).
    fn single_answers(&self) -> [(&'static str, &String); 14] {
        [
            ("naf", &self.naf),
            ("departement", &self.departement),
            ("effectif", &self.effectif),
            ("ca", &self.ca),
            ("creation", &self.creation),
            ("experience", &self.experience),
            ("offre", &self.offre),
            ("sh", &self.sh),
            ("exercices", &self.exercices),
            ("part_fr", &self.part_fr),
            ("budget", &self.budget),
            ("ca_export", &self.ca_export),
            ("negoce", &self.negoce),
            ("registre", &self.registre),
        ]
    }

    /// The answers as a query string, without the SIREN (never in a URL).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |k: &str, v: &str| {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", urlencode(v.trim())));
            }
        };
        for (k, v) in self.single_answers() {
            push(k, v);
        }
        for v in &self.pays {
            push("pays", v);
        }
        for v in &self.zones {
            push("zones", v);
        }
        for v in &self.besoins {
            push("besoins", v);
        }
        parts.join("&")
    }

    fn form_state(&self, ctx: &Ctx) -> FormState {
        let mut f = FormState::new(ctx.lang);
        let identity = [("siren", &self.siren), ("activite", &self.activite)];
        for (k, v) in identity.into_iter().chain(self.single_answers()) {
            f.values.insert(k.into(), v.clone());
        }
        f
    }
}

fn fail_all(form: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        form.fail(&e.field, e.code);
    }
}

/// A choice in a list: value, label, selected.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn owned(v: &[(String, String)]) -> Vec<(&str, String)> {
    v.iter().map(|(a, b)| (a.as_str(), b.clone())).collect()
}

fn choices(values: &[(&str, String)], current: &[String]) -> Vec<Choice> {
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
fn naf_choices(words: &str, selected: &str) -> Vec<Choice> {
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

fn step1_view(ctx: Ctx, a: &Answers, form: FormState, status: StatusCode) -> Response {
    let lang = ctx.lang;
    let naf_options = naf_choices(&a.activite, &a.naf);
    let mut deps: Vec<(&str, String)> = refdata()
        .departements()
        .map(|d| (d.code.as_str(), format!("{} ({})", d.name, d.code)))
        .collect();
    deps.push(("autre", lang.t("orient-other-region")));
    let heads: Vec<(&str, String)> = HEADCOUNT_BANDS
        .iter()
        .map(|b| (b.0, lang.t(&format!("band-headcount-{}", b.0))))
        .collect();
    let cas: Vec<(&str, String)> = TURNOVER_BANDS
        .iter()
        .map(|b| (b.0, lang.t(&format!("band-turnover-{}", b.0))))
        .collect();
    let page = tpl::OrientStep1 {
        departements: choices(&deps, std::slice::from_ref(&a.departement)),
        headcounts: choices(&heads, std::slice::from_ref(&a.effectif)),
        turnovers: choices(&cas, std::slice::from_ref(&a.ca)),
        naf_label: tremplin_domain::naf::NafCode::parse(&a.naf)
            .ok()
            .and_then(|n| n.label_fr().map(|l| format!("{l} ({})", n.code()))),
        naf_options,
        searched: !a.activite.trim().is_empty(),
        form,
        ctx,
    };
    render(&page, status)
}

async fn step1(ctx: Ctx, Query(a): Query<Answers>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = a.form_state(&ctx);
    Ok(step1_view(ctx, &a, form, StatusCode::OK))
}

/// Screen 1 posted: search activities (without JavaScript), or check and go to screen 2.
async fn step1_post(
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
struct NafQ {
    #[serde(default)]
    activite: String,
    #[serde(default)]
    naf: String,
}

/// htmx fragment: activities matching the words typed (accents ignored).
async fn naf_fragment(ctx: Ctx, PlainQuery(q): PlainQuery<NafQ>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let naf_options = naf_choices(&q.activite, &q.naf);
    Ok(render(
        &tpl::NafOptions {
            searched: !q.activite.trim().is_empty(),
            naf_options,
            ctx,
        },
        StatusCode::OK,
    ))
}

fn step2_view(
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
    let countries: Vec<(String, String)> = refdata()
        .countries_by_name_fr()
        .filter(|c| c.alpha2 != "FR")
        .map(|c| {
            (
                c.alpha2.clone(),
                ctx.lang.pick(&c.name_fr, &c.name_en).to_string(),
            )
        })
        .collect();
    let zones: Vec<(String, String)> = Zone::all()
        .iter()
        .filter(|z| {
            z.m49_code().is_none()
                || matches!(
                    z.id(),
                    "m49-002" | "m49-150" | "m49-142" | "m49-019" | "m49-009"
                )
        })
        .map(|z| {
            (
                z.id().to_string(),
                crate::orientation::zone_name(ctx.lang, z),
            )
        })
        .collect();
    let needs: Vec<(String, String)> = live
        .catalogue
        .taxonomies
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let page = tpl::OrientStep2 {
        experiences: choices(&exps, std::slice::from_ref(&a.experience)),
        offers: choices(&offers, std::slice::from_ref(&a.offre)),
        chapters: choices(&owned(&chapters), std::slice::from_ref(&a.sh)),
        countries: choices(&owned(&countries), &a.pays),
        zones: choices(&owned(&zones), &a.zones),
        needs: choices(&owned(&needs), &a.besoins),
        undecided: a.zones.iter().any(|z| z == "indecis"),
        hidden: [
            ("naf", &a.naf),
            ("departement", &a.departement),
            ("effectif", &a.effectif),
            ("ca", &a.ca),
            ("creation", &a.creation),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        back: format!("/orientation?{}", a.query()),
        form,
        ctx,
    };
    render(&page, status)
}

async fn step2(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(a): Query<Answers>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let form = a.form_state(&ctx);
    Ok(step2_view(ctx, &state, &a, form, StatusCode::OK))
}

/// A result card with what the page adds: contacts for the département, missing inputs.
pub struct Card {
    pub r: ResultOut,
    pub contacts: Vec<String>,
    pub missing: Vec<String>,
}

pub struct Group {
    pub id: String,
    pub label: String,
    pub cards: Vec<Card>,
}

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

async fn results(
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
    let show_not_eligible = a.non_eligibles == "1";
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
    // Refinements: only the inputs some "to confirm" result is waiting for.
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
    let branches = orgs::branches(state.db()).await?;
    let organisations = orgs::list(state.db()).await?;
    let dep = profile.departement.map(|d| d.as_str().to_string());
    let lang = ctx.lang;
    let mut groups: Vec<Group> = live
        .catalogue
        .taxonomies
        .paths
        .iter()
        .map(|p| Group {
            id: p.id.clone(),
            label: p.label(lang.code()).to_string(),
            cards: Vec::new(),
        })
        .collect();
    for e in evals
        .iter()
        .filter(|e| show_not_eligible || e.bucket != Bucket::NotEligible)
    {
        let r = result_out(lang, &live.catalogue, e);
        let contacts = r
            .contacts
            .iter()
            .flat_map(|org| {
                let o = organisations.iter().find(|o| &o.slug == org);
                let mine: Vec<String> = branches
                    .iter()
                    .filter(|b| o.is_some_and(|o| o.id == b.branch.organisation_id))
                    .filter(|b| {
                        dep.as_ref()
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
            .collect();
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
    let q = a.query();
    let page = tpl::OrientResults {
        shown: groups.iter().map(|g| g.cards.len()).sum(),
        groups,
        refinements: wanted.iter().map(|s| s.to_string()).collect(),
        not_eligible_count,
        show_not_eligible,
        toggle_url: if show_not_eligible {
            format!("/orientation/resultats?{q}")
        } else {
            format!("/orientation/resultats?{q}&non_eligibles=1")
        },
        callback_url: format!("/orientation/rappel?{q}"),
        change_url: format!("/orientation/etape-2?{q}"),
        hidden: serde_html_pairs(&a),
        form,
        ctx,
    };
    Ok(render(&page, StatusCode::OK))
}

/// Hidden fields repeating every answer except the refinements (so the refinement form keeps
/// the rest of the profile).
fn serde_html_pairs(a: &Answers) -> Vec<(String, String)> {
    let refine: Vec<&str> = REFINEMENTS.iter().map(|r| r.1).collect();
    a.query()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| !refine.contains(k))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, Clone, Default, Deserialize)]
struct CallbackForm {
    #[serde(default)]
    profil: String,
    #[serde(default)]
    nom: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    telephone: String,
    #[serde(default)]
    entreprise: String,
    #[serde(default)]
    siren: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    consentement: String,
}

async fn callback_form(ctx: Ctx, Query(a): Query<Answers>) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = FormState::new(ctx.lang).with("profil", &a.query());
    if let Some(s) = &ctx.session
        && let Ok(Some(siren)) = s.get::<String>(SIREN_KEY).await
    {
        form = form.with("siren", &siren);
    }
    Ok(render(
        &tpl::OrientCallback {
            ctx,
            form,
            back: format!("/orientation/resultats?{}", a.query()),
        },
        StatusCode::OK,
    ))
}

async fn callback_post(
    ctx: Ctx,
    State(state): State<AppState>,
    axum::Form(f): axum::Form<CallbackForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let mut form = FormState::new(ctx.lang)
        .with("profil", &f.profil)
        .with("nom", f.nom.trim())
        .with("email", f.email.trim())
        .with("telephone", f.telephone.trim())
        .with("entreprise", f.entreprise.trim())
        .with("siren", f.siren.trim())
        .with("message", f.message.trim())
        .with("consentement", &f.consentement);
    if f.nom.trim().is_empty() {
        form.fail("nom", "required");
    } else if f.nom.chars().count() > 200 {
        form.fail("nom", "too_long");
    }
    if f.entreprise.trim().is_empty() {
        form.fail("entreprise", "required");
    } else if f.entreprise.chars().count() > 200 {
        form.fail("entreprise", "too_long");
    }
    let email = Email::parse(&f.email);
    if email.is_err() {
        form.fail("email", "email_invalid");
    }
    let phone = if f.telephone.trim().is_empty() {
        None
    } else {
        match Phone::parse(&f.telephone) {
            Ok(p) => Some(p),
            Err(_) => {
                form.fail("telephone", "phone_invalid");
                None
            }
        }
    };
    let siren = if f.siren.trim().is_empty() {
        None
    } else {
        match tremplin_domain::siren::parse_siren_or_siret(&f.siren) {
            Ok(s) => Some(s),
            Err(e) => {
                form.fail("siren", e.code());
                None
            }
        }
    };
    if f.message.chars().count() > 4000 {
        form.fail("message", "too_long");
    }
    // The answers come back from the hidden field: parse them like the results page does.
    let answers: Answers = serde_html_form::from_str(&f.profil).unwrap_or_default();
    let (input, parsed) = answers.profile(&state);
    let profile = parsed.map_err(|_| AppError::BadRequest("bad_request"))?;
    if form.has_errors() {
        let back = format!("/orientation/resultats?{}", answers.query());
        return Ok(render(
            &tpl::OrientCallback { ctx, form, back },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let shown: Vec<serde_json::Value> = orient(&live.catalogue.schemes, &profile, today, &live.weights, false)
        .iter()
        .map(|e| serde_json::json!({"scheme_id": e.scheme_id, "bucket": e.bucket.as_str(), "score": e.score}))
        .collect();
    let mut stored = input.clone();
    stored.siren = siren.as_ref().map(|s| s.as_str().to_string());
    let consent_text = ctx.t("callback-consent");
    let email = email.map_err(|_| AppError::BadRequest("bad_request"))?;
    let request_id = repo::create_request(
        state.db(),
        &repo::NewRequest {
            contact_name: f.nom.trim(),
            contact_email: email.as_str(),
            contact_phone: phone.as_ref().map(|p| p.as_str()),
            company_name: f.entreprise.trim(),
            siren: siren.as_ref().map(|s| s.as_str()),
            departement: profile.departement.map(|d| d.as_str()),
            message: Some(f.message.trim()).filter(|m| !m.is_empty()),
            consent_share: f.consentement == "oui",
            consent_text: &consent_text,
            profile_json: &serde_json::to_string(&stored).unwrap_or_default(),
            results_json: &serde_json::Value::Array(shown).to_string(),
            catalogue_version: &live.catalogue.version,
            locale: ctx.lang.code(),
            received: Some(crate::mails::received(
                ctx.lang,
                f.nom.trim(),
                f.entreprise.trim(),
            )),
        },
    )
    .await?;
    crate::inbox::route_request(&state, request_id, &profile, today).await?;
    Ok(Redirect::to("/orientation/rappel/merci").into_response())
}

async fn callback_done(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    Ok(render(&tpl::OrientDone { ctx }, StatusCode::OK))
}
