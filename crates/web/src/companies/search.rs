//! Searching the shared company file by name or SIREN (page, CSV/XLSX export).

use super::views;
use crate::http::access::file_allowed;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::company::name_key;
use tremplin_domain::geo::CommuneCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_store::companies::{self};
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub(super) struct SearchQ {
    #[serde(default)]
    q: String,
    #[serde(default)]
    format: String,
}

pub(super) async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<SearchQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let text = q.q.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.len() >= 3
        && digits.len() == text.chars().filter(|c| !c.is_whitespace()).count()
    {
        digits
    } else {
        String::new()
    };
    let key = if digits.is_empty() {
        name_key(text)
    } else {
        String::new()
    };
    let hits = if key.is_empty() && digits.is_empty() {
        Vec::new()
    } else {
        companies::search(state.db(), &key, &digits, 50).await?
    };
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let holders = companies::holders_of(state.db(), &ids).await?;
    let mut rows = Vec::new();
    for h in hits {
        let held: Vec<Uuid> = holders
            .iter()
            .filter(|(c, _)| *c == h.id)
            .map(|(_, o)| *o)
            .collect();
        let visible = file_allowed(&ctx, h.sharing_consent, &held, Action::ViewCompany).is_ok();
        rows.push(views::CompanyRow {
            id: h.id,
            name: h.name,
            siren: h.siren.unwrap_or_default(),
            commune: commune_label(h.commune.as_deref()),
            visible,
        });
    }
    if let Some(profile) = crate::http::export::Profile::parse(&q.format) {
        let headers = vec![
            ctx.t("company-name"),
            "SIREN".to_string(),
            ctx.t("company-commune"),
        ];
        let table: Vec<Vec<String>> = rows
            .iter()
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
    Ok(render(
        &views::CompanyList {
            ctx,
            rows,
            form,
            searched: !text.is_empty(),
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
