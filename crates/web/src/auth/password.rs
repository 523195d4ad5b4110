//! Passwords: Argon2id hashing on the blocking pool, a dummy hash for unknown accounts (so
//! timing does not reveal which e-mails exist), the rules of a new password.

use crate::http::error::AppError;
use crate::http::render::FormState;
use std::sync::LazyLock;

/// Minimum password length (ANSSI recommends 12+ characters without composition rules).
pub const MIN_PASSWORD_LEN: usize = 12;

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

pub(super) static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("tremplin-dummy-password"));

pub(super) async fn verify_password(
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let (h, real) = match &hash {
            Some(h) => (h.as_str(), true),
            None => (DUMMY_HASH.as_str(), false),
        };
        password_auth::verify_password(password, h).is_ok() && real
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// Checks a new password and its confirmation; records field errors in `form`.
pub fn check_new_password(form: &mut FormState, password: &str, confirm: &str, email: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        form.fail("password", "password_too_short");
    } else if password.len() > 1024 {
        form.fail("password", "password_too_long");
    } else if !email.is_empty() && password.eq_ignore_ascii_case(email) {
        form.fail("password", "password_is_email");
    }
    if password != confirm {
        form.fail("confirm", "password_mismatch");
    }
}
