//! Catalogue pages: the list with French full-text search and filters, a page per scheme.
//! The same filters serve `/api/v1/schemes`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::catalogue::spec::Status;
use tremplin_domain::catalogue::{Catalogue, CompiledScheme, Taxonomies};
use tremplin_domain::geo::Zone;
use tremplin_domain::policy::{Action, Resource};
use utoipa::IntoParams;

use super::present::{SchemeOut, scheme_out};
use super::views::{self, Opt};
use crate::http::ctx::Ctx;
use crate::http::error::{AppError, FieldErrors};
use crate::http::i18n::{Lang, country_name, zone_name};
use crate::http::render::{FormState, render};
use crate::state::{AppState, Live};

/// Filters of the catalogue list; every one optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SchemeFilter {
    /// Words to search in French (accents and endings ignored): "exporter", "impots".
    pub q: Option<String>,
    /// Organisation id: region-hdf, cci-hdf, cma-hdf, business-france, bpifrance, douanes.
    pub operator: Option<String>,
    /// Need id, e.g. finance_prospection.
    pub need: Option<String>,
    /// Nature id: grant, loan, guarantee_insurance, advance, service, ruling_status, formalities, programme.
    pub nature: Option<String>,
    /// Maturity stage M0…M4.
    pub stage: Option<String>,
    /// Zone id (eu27, maghreb, m49-002…): schemes for that zone, or for every country.
    pub zone: Option<String>,
    /// published (default), closed, draft, review, archived, or all.
    pub status: Option<String>,
}

pub(super) fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A scheme the caller may read ([`visible`]); not found otherwise.
pub fn visible_scheme<'a>(
    ctx: &Ctx,
    catalogue: &'a Catalogue,
    id: &str,
) -> Result<&'a CompiledScheme, AppError> {
    catalogue
        .get(id)
        .filter(|s| visible(ctx, s))
        .ok_or(AppError::NotFound)
}

/// Drafts and versions in review are for partner accounts only.
pub fn visible(ctx: &Ctx, s: &CompiledScheme) -> bool {
    matches!(s.spec.status, Status::Published | Status::Closed) || ctx.can(Action::ViewWorkspace)
}

/// Applies the filters; unknown filter values are field errors.
pub fn filter_schemes<'a>(
    ctx: &Ctx,
    live: &'a Live,
    f: &SchemeFilter,
) -> Result<Vec<&'a CompiledScheme>, AppError> {
    let cat = &live.catalogue;
    let (zone, status) = check_filter(&cat.taxonomies, f)?;
    let ranked: Option<Vec<(&str, u32)>> = some(&f.q).map(|q| live.index.search(q));
    let keep = |s: &&CompiledScheme| {
        let sp = &s.spec;
        visible(ctx, s)
            && status.as_ref().is_none_or(|st| st.contains(&sp.status))
            && some(&f.operator).is_none_or(|o| sp.operators.iter().any(|x| x.org == o))
            && some(&f.need).is_none_or(|n| sp.needs.iter().any(|x| x == n))
            && some(&f.nature).is_none_or(|n| sp.natures.iter().any(|x| x == n))
            && some(&f.stage).is_none_or(|n| sp.stages.iter().any(|x| x == n))
            && zone.as_ref().is_none_or(|z| {
                !s.has_market() || s.zones.contains(z) || z.members().iter().any(|c| s.covers(c))
            })
    };
    Ok(match ranked {
        Some(hits) => hits
            .iter()
            .filter_map(|(id, _)| cat.get(id))
            .filter(keep)
            .collect(),
        None => cat.schemes.iter().filter(keep).collect(),
    })
}

