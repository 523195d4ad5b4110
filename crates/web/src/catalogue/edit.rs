//! Editing the catalogue: a partner manager proposes a new version of one of their
//! organisation's schemes in a form (checked exactly like the files); the Region pilot publishes
//! or rejects it; every version is kept with who and when; the live catalogue exports back to
//! TOML files.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tremplin_domain::catalogue::compile::compile_spec;
use tremplin_domain::catalogue::spec::{
    Availability, AvailabilityKind, Confidence, CriterionSpec, ExampleSpec, OperatorRole,
    OperatorSpec, SchemeSpec, Source, Status, Text, Verification,
};
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::{catalogue as repo, orgs};

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::json::json_id;
use crate::http::render::{FormState, render};
use crate::state::AppState;

/// May the current user edit a scheme run by these organisations (slugs)?
pub(super) async fn require_edit(
    ctx: &Ctx,
    state: &AppState,
    org_slugs: &[String],
) -> Result<(), AppError> {
    let all = orgs::list(state.db()).await?;
    let mut last = ctx.require(Action::EditScheme, Resource::Global);
    for slug in org_slugs {
        if let Some(o) = all.iter().find(|o| &o.slug == slug) {
            last = ctx.require(Action::EditScheme, Resource::Organisation(o.id));
            if last.is_ok() {
                return Ok(());
            }
        }
    }
    last
}

/// The form's fields, as text (a refused form is shown again exactly as typed).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub base_version: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub name_fr: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub summary_fr: String,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub benefit_fr: String,
    #[serde(default)]
    pub benefit_en: String,
    #[serde(default)]
    pub natures: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub stages: String,
    #[serde(default)]
    pub zones: String,
    #[serde(default)]
    pub countries: String,
    #[serde(default)]
    pub operators: String,
    #[serde(default)]
    pub availability: String,
    #[serde(default)]
    pub opens: String,
    #[serde(default)]
    pub closes: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_until: String,
    #[serde(default)]
    pub to_be_supplied: String,
    #[serde(default)]
    pub sources: String,
    #[serde(default)]
    pub verified_on: String,
    #[serde(default)]
    pub verified_by: String,
    #[serde(default)]
    pub confidence: String,
    #[serde(default)]
    pub rules: String,
    #[serde(default)]
    pub comment: String,
}

/// Criteria and examples as TOML (the "advanced" part of the form).
#[derive(Debug, Default, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rules {
    #[serde(default)]
    criteria: Vec<CriterionSpec>,
    #[serde(default)]
    examples: Vec<ExampleSpec>,
}

impl EditForm {
    pub fn from_spec(s: &SchemeSpec, version: i32) -> EditForm {
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        let v = s.verification.as_ref();
        EditForm {
            base_version: version.to_string(),
            status: s.status.as_str().into(),
            name_fr: s.name.fr.clone(),
            name_en: s.name.en.clone(),
            summary_fr: s.summary.fr.clone(),
            summary_en: s.summary.en.clone(),
            benefit_fr: s.benefit.fr.clone(),
            benefit_en: s.benefit.en.clone(),
            natures: s.natures.join(", "),
            needs: s.needs.join(", "),
            stages: s.stages.join(", "),
            zones: s.zones.join(", "),
            countries: s.countries.join(", "),
            operators: operators_text(&s.operators),
            availability: json_id(&s.availability.kind),
            opens: d(s.availability.opens),
            closes: d(s.availability.closes),
            valid_from: d(s.valid_from),
            valid_until: d(s.valid_until),
            to_be_supplied: if s.to_be_supplied {
                "oui".into()
            } else {
                String::new()
            },
            sources: sources_text(&s.sources),
            verified_on: v.map(|v| v.on.to_string()).unwrap_or_default(),
            verified_by: v.map(|v| v.by.clone()).unwrap_or_default(),
            confidence: v
                .map(|v| json_id(&v.confidence))
                .unwrap_or_else(|| "to_confirm".into()),
            rules: toml::to_string(&Rules {
                criteria: s.criteria.clone(),
                examples: s.examples.clone(),
            })
            .unwrap_or_default(),
            comment: String::new(),
        }
    }

