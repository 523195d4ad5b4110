//! Administration: accounts (invite, deactivate, memberships) and the audit trail.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use tremplin_domain::contact::Email;
use tremplin_domain::dates;
use tremplin_domain::policy::{Action, Resource, Role};
use tremplin_store::users::{self, NewMembership, NewUser, TokenPurpose};
use tremplin_store::{audit, orgs};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::tpl::{self, FormState, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/utilisateurs", get(users_page).post(invite))
        .route("/admin/utilisateurs/{id}", get(user_page))
        .route("/admin/utilisateurs/{id}/adhesions", post(set_membership))
        .route(
            "/admin/utilisateurs/{id}/adhesions/{org}/retirer",
            post(remove_membership),
        )
        .route("/admin/utilisateurs/{id}/desactiver", post(deactivate))
        .route("/admin/utilisateurs/{id}/reactiver", post(reactivate))
        .route("/admin/utilisateurs/{id}/invitation", post(new_link))
        .route("/admin/journal", get(audit_page))
}

/// Invitation links stay valid this long.
const INVITE_DAYS: i64 = 7;

fn roles() -> Vec<&'static str> {
    Role::ALL.iter().map(|r| r.as_str()).collect()
}

async fn users_view(
    ctx: Ctx,
    state: &AppState,
    form: FormState,
    invite_link: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    Ok(render(
        &tpl::AdminUsers {
            ctx,
            users: users::list(state.db()).await?,
            organisations: orgs::list(state.db()).await?,
            branches: orgs::branches(state.db()).await?,
            roles: roles(),
            form,
            invite_link,
        },
        status,
    ))
}

async fn users_page(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    ctx.require(Action::ListUsers, Resource::Global)?;
    let form = FormState::new(ctx.lang).with("role", "adviser");
    users_view(ctx, &state, form, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
struct MembershipForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    branch: String,
    #[serde(default)]
    role: String,
}

/// Parses the organisation / branch / role fields, recording errors in `form`.
async fn parse_membership(
    state: &AppState,
    f: &MembershipForm,
    form: &mut FormState,
) -> Result<Option<NewMembership>, AppError> {
    let org = Uuid::parse_str(&f.organisation).ok();
    let org = match org {
        Some(id) => orgs::get(state.db(), id).await.ok(),
        None => None,
    };
    if org.is_none() {
        form.fail("organisation", "organisation_required");
    }
    let role = Role::parse(&f.role);
    if role.is_none() {
        form.fail("role", "role_invalid");
    }
    let branch = if f.branch.is_empty() {
        None
    } else {
        let all = orgs::branches(state.db()).await?;
        let b = Uuid::parse_str(&f.branch)
            .ok()
            .and_then(|id| all.into_iter().find(|b| b.branch.id == id));
        match (&b, &org) {
            (Some(b), Some(o)) if b.branch.organisation_id == o.id => Some(b.branch.id),
            _ => {
                form.fail("branch", "branch_not_in_organisation");
                None
            }
        }
    };
    Ok(match (org, role) {
        (Some(o), Some(r)) if !form.has_err("branch") => Some(NewMembership {
            organisation_id: o.id,
            branch_id: branch,
            role: r,
        }),
        _ => None,
    })
}

fn invite_url(state: &AppState, token: &str) -> String {
    format!(
        "{}/invitation/{token}",
        state.config().public_url.trim_end_matches('/')
    )
}

async fn invite(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<MembershipForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::InviteUser, Resource::Global)?;
    let mut form = FormState::new(ctx.lang)
        .with("display_name", f.display_name.trim())
        .with("email", f.email.trim())
        .with("organisation", &f.organisation)
        .with("branch", &f.branch)
        .with("role", &f.role);
    let name = f.display_name.trim();
    if name.is_empty() {
        form.fail("display_name", "required");
    } else if name.chars().count() > 120 {
        form.fail("display_name", "too_long");
    }
    let email = Email::parse(&f.email);
    if email.is_err() {
        form.fail("email", "email_invalid");
    }
    let membership = parse_membership(&state, &f, &mut form).await?;
    if let (Ok(email), Some(m), false) = (&email, &membership, form.has_errors()) {
        let actor = ctx.actor();
        match users::create(
            state.db(),
            &actor,
            &NewUser {
                email: email.as_str(),
                display_name: name,
                password_hash: None,
                memberships: std::slice::from_ref(m),
            },
        )
        .await
        {
            Ok(id) => {
                let token = users::create_token(
                    state.db(),
                    &actor,
                    TokenPurpose::Invite,
                    Some(id),
                    Duration::days(INVITE_DAYS),
                )
                .await?;
                let link = invite_url(&state, &token);
                let form = FormState::new(ctx.lang).with("role", "adviser");
                return users_view(ctx, &state, form, Some(link), StatusCode::CREATED).await;
            }
            Err(tremplin_store::StoreError::Conflict(code)) => form.fail("email", code),
            Err(e) => return Err(e.into()),
        }
    }
    users_view(ctx, &state, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
}

async fn user_view(
    ctx: Ctx,
    state: &AppState,
    id: Uuid,
    form: FormState,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = users::get(state.db(), id).await?;
    Ok(render(
        &tpl::AdminUser {
            ctx,
            user,
            organisations: orgs::list(state.db()).await?,
            branches: orgs::branches(state.db()).await?,
            roles: roles(),
            form,
            notice,
        },
        status,
    ))
}

async fn user_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListUsers, Resource::User(id))?;
    let form = FormState::new(ctx.lang).with("role", "adviser");
    user_view(ctx, &state, id, form, None, StatusCode::OK).await
}

