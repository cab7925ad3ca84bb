//! Every secret that opens something (a dossier's second factor or access key, a resume code, a class
//! code, a trainer token, an officer credential) can be guessed the same way, so it is limited the same
//! way: failures are counted in the database (a restart resets nothing) per client and per target, and
//! past a few that client, or that target against a guesser with many addresses, is refused for a while,
//! even with the right answer (or the lock would be pointless).

use crate::http::ApiError;
use crate::store::{params, Connection};

/// What was guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secret {
    /// A dossier code with the phone's last 4 digits (status only).
    SecondFactor,
    /// A dossier's access key (its answers, a supplement).
    AccessKey,
    /// A draft's resume code.
    ResumeCode,
    /// A class code, when joining.
    ClassCode,
    /// A class's trainer token.
    TrainerToken,
    /// An officer credential.
    OfficerToken,
}

/// At most `failures` in `window_secs`; then refused until the window has passed since the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub failures: i64,
    pub window_secs: i64,
}

const MINUTES_15: i64 = 15 * 60;
const HOUR: i64 = 3600;

impl Secret {
    pub fn name(self) -> &'static str {
        match self {
            Secret::SecondFactor => "second_factor",
            Secret::AccessKey => "access_key",
            Secret::ResumeCode => "resume_code",
            Secret::ClassCode => "class_code",
            Secret::TrainerToken => "trainer_token",
            Secret::OfficerToken => "officer_token",
        }
    }

    /// One client's allowance. A citizen who mistypes a few times is never stopped; a script is, after a
    /// handful: 4 digits then take 500 hours on average from one address.
    pub fn per_client(self) -> Limit {
        match self {
            Secret::SecondFactor | Secret::AccessKey | Secret::OfficerToken => Limit { failures: 5, window_secs: MINUTES_15 },
            Secret::ResumeCode | Secret::TrainerToken => Limit { failures: 10, window_secs: MINUTES_15 },
            // Learners mistype a 6-character code on a projector; a guesser pauses only itself.
            Secret::ClassCode => Limit { failures: 10, window_secs: 60 },
        }
    }

    /// One target's allowance against a guesser with many addresses (only secrets of a known thing).
    /// Higher than a client's, so one guesser never locks the citizen out.
    pub fn per_target(self) -> Option<Limit> {
        match self {
            Secret::SecondFactor => Some(Limit { failures: 20, window_secs: HOUR }),
            Secret::AccessKey => Some(Limit { failures: 10, window_secs: HOUR }),
            Secret::TrainerToken => Some(Limit { failures: 30, window_secs: HOUR }),
            Secret::ResumeCode | Secret::ClassCode | Secret::OfficerToken => None,
        }
    }
}

/// Refused until `retry_after_secs` from now; `target` when the thing itself is locked, not the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locked {
    pub retry_after_secs: i64,
    pub target: bool,
}

/// Seconds since 1970 (failures are kept as integers so any database compares them alike).
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The outcome of one guarded attempt.
pub enum Attempt<T> {
    Right(T),
    Wrong,
    Locked(Locked),
}

impl<T> Attempt<T> {
    /// The value, or the answer for a wrong secret (`wrong`) or a lock (429 with the hotline).
    pub fn or_refuse(self, hotline: &str, wrong: impl FnOnce() -> ApiError) -> Result<T, ApiError> {
        match self {
            Attempt::Right(v) => Ok(v),
            Attempt::Wrong => Err(wrong()),
            Attempt::Locked(locked) => Err(ApiError::Locked { locked, hotline: hotline.to_string() }),
        }
    }
}

/// Checks the locks, then `verify` (`None` = wrong, and counted as a failure).
pub fn attempt<T>(
    conn: &mut Connection,
    secret: Secret,
    client: &str,
    target: &str,
    verify: impl FnOnce(&mut Connection) -> crate::store::Result<Option<T>>,
) -> crate::store::Result<Attempt<T>> {
    let now = now();
    if let Some(locked) = locked(conn, secret, client, target, now)? {
        tracing::warn!(target: "security", event = "locked_out", secret = secret.name(), client, dossier_or_class = target, by_target = locked.target);
        return Ok(Attempt::Locked(locked));
    }
    match verify(conn)? {
        Some(v) => Ok(Attempt::Right(v)),
        None => {
            failed(conn, secret, client, target, now)?;
            Ok(Attempt::Wrong)
        }
    }
}

