//! When to try an idempotent request again, and how long to wait: exponential backoff with jitter, so
//! a crowd of phones that lost the network together does not come back at the same instant.

use crate::api::ApiError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    pub base_ms: u32,
    pub cap_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { attempts: 3, base_ms: 400, cap_ms: 5_000 }
    }
}

impl RetryPolicy {
    /// Only one attempt: for requests that must not be repeated (a submission, a payment).
    pub const ONCE: RetryPolicy = RetryPolicy { attempts: 1, base_ms: 0, cap_ms: 0 };

    /// Whether to try again after `attempts_made` attempts ended with `err`.
    pub fn should_retry(&self, attempts_made: u32, err: &ApiError) -> bool {
        attempts_made < self.attempts && err.is_transient()
    }

    /// Wait before retry number `retry` (0 for the first retry). `unit_random` is a number in [0, 1)
    /// from the caller's random source; the wait is between half and all of the capped exponential step
    /// ("equal jitter"), so it never collapses to zero.
    pub fn delay_ms(&self, retry: u32, unit_random: f64) -> u32 {
        let step = (self.base_ms as u64)
            .saturating_mul(1u64 << retry.min(30))
            .min(self.cap_ms as u64);
        let half = step / 2;
        let jitter = (unit_random.clamp(0.0, 1.0) * (step - half) as f64) as u64;
        (half + jitter).min(step) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grows_then_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(0, 0.0), 200);
        assert_eq!(p.delay_ms(0, 0.999_999), 399);
        assert_eq!(p.delay_ms(1, 0.0), 400);
        assert_eq!(p.delay_ms(10, 0.0), 2_500);
        assert_eq!(p.delay_ms(40, 1.0), 5_000);
    }

    #[test]
    fn retries_only_transient_errors_within_the_budget() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(1, &ApiError::Timeout));
        assert!(p.should_retry(2, &ApiError::Server { status: 503 }));
        assert!(!p.should_retry(3, &ApiError::Timeout));
        assert!(!p.should_retry(1, &ApiError::Client { status: 400, body: None }));
        assert!(!RetryPolicy::ONCE.should_retry(1, &ApiError::Offline));
    }

    proptest! {
        #[test]
        fn delay_stays_within_half_and_whole_step(
            base in 1u32..10_000, cap in 1u32..120_000, retry in 0u32..64, r in 0.0f64..1.0
        ) {
            let p = RetryPolicy { attempts: 5, base_ms: base, cap_ms: cap };
            let step = ((base as u64) << retry.min(30)).min(cap as u64) as u32;
            let d = p.delay_ms(retry, r);
            prop_assert!(d <= step && d <= cap);
            prop_assert!(d >= step / 2);
        }

        #[test]
        fn the_ceiling_never_shrinks_as_retries_go_on(base in 1u32..10_000, cap in 1u32..120_000, retry in 0u32..40) {
            let p = RetryPolicy { attempts: 5, base_ms: base, cap_ms: cap };
            prop_assert!(p.delay_ms(retry + 1, 0.0) >= p.delay_ms(retry, 0.0));
        }
    }
}
