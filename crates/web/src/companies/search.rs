//! Searching the shared company file by name or SIREN (page, CSV/XLSX export).

use super::service;
use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::geo::CommuneCode;
use tremplin_domain::policy::{Action, Resource};

#[derive(Deserialize, Default)]
pub(super) struct SearchQ {
    #[serde(default)]
    q: String,
    #[serde(default)]
    format: String,
    /// `demande`: access was just asked for.
    #[serde(default, rename = "acces")]
    access: String,
}

pub(super) async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<SearchQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let text = q.q.trim();
    let orgs = tremplin_store::orgs::list(state.db()).await?;
    let l = ctx.lang.code();
    let rows: Vec<views::CompanyRow> = service::search(&ctx, &state, text)
        .await?
        .into_iter()
        .map(|h| views::CompanyRow {
            id: h.id,
            name: h.name.unwrap_or_default(),
            siren: h.siren.unwrap_or_default(),
            commune: commune_label(h.commune.as_deref()),
            visible: h.visible,
            held_by: h
                .held_by
                .iter()
                .map(|o| tremplin_store::orgs::name_in(&orgs, *o, l))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        let headers = vec![
            ctx.t("company-name"),
            "SIREN".to_string(),
            ctx.t("company-commune"),
        ];
        let table: Vec<Vec<String>> = rows
            .iter()
            .filter(|r| r.visible)
            .map(|r| vec![r.name.clone(), r.siren.clone(), r.commune.clone()])
            .collect();
        return Ok(crate::http::export::table_response(
            profile,
            "entreprises",
            &headers,
            &table,
        ));
    }
    let form = FormState::new(ctx.lang).with("q", text);
    let access = super::access_requests::pending(&ctx, &state).await?;
    Ok(render(
        &views::CompanyList {
            ctx,
            rows,
            form,
            searched: !text.is_empty(),
            asked: q.access == "demande",
            access,
        },
        StatusCode::OK,
    ))
}

pub fn commune_label(code: Option<&str>) -> String {
    match code {
        Some(c) => CommuneCode::parse(c)
            .ok()
            .and_then(|c| {
                c.hdf_commune()
                    .map(|x| format!("{} ({})", x.name, x.code_insee))
            })
            .unwrap_or_else(|| c.to_string()),
        None => String::new(),
    }
}
