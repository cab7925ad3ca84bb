//! Per-client limits on every anonymous write (GCRA, keyed by client): generous for a family or a ward
//! hall behind one address, tight for a script. A refusal is `429` with `Retry-After` and the bilingual
//! error body. One gateway on SQLite keeps them in memory, by `governor`; gateways sharing a PostgreSQL
//! database keep them in it (`write_limits`, one statement per check), so that a client's allowance is
//! one across every gateway rather than one per process.

use crate::client;
use crate::db::Db;
use crate::http::ApiError;
use crate::store::{params, Connection};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The kinds of write, each with its own allowance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// Submissions and supplements.
    Dossiers,
    Drafts,
    Uploads,
    /// Starting and ending classes.
    Classes,
    /// Joining a class: a whole ward hall may join within a minute.
    Learners,
    /// Learners' progress: each step of each learner in the hall.
    Progress,
    FaqFeedback,
    Payments,
    /// Citizen reports (Open311), as for dossiers.
    Reports,
}

impl Write {
    const ALL: [Write; 9] = [
        Write::Dossiers,
        Write::Drafts,
        Write::Uploads,
        Write::Classes,
        Write::Learners,
        Write::Progress,
        Write::FaqFeedback,
        Write::Payments,
        Write::Reports,
    ];

    /// (per hour, burst).
    pub fn allowance(self) -> (u32, u32) {
        match self {
            Write::Dossiers => (60, 20),
            Write::Drafts => (60, 20),
            Write::Uploads => (240, 40),
            Write::Classes => (30, 10),
            Write::Learners => (600, 80),
            Write::Progress => (7200, 600),
            Write::FaqFeedback => (120, 30),
            Write::Payments => (60, 20),
            Write::Reports => (60, 20),
        }
    }
}

pub struct WriteLimits {
    limiters: Vec<(Write, DefaultKeyedRateLimiter<String>)>,
    trusted_proxy: Option<IpAddr>,
    /// The database every gateway shares, when there may be several.
    shared: Option<Db>,
}

impl WriteLimits {
    /// Allowances in this process's memory.
    pub fn new(trusted_proxy: Option<IpAddr>) -> WriteLimits {
        let limiters = Write::ALL
            .iter()
            .map(|&w| {
                let (per_hour, burst) = w.allowance();
                let quota = Quota::per_hour(NonZeroU32::new(per_hour).expect("allowances are not zero"))
                    .allow_burst(NonZeroU32::new(burst).expect("bursts are not zero"));
                (w, RateLimiter::keyed(quota))
            })
            .collect();
        WriteLimits { limiters, trusted_proxy, shared: None }
    }

    /// Allowances kept in `db`, shared with every gateway that uses it.
    pub fn shared(trusted_proxy: Option<IpAddr>, db: Db) -> WriteLimits {
        WriteLimits { shared: Some(db), ..WriteLimits::new(trusted_proxy) }
    }

    /// `Err(seconds to wait)` when `client` has used its allowance of `write`.
    pub async fn check(&self, write: Write, client: &str) -> Result<(), u64> {
        let Some(db) = &self.shared else { return self.check_here(write, client) };
        let (kind, client, now) = (format!("{write:?}"), client.to_string(), now_ms());
        match db.call(move |conn| take(conn, write, &kind, &client, now)).await {
            Ok(answer) => answer,
            Err(e) => {
                // The write itself will meet the same trouble and say so; a limit is no reason to refuse.
                tracing::error!("write limits: {e}");
                Ok(())
            }
        }
    }