/// Whether `client`, or `target`, is locked for `secret` now.
pub fn locked(conn: &Connection, secret: Secret, client: &str, target: &str, now: i64) -> crate::store::Result<Option<Locked>> {
    let limit = secret.per_client();
    if let Some(until) = until(conn, secret, "client", client, limit, now)? {
        return Ok(Some(Locked { retry_after_secs: until - now, target: false }));
    }
    if let (Some(limit), false) = (secret.per_target(), target.is_empty()) {
        if let Some(until) = until(conn, secret, "target", target, limit, now)? {
            return Ok(Some(Locked { retry_after_secs: until - now, target: true }));
        }
    }
    Ok(None)
}

fn until(conn: &Connection, secret: Secret, column: &str, key: &str, limit: Limit, now: i64) -> crate::store::Result<Option<i64>> {
    // `column` is one of two literals above, never input.
    let sql = format!("SELECT count(*), max(at) FROM failed_attempts WHERE secret = ?1 AND {column} = ?2 AND at > ?3");
    let (count, last): (i64, Option<i64>) =
        conn.query_row(&sql, params![secret.name(), key, now - limit.window_secs], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(last.filter(|_| count >= limit.failures).map(|last| last + limit.window_secs))
}

/// Records a failure (and says so in the security log: which secret, from where, never the value).
pub fn failed(conn: &Connection, secret: Secret, client: &str, target: &str, now: i64) -> crate::store::Result<()> {
    tracing::warn!(target: "security", event = "wrong_secret", secret = secret.name(), client, dossier_or_class = target);
    conn.execute("INSERT INTO failed_attempts (secret, client, target, at) VALUES (?1, ?2, ?3, ?4)", params![secret.name(), client, target, now])?;
    Ok(())
}

/// Failures older than every window are no longer needed.
pub fn sweep(conn: &Connection, now: i64) -> crate::store::Result<usize> {
    conn.execute("DELETE FROM failed_attempts WHERE at <= ?1", [now - 24 * HOUR])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE failed_attempts (id INTEGER PRIMARY KEY, secret TEXT NOT NULL, client TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', at INTEGER NOT NULL);").unwrap();
        conn
    }

    #[test]
    fn a_client_is_locked_after_its_allowance_until_the_window_has_passed() {
        let raw = db();
        let conn = Connection::sqlite(&raw);
        let limit = Secret::SecondFactor.per_client();
        for i in 0..limit.failures {
            assert_eq!(locked(&conn, Secret::SecondFactor, "a", "X", 1000 + i).unwrap(), None);
            failed(&conn, Secret::SecondFactor, "a", "X", 1000 + i).unwrap();
        }
        let last = 1000 + limit.failures - 1;
        let l = locked(&conn, Secret::SecondFactor, "a", "Y", last + 10).unwrap().expect("locked for every dossier");
        assert_eq!(l, Locked { retry_after_secs: limit.window_secs - 10, target: false });
        assert_eq!(locked(&conn, Secret::SecondFactor, "b", "X", last + 10).unwrap(), None, "another client is not");
        assert_eq!(locked(&conn, Secret::AccessKey, "a", "X", last + 10).unwrap(), None, "another secret is not");
        assert_eq!(locked(&conn, Secret::SecondFactor, "a", "X", last + limit.window_secs).unwrap(), None, "over after the window");
    }

    #[test]
    fn a_target_is_locked_against_many_clients() {
        let raw = db();
        let conn = Connection::sqlite(&raw);
        let limit = Secret::SecondFactor.per_target().unwrap();
        for i in 0..limit.failures {
            failed(&conn, Secret::SecondFactor, &format!("c{i}"), "X", 5000).unwrap();
        }
        let l = locked(&conn, Secret::SecondFactor, "new", "X", 5001).unwrap().unwrap();
        assert!(l.target);
        assert_eq!(locked(&conn, Secret::SecondFactor, "new", "Z", 5001).unwrap(), None);
        for s in [Secret::SecondFactor, Secret::AccessKey, Secret::TrainerToken] {
            assert!(s.per_client().failures < s.per_target().unwrap().failures, "{s:?}: one guesser cannot lock the owner out");
        }
    }
}