async fn set_membership(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<MembershipForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ChangeMemberships, Resource::User(id))?;
    let user = users::get(state.db(), id).await?;
    let mut form = FormState::new(ctx.lang)
        .with("organisation", &f.organisation)
        .with("branch", &f.branch)
        .with("role", &f.role);
    let Some(m) = parse_membership(&state, &f, &mut form).await? else {
        return user_view(
            ctx,
            &state,
            id,
            form,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    // One membership per organisation: setting it replaces the previous role there.
    let mut all: Vec<NewMembership> = user
        .memberships
        .iter()
        .filter(|x| x.organisation_id != m.organisation_id)
        .filter_map(|x| {
            Some(NewMembership {
                organisation_id: x.organisation_id,
                branch_id: x.branch_id,
                role: Role::parse(&x.role)?,
            })
        })
        .collect();
    all.push(m);
    users::set_memberships(state.db(), &ctx.actor(), id, &all).await?;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}")).into_response())
}

async fn remove_membership(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, org)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    ctx.require(Action::ChangeMemberships, Resource::User(id))?;
    let user = users::get(state.db(), id).await?;
    let remaining: Vec<NewMembership> = user
        .memberships
        .iter()
        .filter(|x| x.organisation_id != org)
        .filter_map(|x| {
            Some(NewMembership {
                organisation_id: x.organisation_id,
                branch_id: x.branch_id,
                role: Role::parse(&x.role)?,
            })
        })
        .collect();
    // Removing one's own admin membership would lock the last admin out of this page.
    if ctx.user.as_ref().is_some_and(|u| u.id == id)
        && !remaining.iter().any(|m| m.role == Role::Admin)
    {
        return Err(AppError::Conflict("cannot_remove_own_admin"));
    }
    users::set_memberships(state.db(), &ctx.actor(), id, &remaining).await?;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}")).into_response())
}

async fn deactivate(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::DeactivateUser, Resource::User(id))?;
    users::set_active(state.db(), &ctx.actor(), id, false).await?;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}")).into_response())
}

async fn reactivate(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::DeactivateUser, Resource::User(id))?;
    users::set_active(state.db(), &ctx.actor(), id, true).await?;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}")).into_response())
}

/// A new invitation link for an account (lost link, or a password to reset).
async fn new_link(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::InviteUser, Resource::User(id))?;
    users::get(state.db(), id).await?;
    let token = users::create_token(
        state.db(),
        &ctx.actor(),
        TokenPurpose::Invite,
        Some(id),
        Duration::days(INVITE_DAYS),
    )
    .await?;
    let notice = Some(ctx.t1("users-link-notice", "link", invite_url(&state, &token)));
    let form = FormState::new(ctx.lang).with("role", "adviser");
    user_view(ctx, &state, id, form, notice, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    avant: Option<String>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn parse_day(s: &Option<String>, form: &mut FormState, field: &str) -> Option<NaiveDate> {
    let s = non_empty(s)?;
    match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            form.fail(field, "date_invalid");
            None
        }
    }
}

const AUDIT_PAGE: i64 = 100;

async fn audit_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    ctx.require(Action::ViewAudit, Resource::Global)?;
    let mut form = FormState::new(ctx.lang);
    let from = parse_day(&q.from, &mut form, "from").map(dates::paris_midnight_utc);
    let to = parse_day(&q.to, &mut form, "to")
        .and_then(|d| d.succ_opt())
        .map(dates::paris_midnight_utc);
    let before = non_empty(&q.avant)
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    let filter = audit::Filter {
        actor: non_empty(&q.actor),
        action: non_empty(&q.action),
        entity_type: non_empty(&q.entity_type),
        entity_id: non_empty(&q.entity_id),
        from,
        to,
    };
    let rows = audit::list(state.db(), &filter, before, AUDIT_PAGE).await?;
    let (actions, types) = audit::facets(state.db()).await?;
    let next_page = (rows.len() as i64 == AUDIT_PAGE).then(|| {
        let last = rows.last().map(|r| r.at.to_rfc3339()).unwrap_or_default();
        let mut url = url_with(&q, "avant", &last);
        url.insert_str(0, "/admin/journal?");
        url
    });
    let lang = ctx.lang;
    let rows = rows
        .into_iter()
        .map(|r| tpl::AuditView {
            when: lang.datetime(r.at),
            actor: r.actor_label,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: r.before_json.unwrap_or_default(),
            after: r.after_json.unwrap_or_default(),
        })
        .collect();
    let q_view = tpl::AuditQueryView {
        actor: q.actor.clone().unwrap_or_default(),
        action: q.action.clone().unwrap_or_default(),
        entity_type: q.entity_type.clone().unwrap_or_default(),
        entity_id: q.entity_id.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
    };
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &tpl::AdminAudit {
            ctx,
            q: q_view,
            form,
            actions,
            types,
            rows,
            next_page,
        },
        status,
    ))
}

/// The current filters as a query string, with one parameter replaced.
fn url_with(q: &AuditQuery, key: &str, value: &str) -> String {
    let pairs = [
        ("actor", &q.actor),
        ("action", &q.action),
        ("entity_type", &q.entity_type),
        ("entity_id", &q.entity_id),
        ("from", &q.from),
        ("to", &q.to),
    ];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            non_empty(v).map(|v| format!("{k}={}", crate::security::urlencode(&v)))
        })
        .collect();
    parts.push(format!("{key}={}", crate::security::urlencode(value)));
    parts.join("&")
}
