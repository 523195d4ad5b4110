//! Accounts, memberships, one-time links (invitations, first-admin setup) and the login-failure
//! counter used to rate-limit password guessing per account.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tremplin_domain::policy::{Membership, Principal, Role};
use uuid::Uuid;

use crate::audit::{Actor, Entry};
use crate::{BeginWrite, Db, Result, StoreError, audit_tx, new_id, now, on_db};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub locale: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the login handler needs. The hash never leaves the store otherwise.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MembershipRow {
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name_fr: String,
    pub organisation_name_en: String,
    pub organisation_kind: String,
    pub branch_id: Option<Uuid>,
    pub branch_name: Option<String>,
    pub role: String,
}

impl MembershipRow {
    pub fn to_membership(&self) -> Option<Membership> {
        Some(Membership {
            organisation_id: self.organisation_id,
            branch_id: self.branch_id,
            role: Role::parse(&self.role)?,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UserWithMemberships {
    pub user: User,
    pub memberships: Vec<MembershipRow>,
}

impl UserWithMemberships {
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.user.id,
            memberships: self
                .memberships
                .iter()
                .filter_map(MembershipRow::to_membership)
                .collect(),
        }
    }
}

const USER_COLS: &str = "id, email, display_name, active, locale, created_at, updated_at";
const MEMBERSHIP_SELECT: &str = "SELECT m.user_id, m.organisation_id, o.name_fr AS organisation_name_fr, \
     o.name_en AS organisation_name_en, o.kind AS organisation_kind, m.branch_id, b.name AS branch_name, m.role \
     FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
     LEFT JOIN branches b ON b.id = m.branch_id";

pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash, active FROM users WHERE email = $1",
    )
    .bind(email.to_lowercase())
    .fetch_optional(p)
    .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<UserWithMemberships> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
    let user = on_db!(db, p => sqlx::query_as::<_, User>(&sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)?;
    let sql = format!("{MEMBERSHIP_SELECT} WHERE m.user_id = $1 ORDER BY o.name_fr");
    let memberships =
        on_db!(db, p => sqlx::query_as::<_, MembershipRow>(&sql).bind(id).fetch_all(p).await)?;
    Ok(UserWithMemberships { user, memberships })
}

/// All accounts with their memberships, sorted by name.
pub async fn list(db: &Db) -> Result<Vec<UserWithMemberships>> {
    let sql = format!("SELECT {USER_COLS} FROM users ORDER BY display_name, email");
    let users = on_db!(db, p => sqlx::query_as::<_, User>(&sql).fetch_all(p).await)?;
    let sql = format!("{MEMBERSHIP_SELECT} ORDER BY o.name_fr");
    let all = on_db!(db, p => sqlx::query_as::<_, MembershipRow>(&sql).fetch_all(p).await)?;
    Ok(users
        .into_iter()
        .map(|user| {
            let memberships = all
                .iter()
                .filter(|m| m.user_id == user.id)
                .cloned()
                .collect();
            UserWithMemberships { user, memberships }
        })
        .collect())
}

pub async fn count(db: &Db) -> Result<i64> {
    let (n,): (i64,) =
        on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(p).await)?;
    Ok(n)
}

#[derive(Debug, Clone)]
pub struct NewMembership {
    pub organisation_id: Uuid,
    pub branch_id: Option<Uuid>,
    pub role: Role,
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    /// None for an invited user who has not chosen a password yet.
    pub password_hash: Option<&'a str>,
    pub memberships: &'a [NewMembership],
}

fn memberships_json(ms: &[NewMembership]) -> serde_json::Value {
    serde_json::json!(
        ms.iter()
            .map(|m| serde_json::json!({"organisation_id": m.organisation_id, "branch_id": m.branch_id, "role": m.role.as_str()}))
            .collect::<Vec<_>>()
    )
}

/// Creates an account. A second account with the same e-mail is a [`StoreError::Conflict`].
pub async fn create(db: &Db, actor: &Actor, u: &NewUser<'_>) -> Result<Uuid> {
    let id = new_id();
    let email = u.email.to_lowercase();
    let t = now();
    let res: Result<()> = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO users (id, email, display_name, password_hash, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
            .bind(id).bind(&email).bind(u.display_name).bind(u.password_hash).bind(true).bind(t)
            .execute(&mut *tx).await?;
        for m in u.memberships {
            sqlx::query("INSERT INTO memberships (user_id, organisation_id, branch_id, role) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(m.organisation_id).bind(m.branch_id).bind(m.role.as_str())
                .execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry {
            actor, action: "create", entity_type: "user", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"email": email, "display_name": u.display_name, "memberships": memberships_json(u.memberships)})),
        })?;
        tx.commit().await?;
        Ok(())
    }.await);
    match res {
        Err(e) if e.is_unique_violation() => Err(StoreError::Conflict("email_taken")),
        other => other.map(|_| id),
    }
}

