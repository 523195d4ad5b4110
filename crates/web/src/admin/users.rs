//! Administration: accounts (invite, deactivate, memberships) and the audit trail.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use tremplin_domain::contact::Email;
use tremplin_domain::policy::{Action, Resource, Role};
use tremplin_store::orgs;
use tremplin_store::users::{self, NewMembership, NewUser, TokenPurpose};
use uuid::Uuid;

use super::views;
use crate::http::ctx::Ctx;
use crate::http::error::AppError;
use crate::http::render::{FormState, render};
use crate::state::AppState;

/// Invitation links stay valid this long.
pub(super) const INVITE_DAYS: i64 = 7;

pub(super) fn roles() -> Vec<&'static str> {
    Role::ALL.iter().map(|r| r.as_str()).collect()
}

pub(super) async fn users_view(
    ctx: Ctx,
    state: &AppState,
    form: FormState,
    invite_link: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    Ok(render(
        &views::AdminUsers {
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

pub(super) async fn users_page(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListUsers, Resource::Global)?;
    let form = FormState::new(ctx.lang).with("role", "adviser");
    users_view(ctx, &state, form, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
pub(super) struct MembershipForm {
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
pub(super) async fn parse_membership(
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

pub(super) fn invite_url(state: &AppState, token: &str) -> String {
    format!(
        "{}/invitation/{token}",
        state.config().public_url.trim_end_matches('/')
    )
}

pub(super) async fn invite(
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

pub(super) async fn user_view(
    ctx: Ctx,
    state: &AppState,
    id: Uuid,
    form: FormState,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = users::get(state.db(), id).await?;
    Ok(render(
        &views::AdminUser {
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

pub(super) async fn user_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListUsers, Resource::User(id))?;
    let form = FormState::new(ctx.lang).with("role", "adviser");
    user_view(ctx, &state, id, form, None, StatusCode::OK).await
}

pub(super) async fn set_membership(
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

pub(super) async fn remove_membership(
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

/// Deactivates or reactivates an account.
async fn set_active(
    ctx: Ctx,
    state: AppState,
    id: Uuid,
    active: bool,
) -> Result<Response, AppError> {
    ctx.require(Action::DeactivateUser, Resource::User(id))?;
    users::set_active(state.db(), &ctx.actor(), id, active).await?;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}")).into_response())
}

pub(super) async fn deactivate(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    set_active(ctx, state, id, false).await
}

pub(super) async fn reactivate(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    set_active(ctx, state, id, true).await
}

/// A new invitation link for an account (lost link, or a password to reset).
pub(super) async fn new_link(
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