    /// Builds the spec; field errors go into `form` (codes are translation ids).
    pub fn to_spec(&self, id: &str, form: &mut FormState) -> Option<SchemeSpec> {
        let status = Status::ALL.into_iter().find(|x| x.as_str() == self.status);
        if status.is_none() {
            form.fail("status", "value_unknown");
        }
        let kind = availability_kind(&self.availability, form);
        let operators = parse_operators(&self.operators, form);
        let sources = parse_sources(&self.sources, form);
        let verification = self.verification(form);
        let rules = parse_rules(&self.rules, form);
        let opens = form.date("opens", &self.opens);
        let closes = form.date("closes", &self.closes);
        let valid_from = form.date("valid_from", &self.valid_from);
        let valid_until = form.date("valid_until", &self.valid_until);
        let (Some(kind), Some(status), Some(rules)) = (kind, status, rules) else {
            return None;
        };
        let availability = Availability {
            kind,
            opens,
            closes,
        };
        let spec = SchemeSpec {
            id: id.to_string(),
            status,
            natures: list(&self.natures),
            needs: list(&self.needs),
            stages: list(&self.stages),
            zones: list(&self.zones),
            countries: list(&self.countries),
            valid_from,
            valid_until,
            to_be_supplied: self.to_be_supplied == "oui",
            name: Text {
                fr: self.name_fr.trim().into(),
                en: self.name_en.trim().into(),
            },
            summary: Text {
                fr: self.summary_fr.trim().into(),
                en: self.summary_en.trim().into(),
            },
            benefit: Text {
                fr: self.benefit_fr.trim().into(),
                en: self.benefit_en.trim().into(),
            },
            operators,
            availability,
            sources,
            verification,
            criteria: rules.criteria,
            examples: rules.examples,
        };
        (!form.has_errors()).then_some(spec)
    }

    /// The last verification (optional: without its day, none).
    fn verification(&self, form: &mut FormState) -> Option<Verification> {
        form.date("verified_on", &self.verified_on)
            .map(|on| Verification {
                on,
                by: self.verified_by.trim().to_string(),
                confidence: if self.confidence == "confirmed" {
                    Confidence::Confirmed
                } else {
                    Confidence::ToConfirm
                },
            })
    }
}