    fn check_here(&self, write: Write, client: &str) -> Result<(), u64> {
        let Some((_, limiter)) = self.limiters.iter().find(|(w, _)| *w == write) else { return Ok(()) };
        limiter.check_key(&client.to_string()).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            wait.as_secs() + 1
        })
    }

    /// Forgets clients whose allowance is whole again (run by the sweeper).
    pub fn sweep(&self) {
        for (_, limiter) in &self.limiters {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// One cell of `client`'s allowance of `write` at `now` (ms), in one statement, so that gateways
/// checking at once cannot both take the last one: the row's arrival time moves on only if the
/// allowance holds it. `Err(seconds to wait)` otherwise.
pub fn take(conn: &Connection, write: Write, kind: &str, client: &str, now: i64) -> crate::store::Result<Result<(), u64>> {
    let (per_hour, burst) = write.allowance();
    let every = 3_600_000 / i64::from(per_hour);
    let tolerance = every * i64::from(burst);
    // Typed marks: PostgreSQL cannot tell `?3 + ?4` from an addition of texts.
    let (now_at, every_ms, limit) = ("CAST(?3 AS BIGINT)", "CAST(?4 AS BIGINT)", "CAST(?5 AS BIGINT)");
    let later = format!("CASE WHEN write_limits.tat > {now_at} THEN write_limits.tat ELSE {now_at} END");
    let taken = conn.execute(
        &format!(
            "INSERT INTO write_limits (kind, client, tat) VALUES (?1, ?2, {now_at} + {every_ms})
             ON CONFLICT (kind, client) DO UPDATE SET tat = {later} + {every_ms} WHERE {later} + {every_ms} - {now_at} <= {limit}"
        ),
        params![kind, client, now, every, tolerance],
    )?;
    if taken == 1 {
        return Ok(Ok(()));
    }
    let tat: i64 = conn.query_row("SELECT tat FROM write_limits WHERE kind = ?1 AND client = ?2", [kind, client], |r| r.get(0))?;
    let wait_ms = (tat + every - now - tolerance).max(0);
    Ok(Err(wait_ms as u64 / 1000 + 1))
}

/// Forgets the shared allowances that are whole again (run by the sweeper).
pub fn sweep_shared(conn: &Connection) -> crate::store::Result<usize> {
    conn.execute("DELETE FROM write_limits WHERE tat < ?1", [now_ms()])
}

/// The layer for one kind of write.
pub async fn limit(limits: Arc<WriteLimits>, write: Write, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let who = client::of(&parts, limits.trusted_proxy);
    if let Err(wait) = limits.check(write, &who).await {
        tracing::warn!(target: "security", event = "rate_limited", write = ?write, client = who);
        return ApiError::TooManyWrites { retry_after_secs: wait }.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_burst_then_waits_and_others_are_not_affected() {
        let limits = WriteLimits::new(None);
        let (_, burst) = Write::Drafts.allowance();
        for _ in 0..burst {
            assert_eq!(limits.check_here(Write::Drafts, "a"), Ok(()));
        }
        let wait = limits.check_here(Write::Drafts, "a").unwrap_err();
        assert!((1..=61).contains(&wait), "{wait}");
        assert_eq!(limits.check_here(Write::Drafts, "b"), Ok(()));
        assert_eq!(limits.check_here(Write::Dossiers, "a"), Ok(()), "each kind has its own allowance");
    }

    #[test]
    fn the_shared_allowance_is_the_same_rule_in_the_database() {
        let raw = rusqlite::Connection::open_in_memory().unwrap();
        raw.execute_batch(include_str!("../migrations/0015_write_limits.sql")).unwrap();
        let conn = Connection::sqlite(&raw);
        let (per_hour, burst) = Write::Drafts.allowance();
        let every = 3_600_000 / i64::from(per_hour);
        let t = 1_000_000_000;
        for _ in 0..burst {
            assert_eq!(take(&conn, Write::Drafts, "Drafts", "a", t).unwrap(), Ok(()));
        }
        let wait = take(&conn, Write::Drafts, "Drafts", "a", t).unwrap().unwrap_err();
        assert_eq!(wait, every as u64 / 1000 + 1, "one cell comes back after one interval");
        assert_eq!(take(&conn, Write::Drafts, "Drafts", "b", t).unwrap(), Ok(()), "another client is not affected");
        assert!(take(&conn, Write::Drafts, "Drafts", "a", t + every - 1).unwrap().is_err());
        assert_eq!(take(&conn, Write::Drafts, "Drafts", "a", t + every).unwrap(), Ok(()), "and one more after it");
        assert!(take(&conn, Write::Drafts, "Drafts", "a", t + every).unwrap().is_err());
        // Refusals take nothing: after the whole window the whole burst is back.
        let later = t + every * i64::from(burst) + every;
        for _ in 0..burst {
            assert_eq!(take(&conn, Write::Drafts, "Drafts", "a", later).unwrap(), Ok(()));
        }
    }
}