pub async fn set_active(db: &Db, actor: &Actor, id: Uuid, active: bool) -> Result<()> {
    let before = get(db, id).await?;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE users SET active = $1, updated_at = $2 WHERE id = $3")
            .bind(active).bind(now()).bind(id).execute(&mut *tx).await?;
        if !active {
            // A deactivated account loses its open sessions at once.
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        }
        audit_tx!(tx, Entry {
            actor, action: if active { "activate" } else { "deactivate" }, entity_type: "user", entity_id: id.to_string(),
            before: Some(serde_json::json!({"active": before.user.active})),
            after: Some(serde_json::json!({"active": active})),
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Replaces all memberships of a user, in one transaction.
pub async fn set_memberships(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    memberships: &[NewMembership],
) -> Result<()> {
    let before = get(db, id).await?;
    let before_json = serde_json::json!(
        before
            .memberships
            .iter()
            .map(|m| serde_json::json!({"organisation_id": m.organisation_id, "branch_id": m.branch_id, "role": m.role}))
            .collect::<Vec<_>>()
    );
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("DELETE FROM memberships WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        for m in memberships {
            sqlx::query("INSERT INTO memberships (user_id, organisation_id, branch_id, role) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(m.organisation_id).bind(m.branch_id).bind(m.role.as_str())
                .execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE users SET updated_at = $1 WHERE id = $2").bind(now()).bind(id).execute(&mut *tx).await?;
        audit_tx!(tx, Entry {
            actor, action: "update_memberships", entity_type: "user", entity_id: id.to_string(),
            before: Some(before_json), after: Some(memberships_json(memberships)),
        })?;
        tx.commit().await?;
    });
    Ok(())
}

pub async fn set_locale(db: &Db, actor: &Actor, id: Uuid, locale: &str) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
            .bind(locale).bind(now()).bind(id).execute(&mut *tx).await?;
        audit_tx!(tx, Entry {
            actor, action: "set_locale", entity_type: "user", entity_id: id.to_string(),
            before: None, after: Some(serde_json::json!({"locale": locale})),
        })?;
        tx.commit().await?;
    });
    Ok(())
}

// --- one-time links -------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Set the password of an invited account.
    Invite,
    /// Create the first admin account (printed at first start when no account exists).
    Setup,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Invite => "invite",
            TokenPurpose::Setup => "setup",
        }
    }
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a one-time link token (32 random bytes, hex). Only its hash is stored.
pub async fn create_token(
    db: &Db,
    actor: &Actor,
    purpose: TokenPurpose,
    user_id: Option<Uuid>,
    valid_for: Duration,
) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let t = now();
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        sqlx::query("INSERT INTO user_tokens (token_hash, purpose, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(hash_token(&token)).bind(purpose.as_str()).bind(user_id).bind(actor.id).bind(t).bind(t + valid_for)
            .execute(&mut *tx).await?;
        audit_tx!(tx, Entry {
            actor, action: "create_link", entity_type: "user_token",
            entity_id: user_id.map(|u| u.to_string()).unwrap_or_default(),
            before: None, after: Some(serde_json::json!({"purpose": purpose.as_str(), "expires_at": t + valid_for})),
        })?;
        tx.commit().await?;
    });
    Ok(token)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenInfo {
    pub purpose: String,
    pub user_id: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Valid,
    Expired,
    Used,
    Unknown,
}

pub async fn token_info(db: &Db, token: &str) -> Result<(TokenState, Option<TokenInfo>)> {
    let info = on_db!(db, p => sqlx::query_as::<_, TokenInfo>(
        "SELECT purpose, user_id, expires_at, used_at FROM user_tokens WHERE token_hash = $1",
    )
    .bind(hash_token(token))
    .fetch_optional(p)
    .await)?;
    let state = match &info {
        None => TokenState::Unknown,
        Some(i) if i.used_at.is_some() => TokenState::Used,
        Some(i) if i.expires_at <= now() => TokenState::Expired,
        Some(_) => TokenState::Valid,
    };
    Ok((state, info))
}

/// Uses an invitation (or reset) link: sets the password, burns the link and every other open
/// link of the account, and ends its sessions, in one transaction.
/// Returns the user id. The link is checked again inside the transaction (no double use).
pub async fn accept_invitation(db: &Db, token: &str, password_hash: &str) -> Result<Uuid> {
    let h = hash_token(token);
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        let row: Option<(Option<Uuid>,)> = sqlx::query_as(
            "UPDATE user_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'invite' AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
            .bind(now()).bind(&h).fetch_optional(&mut *tx).await?;
        let Some((Some(user_id),)) = row else { return Err(StoreError::Conflict("link_invalid")); };
        sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash).bind(now()).bind(user_id).execute(&mut *tx).await?;
        // A new password ends what the old one opened: the account's sessions, and its other
        // links (an older invitation or reset link forwarded somewhere).
        sqlx::query("UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
            .bind(now()).bind(user_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM user_devices WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        let actor = Actor { id: Some(user_id), label: "invitation".into() };
        audit_tx!(tx, Entry { actor: &actor, action: "set_password", entity_type: "user", entity_id: user_id.to_string(), before: None, after: None })?;
        tx.commit().await?;
        Ok(user_id)
    })
}

