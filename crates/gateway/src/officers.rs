//! Officers are people: each has a named credential (`mytho-gateway officers add <name>` prints a token
//! once; only its SHA-256 is stored), and what each did is recorded. The shared `MYTHO_OFFICER_TOKEN` of
//! before still works while it is set, as the officer [`SHARED_TOKEN_NAME`], with a warning at start.

use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::http::{bearer, ApiError};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use crate::store::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Who acted, when the old shared token was used.
pub const SHARED_TOKEN_NAME: &str = "shared-token";

/// The officer behind a request (bearer credential checked and limited like every other secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer(pub String);

fn hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Equal without telling, by its timing, how much of a guessed token was right.
pub fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// A name for the record: 2 to 60 characters, letters (with marks), digits, spaces, `.`, `-`, `_`.
fn is_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=60).contains(&n) && name.trim() == name && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
}

/// Adds an officer and returns the token, the only time it is seen.
pub fn add(conn: &Connection, name: &str) -> Result<String, String> {
    if !is_name(name) {
        return Err(format!("{name:?} is not a usable name: 2 to 60 letters, digits, spaces, dots, dashes or underscores"));
    }
    if name == SHARED_TOKEN_NAME {
        return Err(format!("{SHARED_TOKEN_NAME} is reserved for MYTHO_OFFICER_TOKEN"));
    }
    let token = crate::random::hex_id().map_err(|e| format!("no randomness: {e}"))?;
    let known: bool = conn.query_row("SELECT count(*) > 0 FROM officers WHERE name = ?1", [name], |r| r.get(0)).map_err(|e| e.to_string())?;
    if known {
        return Err(format!("there is already an officer named {name:?} (revoke them first, or choose another name)"));
    }
    conn.execute("INSERT INTO officers (name, token_hash) VALUES (?1, ?2)", params![name, hash(&token)]).map_err(|e| e.to_string())?;
    Ok(token)
}

/// The demo city's officer, made anew (with a new token) at each start of a demo.
pub const DEMO_OFFICER: &str = "Cán bộ chạy thử";

/// A fresh credential for the demo's officer (the one of the last demo run stops working).
pub fn demo_token(conn: &Connection) -> Result<String, String> {
    conn.execute("DELETE FROM officers WHERE name = ?1", [DEMO_OFFICER]).map_err(|e| e.to_string())?;
    add(conn, DEMO_OFFICER)
}

/// Every officer: name, when added, when revoked.
pub fn list(conn: &Connection) -> crate::store::Result<Vec<(String, String, Option<String>)>> {
    conn.prepare("SELECT name, created_at, revoked_at FROM officers ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Revokes an officer's credential; `false` when no active officer has that name.
pub fn revoke(conn: &Connection, name: &str) -> crate::store::Result<bool> {
    let n = conn.execute("UPDATE officers SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE name = ?1 AND revoked_at IS NULL", [name])?;
    Ok(n == 1)
}

/// The officer a token belongs to, if it is active.
fn named(conn: &Connection, token: &str) -> crate::store::Result<Option<String>> {
    if token.is_empty() {
        return Ok(None);
    }
    conn.query_row("SELECT name FROM officers WHERE token_hash = ?1 AND revoked_at IS NULL", [hash(token)], |r| r.get(0)).optional()
}

/// Records what an officer did (the citizen's timeline keeps showing the office, not the person).
pub fn record(conn: &Connection, officer: &str, action: &str, target: &str) -> crate::store::Result<()> {
    conn.execute("INSERT INTO officer_actions (officer, action, target) VALUES (?1, ?2, ?3)", params![officer, action, target])?;
    Ok(())
}

impl FromRequestParts<AppState> for Officer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ClientKey(client) = ClientKey::from_request_parts(parts, state).await.unwrap_or_else(|never| match never {});
        let token = bearer(&parts.headers);
        if token.is_empty() {
            return Err(unauthorized());
        }
        let shared = state.officer_token.clone();
        let result = state
            .db
            .call(move |conn| {
                guard::attempt(conn, Secret::OfficerToken, &client, "", |conn| {
                    if shared.as_deref().is_some_and(|s| same_token(&token, s)) {
                        return Ok(Some(SHARED_TOKEN_NAME.to_string()));
                    }
                    named(conn, &token)
                })
            })
            .await?;
        result.or_refuse(&state.site.config.hotline, unauthorized).map(Officer)
    }
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "Sai hoặc thiếu mã truy cập của cán bộ.",
        "The officer credential is missing or wrong.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_the_record() {
        assert!(is_name("Nguyễn Văn An"));
        assert!(is_name("tiep-nhan_1"));
        assert!(!is_name(" An"));
        assert!(!is_name("a"));
        assert!(!is_name("An<script>"));
    }
}