/// Checks every filter value: the zone and the statuses to show (None: all), or field errors.
fn check_filter(
    tax: &Taxonomies,
    f: &SchemeFilter,
) -> Result<(Option<Zone>, Option<Vec<Status>>), AppError> {
    let mut errors = FieldErrors::new();
    if let Some(o) = some(&f.operator)
        && tax.organisation(o).is_none()
    {
        errors.insert("operator".into(), "value_unknown".into());
    }
    if let Some(n) = some(&f.need)
        && tax.need(n).is_none()
    {
        errors.insert("need".into(), "need_unknown".into());
    }
    if let Some(n) = some(&f.nature)
        && tax.nature(n).is_none()
    {
        errors.insert("nature".into(), "value_unknown".into());
    }
    if let Some(n) = some(&f.stage)
        && tax.stage(n).is_none()
    {
        errors.insert("stage".into(), "value_unknown".into());
    }
    let zone = match some(&f.zone) {
        Some(z) => match Zone::parse(z) {
            Ok(z) => Some(z),
            Err(_) => {
                errors.insert("zone".into(), "zone_unknown".into());
                None
            }
        },
        None => None,
    };
    let status = match some(&f.status) {
        None => Some(vec![Status::Published]),
        Some("all") => None,
        Some(s) => match Status::ALL.iter().find(|x| x.as_str() == s) {
            Some(x) => Some(vec![*x]),
            None => {
                errors.insert("status".into(), "value_unknown".into());
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok((zone, status))
}

pub(super) async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<SchemeFilter>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let live = state.catalogue();
    let cat = &live.catalogue;
    let (list, errors) = match filter_schemes(&ctx, &live, &f) {
        Ok(list) => (list, FieldErrors::new()),
        Err(AppError::Invalid(e)) => (Vec::new(), e),
        Err(e) => return Err(e),
    };
    let items: Vec<SchemeOut> = list
        .into_iter()
        .map(|s| scheme_out(ctx.lang, cat, s))
        .collect();
    let form = filter_form(ctx.lang, &f, errors);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = list_view(ctx, &cat.taxonomies, &f, items, form);
    Ok(render(&page, status))
}

/// The filter form: the values given and the errors by field.
fn filter_form(lang: Lang, f: &SchemeFilter, errors: FieldErrors) -> FormState {
    let mut form = FormState::new(lang);
    for (k, v) in [
        ("q", &f.q),
        ("operator", &f.operator),
        ("need", &f.need),
        ("nature", &f.nature),
        ("stage", &f.stage),
        ("zone", &f.zone),
        ("status", &f.status),
    ] {
        form.values.insert(k.into(), v.clone().unwrap_or_default());
    }
    form.errors = errors;
    form
}

/// (id, label) pairs as a select's options.
fn opts(v: impl Iterator<Item = (String, String)>) -> Vec<Opt> {
    v.map(|(id, label)| Opt { id, label }).collect()
}

/// The list page: the schemes found, and every filter's options.
fn list_view(
    ctx: Ctx,
    tax: &Taxonomies,
    f: &SchemeFilter,
    items: Vec<SchemeOut>,
    form: FormState,
) -> views::SchemeList {
    let l = ctx.lang.code();
    views::SchemeList {
        operators: opts(
            tax.organisations
                .iter()
                .map(|o| (o.id.clone(), o.label(l).to_string())),
        ),
        needs: opts(
            tax.needs
                .iter()
                .map(|o| (o.id.clone(), o.label(l).to_string())),
        ),
        natures: opts(
            tax.natures
                .iter()
                .map(|o| (o.id.clone(), o.label(l).to_string())),
        ),
        stages: opts(
            tax.stages
                .iter()
                .map(|o| (o.id.clone(), format!("{} — {}", o.id, o.label(l)))),
        ),
        zones: opts(
            Zone::all()
                .iter()
                .map(|z| (z.id().to_string(), zone_name(ctx.lang, z))),
        ),
        statuses: opts(
            ["published", "closed", "draft", "review", "archived", "all"]
                .iter()
                .map(|s| (s.to_string(), ctx.t(&format!("status-{s}")))),
        ),
        searched: f.q.as_deref().is_some_and(|q| !q.trim().is_empty()),
        items,
        form,
        ctx,
    }
}

pub(super) async fn scheme_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewPublic, Resource::Global)?;
    let live = state.catalogue();
    let s = visible_scheme(&ctx, &live.catalogue, &id)?;
    let l = ctx.lang.code();
    let tax = &live.catalogue.taxonomies;
    let need_labels = s
        .spec
        .needs
        .iter()
        .filter_map(|n| tax.need(n))
        .map(|n| n.label(l).to_string())
        .collect();
    let nature_labels = s
        .spec
        .natures
        .iter()
        .filter_map(|n| tax.nature(n))
        .map(|n| n.label(l).to_string())
        .collect();
    let zone_labels = s
        .zones
        .iter()
        .map(|z| zone_name(ctx.lang, z))
        .chain(s.countries.iter().map(|c| country_name(ctx.lang, c)))
        .collect();
    let scheme = scheme_out(ctx.lang, &live.catalogue, s);
    Ok(render(
        &views::SchemePage {
            ctx,
            scheme,
            need_labels,
            nature_labels,
            zone_labels,
        },
        StatusCode::OK,
    ))
}
