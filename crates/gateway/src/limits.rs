//! Per-client limits on every anonymous write, by `governor` (GCRA, keyed by client): generous for a
//! family or a ward hall behind one address, tight for a script. A refusal is `429` with `Retry-After`
//! and the bilingual error body.

use crate::client;
use crate::http::ApiError;
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
}

impl WriteLimits {
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
        WriteLimits { limiters, trusted_proxy }
    }

    /// `Err(seconds to wait)` when `client` has used its allowance of `write`.
    pub fn check(&self, write: Write, client: &str) -> Result<(), u64> {
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

/// The layer for one kind of write.
pub async fn limit(limits: Arc<WriteLimits>, write: Write, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let who = client::of(&parts, limits.trusted_proxy);
    if let Err(wait) = limits.check(write, &who) {
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
            assert_eq!(limits.check(Write::Drafts, "a"), Ok(()));
        }
        let wait = limits.check(Write::Drafts, "a").unwrap_err();
        assert!((1..=61).contains(&wait), "{wait}");
        assert_eq!(limits.check(Write::Drafts, "b"), Ok(()));
        assert_eq!(limits.check(Write::Dossiers, "a"), Ok(()), "each kind has its own allowance");
    }
}