/// Uses the setup link: creates the first admin in `organisation_id`, in one transaction.
pub async fn accept_setup(
    db: &Db,
    token: &str,
    email: &str,
    display_name: &str,
    password_hash: &str,
    organisation_id: Uuid,
) -> Result<Uuid> {
    let h = hash_token(token);
    let id = new_id();
    let email = email.to_lowercase();
    let res = on_db!(db, p => async {
        let mut tx = p.begin_write().await?;
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE user_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'setup' AND used_at IS NULL AND expires_at > $1 RETURNING purpose")
            .bind(now()).bind(&h).fetch_optional(&mut *tx).await?;
        if row.is_none() { return Err(StoreError::Conflict("link_invalid")); }
        let t = now();
        sqlx::query("INSERT INTO users (id, email, display_name, password_hash, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
            .bind(id).bind(&email).bind(display_name).bind(password_hash).bind(true).bind(t)
            .execute(&mut *tx).await?;
        sqlx::query("INSERT INTO memberships (user_id, organisation_id, branch_id, role) VALUES ($1, $2, NULL, 'admin')")
            .bind(id).bind(organisation_id).execute(&mut *tx).await?;
        let actor = Actor { id: Some(id), label: "setup".into() };
        audit_tx!(tx, Entry { actor: &actor, action: "create", entity_type: "user", entity_id: id.to_string(), before: None,
            after: Some(serde_json::json!({"email": email, "display_name": display_name, "role": "admin"})) })?;
        tx.commit().await?;
        Ok(id)
    }.await);
    match res {
        Err(e) if e.is_unique_violation() => Err(StoreError::Conflict("email_taken")),
        other => other,
    }
}

// --- known devices ---------------------------------------------------------------------------

/// Remembers a browser the account logged in from; returns the cookie value (only its hash is
/// stored).
pub async fn remember_device(db: &Db, user_id: Uuid) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let t = now();
    on_db!(db, p => sqlx::query("INSERT INTO user_devices (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)")
        .bind(hash_token(&token)).bind(user_id).bind(t).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// The account a device cookie belongs to.
pub async fn device_owner(db: &Db, token: &str) -> Result<Option<Uuid>> {
    let row: Option<(Uuid,)> = on_db!(db, p => sqlx::query_as("SELECT user_id FROM user_devices WHERE token_hash = $1")
        .bind(hash_token(token)).fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}

// --- login throttling -----------------------------------------------------------------------

pub async fn record_login_failure(db: &Db, account: &str, ip: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("INSERT INTO login_failures (id, account, ip, at) VALUES ($1, $2, $3, $4)")
        .bind(new_id()).bind(account.to_lowercase()).bind(ip).bind(now())
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Failed logins for this account since `since`.
pub async fn login_failures_since(db: &Db, account: &str, since: DateTime<Utc>) -> Result<i64> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at >= $2",
    )
    .bind(account.to_lowercase())
    .bind(since)
    .fetch_one(p)
    .await)?;
    Ok(n)
}

/// Forgets failures older than `before` (called by the housekeeping task).
pub async fn purge_login_failures(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    let r = on_db!(db, p => sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(before).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r)
}

/// A person to write to about a partner's work.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Recipient {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
    pub branch_id: Option<Uuid>,
    pub role: String,
}

/// Active members of an organisation with one of these roles.
pub async fn members_of(db: &Db, org: Uuid, roles: &[&str]) -> Result<Vec<Recipient>> {
    let rows: Vec<Recipient> = on_db!(db, p => sqlx::query_as::<_, Recipient>(
        "SELECT u.id, u.email, u.display_name, u.locale, m.branch_id, m.role FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE m.organisation_id = $1 AND u.active ORDER BY u.email",
    )
    .bind(org)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|r| roles.contains(&r.role.as_str()))
        .collect())
}

/// Every active member with one of these roles, in any organisation (e.g. the pilots).
pub async fn with_role(db: &Db, roles: &[&str]) -> Result<Vec<Recipient>> {
    let rows: Vec<Recipient> = on_db!(db, p => sqlx::query_as::<_, Recipient>(
        "SELECT u.id, u.email, u.display_name, u.locale, m.branch_id, m.role FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE u.active ORDER BY u.email",
    )
    .fetch_all(p)
    .await)?;
    let mut out: Vec<Recipient> = rows
        .into_iter()
        .filter(|r| roles.contains(&r.role.as_str()))
        .collect();
    out.dedup_by_key(|r| r.id);
    Ok(out)
}