/// The operators as the form shows them, one per line as `org: role, role`.
fn operators_text(operators: &[OperatorSpec]) -> String {
    operators
        .iter()
        .map(|o| {
            format!(
                "{}: {}",
                o.org,
                o.roles.iter().map(json_id).collect::<Vec<_>>().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sources as the form shows them, one per line as `url | day seen | note`.
fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|x| {
            format!(
                "{} | {} | {}",
                x.url,
                x.seen,
                x.note.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The items of a list typed with commas or one per line.
fn list(s: &str) -> Vec<String> {
    s.split([',', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The kind of availability chosen.
fn availability_kind(s: &str, form: &mut FormState) -> Option<AvailabilityKind> {
    match s {
        "permanent" => Some(AvailabilityKind::Permanent),
        "recurring_calls" => Some(AvailabilityKind::RecurringCalls),
        "one_off_call" => Some(AvailabilityKind::OneOffCall),
        "until_budget_exhausted" => Some(AvailabilityKind::UntilBudgetExhausted),
        _ => {
            form.fail("availability", "value_unknown");
            None
        }
    }
}

/// The operators, one per line as `org: role, role`.
fn parse_operators(text: &str, form: &mut FormState) -> Vec<OperatorSpec> {
    let mut operators = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (org, roles) = line.split_once(':').unwrap_or((line, ""));
        let mut rs = Vec::new();
        for r in list(roles) {
            match r.as_str() {
                "funder" => rs.push(OperatorRole::Funder),
                "operator" => rs.push(OperatorRole::Operator),
                "contact" => rs.push(OperatorRole::Contact),
                _ => form.fail("operators", "operator_role_unknown"),
            }
        }
        operators.push(OperatorSpec {
            org: org.trim().to_string(),
            roles: rs,
        });
    }
    operators
}

/// The sources, one per line as `url | day seen | note`.
fn parse_sources(text: &str, form: &mut FormState) -> Vec<Source> {
    let mut sources = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let url = parts.next().unwrap_or("").to_string();
        let seen = form.date("sources", parts.next().unwrap_or(""));
        let note = parts.next().filter(|n| !n.is_empty()).map(str::to_string);
        match seen {
            Some(seen) => sources.push(Source { url, seen, note }),
            None => form.fail("sources", "source_line_invalid"),
        }
    }
    sources
}

/// The criteria and examples typed as TOML; an error names its line.
fn parse_rules(text: &str, form: &mut FormState) -> Option<Rules> {
    match toml::from_str(text) {
        Ok(r) => Some(r),
        Err(e) => {
            let line = e
                .span()
                .map(|s| tremplin_domain::catalogue::spec::line_of_offset(text, s.start))
                .unwrap_or(1);
            form.errors.insert("rules".into(), "rules_invalid".into());
            let detail = form
                .lang
                .t2("edit-rules-line", ("line", line), ("message", e.message()));
            form.values.insert("rules_detail".into(), detail);
            None
        }
    }
}

pub(super) fn form_state(ctx: &Ctx, f: &EditForm) -> FormState {
    let mut s = FormState::new(ctx.lang);
    for (k, v) in [
        ("base_version", &f.base_version),
        ("status", &f.status),
        ("name_fr", &f.name_fr),
        ("name_en", &f.name_en),
        ("summary_fr", &f.summary_fr),
        ("summary_en", &f.summary_en),
        ("benefit_fr", &f.benefit_fr),
        ("benefit_en", &f.benefit_en),
        ("natures", &f.natures),
        ("needs", &f.needs),
        ("stages", &f.stages),
        ("zones", &f.zones),
        ("countries", &f.countries),
        ("operators", &f.operators),
        ("availability", &f.availability),
        ("opens", &f.opens),
        ("closes", &f.closes),
        ("valid_from", &f.valid_from),
        ("valid_until", &f.valid_until),
        ("to_be_supplied", &f.to_be_supplied),
        ("sources", &f.sources),
        ("verified_on", &f.verified_on),
        ("verified_by", &f.verified_by),
        ("confidence", &f.confidence),
        ("rules", &f.rules),
        ("comment", &f.comment),
    ] {
        s.values.insert(k.into(), v.clone());
    }
    s
}

/// The latest version (any state) of a scheme: what an editor starts from.
pub(super) async fn latest(state: &AppState, id: &str) -> Result<(i32, SchemeSpec), AppError> {
    let v = repo::versions(state.db(), id).await?;
    let last = v.first().ok_or(AppError::NotFound)?;
    let spec = SchemeSpec::from_toml(&last.toml)
        .map_err(|(_, m)| AppError::Internal(anyhow::anyhow!("stored version unreadable: {m}")))?;
    Ok((last.version, spec))
}

pub(super) fn edit_view(
    ctx: Ctx,
    id: &str,
    form: FormState,
    diagnostics: Vec<String>,
    status: StatusCode,
) -> Response {
    render(
        &views::SchemeEdit {
            ctx,
            id: id.to_string(),
            form,
            diagnostics,
        },
        status,
    )
}

pub(super) async fn edit_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let (version, spec) = latest(&state, &id).await?;
    let orgs: Vec<String> = spec.operators.iter().map(|o| o.org.clone()).collect();
    require_edit(&ctx, &state, &orgs).await?;
    let form = form_state(&ctx, &EditForm::from_spec(&spec, version));
    Ok(edit_view(ctx, &id, form, vec![], StatusCode::OK))
}

pub(super) async fn edit_post(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<EditForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewWorkspace, Resource::Global)?;
    let (_, current) = latest(&state, &id).await?;
    let orgs: Vec<String> = current.operators.iter().map(|o| o.org.clone()).collect();
    require_edit(&ctx, &state, &orgs).await?;
    let mut form = form_state(&ctx, &f);
    let Some(spec) = f.to_spec(&id, &mut form) else {
        return Ok(refused(ctx, &id, form, vec![]));
    };
    // A manager cannot hand a scheme over to organisations they do not belong to.
    let new_orgs: Vec<String> = spec.operators.iter().map(|o| o.org.clone()).collect();
    if require_edit(&ctx, &state, &new_orgs).await.is_err() {
        form.fail("operators", "operators_not_yours");
        return Ok(refused(ctx, &id, form, vec![]));
    }
    let text = spec.to_toml();
    if let Err(msgs) = check_compiles(&state, &id, &text, spec) {
        return Ok(refused(ctx, &id, form, msgs));
    }
    let base = f.base_version.parse::<i32>().ok();
    let comment = Some(f.comment.trim()).filter(|c| !c.is_empty());
    match repo::propose(state.db(), &ctx.actor(), &id, base, &text, comment).await {
        Ok(v) => {
            Ok(Redirect::to(&format!("/dispositifs/{id}/versions?proposee={v}")).into_response())
        }
        Err(tremplin_store::StoreError::Conflict(code)) => {
            form.fail("base_version", code);
            Ok(edit_view(ctx, &id, form, vec![], StatusCode::CONFLICT))
        }
        Err(e) => Err(e.into()),
    }
}

/// The edit form again, refused, with the compiler's messages if any.
fn refused(ctx: Ctx, id: &str, form: FormState, diagnostics: Vec<String>) -> Response {
    edit_view(ctx, id, form, diagnostics, StatusCode::UNPROCESSABLE_ENTITY)
}

/// Compiles the proposed version exactly like a catalogue file: its messages when it does not.
fn check_compiles(
    state: &AppState,
    id: &str,
    text: &str,
    spec: SchemeSpec,
) -> Result<(), Vec<String>> {
    let live = state.catalogue();
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    compile_spec(
        &format!("{id}.toml"),
        text,
        spec,
        &live.catalogue.taxonomies,
        today,
        true,
    )
    .map(|_| ())
    .map_err(|diags| diags.iter().map(|d| d.message.clone()).collect())
}
