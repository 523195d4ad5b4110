//! The per-request context every page gets: language, the logged-in user (if any), the path.
//! Extracting it never fails the request: a broken session reads as "not logged in".

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use tower_sessions::Session;
use tremplin_domain::policy::{self, Action, Decision, Principal, Resource};
use tremplin_store::audit::Actor;
use tremplin_store::users;
use uuid::Uuid;

use crate::http::error::AppError;
use crate::http::i18n::Lang;
use crate::http::session::USER_KEY;
use crate::state::AppState;

/// Cookie remembering the language of visitors who are not logged in.
pub const LANG_COOKIE: &str = "tremplin_lang";

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub principal: Principal,
    pub memberships: Vec<users::MembershipRow>,
}

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub path: String,
    /// Where the language switch comes back to: the path, with the query of a GET (so that a
    /// page of a given month or filter stays that page).
    pub return_to: String,
    pub session: Option<Session>,
}

impl Ctx {
    /// Asks the policy first; maps its answer to 401/403.
    pub fn require(&self, action: Action, resource: Resource) -> Result<(), AppError> {
        match policy::can(self.user.as_ref().map(|u| &u.principal), action, resource) {
            Decision::Allow => Ok(()),
            Decision::NeedsLogin => Err(AppError::LoginRequired),
            Decision::Deny => Err(AppError::Forbidden),
        }
    }

    pub fn can(&self, action: Action) -> bool {
        policy::can(
            self.user.as_ref().map(|u| &u.principal),
            action,
            Resource::Global,
        )
        .allowed()
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The message `prefix` + `id` (e.g. `role-` + `adviser`).
    pub fn tp(&self, prefix: &str, id: impl std::fmt::Display) -> String {
        self.lang.t(&format!("{prefix}{id}"))
    }

    pub fn t2(
        &self,
        key: &str,
        a: (&'static str, impl ToString),
        b: (&'static str, impl ToString),
    ) -> String {
        self.lang.t2(key, a, b)
    }

    pub fn tn3(
        &self,
        key: &str,
        a: (&'static str, impl ToString),
        b: (&'static str, impl ToString),
        c: (&'static str, impl ToString),
    ) -> String {
        self.lang.tn(
            key,
            &[
                (a.0, a.1.to_string()),
                (b.0, b.1.to_string()),
                (c.0, c.1.to_string()),
            ],
        )
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang.t1(key, name, value)
    }

    /// The actor written to the audit log for changes made in this request.
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor::user(u.id, &u.email),
            None => Actor {
                id: None,
                label: "anonymous".into(),
            },
        }
    }

    /// The organisations the user belongs to.
    pub fn org_ids(&self) -> Vec<Uuid> {
        self.user
            .as_ref()
            .map(|u| {
                u.principal
                    .memberships
                    .iter()
                    .map(|m| m.organisation_id)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The user's partner organisation (first membership): holder of the files they create.
    pub fn own_org(&self) -> Option<Uuid> {
        self.org_ids().first().copied()
    }

    pub fn is_logged_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.display_name.as_str())
            .unwrap_or("")
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The label of the language switch button (the *other* language, in that language).
    pub fn other_lang_label(&self) -> &'static str {
        match self.lang {
            Lang::Fr => "English",
            Lang::En => "Français",
        }
    }

    pub fn other_lang_code(&self) -> &'static str {
        self.lang.other().code()
    }

    /// `aria-current="page"` for the navigation link of the current section.
    pub fn current(&self, prefix: &str) -> &'static str {
        let here = if prefix == "/" {
            self.path == "/"
        } else {
            self.path.starts_with(prefix)
        };
        if here { "page" } else { "false" }
    }

    pub fn can_review(&self) -> bool {
        self.can(Action::ReviewSchemes)
    }

    pub fn can_steer(&self) -> bool {
        self.can(Action::ViewSteering)
    }

    pub fn can_view_mail(&self) -> bool {
        self.can(Action::ViewMail)
    }

    pub fn is_admin(&self) -> bool {
        self.can(Action::ListUsers)
    }
}

impl Ctx {
    /// Builds the context from a request's session and headers.
    pub async fn build(
        state: &AppState,
        session: Option<Session>,
        headers: &axum::http::HeaderMap,
        path: &str,
    ) -> Ctx {
        let mut user = None;
        let mut user_locale = None;
        if let Some(s) = &session
            && let Ok(Some(id)) = s.get::<Uuid>(USER_KEY).await
            && let Ok(u) = users::get(state.db(), id).await
            && u.user.active
        {
            user_locale = u.user.locale.as_deref().and_then(Lang::parse);
            user = Some(CurrentUser {
                id,
                principal: u.principal(),
                email: u.user.email,
                display_name: u.user.display_name,
                memberships: u.memberships,
            });
        }
        let lang = user_locale.unwrap_or_else(|| request_lang(headers));
        Ctx {
            lang,
            user,
            path: path.to_string(),
            return_to: path.to_string(),
            session,
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = parts.extensions.get::<Session>().cloned();
        let mut ctx = Ctx::build(state, session, &parts.headers, parts.uri.path()).await;
        if parts.method == axum::http::Method::GET
            && let Some(q) = parts.uri.query()
        {
            ctx.return_to = format!("{}?{q}", parts.uri.path());
        }
        Ok(ctx)
    }
}

/// Language of an anonymous request: cookie, then `Accept-Language`, then French.
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}
