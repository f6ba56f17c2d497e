//! What to do after a failed attempt — the *decision* only. [`RetryPolicy::decide`] is a pure
//! function of the attempt number, what was observed and a random draw, so every branch is
//! unit-tested without a server or a clock; the waiting itself happens in [`crate::http`].
//!
//! The rules: 429 waits what the server says (`Retry-After`, else the rate-limit reset
//! headers, else one full rate window, because HubSpot often omits `Retry-After`); 5xx,
//! connection failures, timeouts and cut-off or unparseable bodies back off exponentially with
//! full jitter (AWS's "full jitter": a uniform draw in `0..=min(cap, base·2^n)`, which spreads
//! retrying clients apart better than a fixed or "equal" jitter); any other 4xx stops at once,
//! because retrying a 401 or 404 only burns rate budget.

use std::time::Duration;

/// What an attempt ended with, reduced to what the decision needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Observation {
    /// The server answered with this status (not 2xx).
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After`, parsed (seconds, fractional seconds, or an HTTP date).
        retry_after: Option<Duration>,
        /// Time until the rate window resets, from `ratelimit-reset` (Zendesk) or
        /// `X-HubSpot-RateLimit-Interval-Milliseconds` when nothing remains (HubSpot).
        rate_reset: Option<Duration>,
    },
    /// The request never got a complete answer: connection refused or reset, timeout.
    Transport,
    /// A 2xx whose body was cut off or is not the JSON expected.
    BadBody,
}

/// Why a retry waits; shown to the user ("waiting 3 s for Zendesk rate limit").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// The server answered 429.
    RateLimited,
    /// 5xx, transport failure or bad body: exponential back-off.
    Backoff,
}

/// The decision for one failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Wait this long, then try again.
    Retry {
        /// How long to wait.
        after: Duration,
        /// Why.
        reason: RetryReason,
    },
    /// Give up: not retryable, or out of attempts.
    Stop,
}

/// Retry settings. The defaults suit both helpdesks: 6 attempts with back-off from 500 ms up
/// to 30 s for failures, and up to 20 rate-limited attempts (a 429 is the server pacing us,
/// not a fault, so it gets a larger budget).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in total (first try included) for 5xx / transport / body failures.
    pub max_attempts: u32,
    /// Attempts in total for 429s.
    pub max_rate_limited_attempts: u32,
    /// Back-off base: the cap of the first retry's jittered delay.
    pub base_delay: Duration,
    /// Largest back-off delay.
    pub max_delay: Duration,
    /// Wait on a 429 that says nothing about when to come back (HubSpot's window is 10 s).
    pub default_rate_limit_wait: Duration,
    /// Longest wait accepted from a server header (a bogus `Retry-After: 86400` would
    /// otherwise stall a scan for a day).
    pub max_server_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            max_rate_limited_attempts: 20,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            default_rate_limit_wait: Duration::from_secs(10),
            max_server_wait: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1 for the first try) ended with `observed`.
    /// `unit_random` is a uniform draw in `[0, 1)` used for the jitter.
    pub fn decide(&self, attempt: u32, observed: &Observation, unit_random: f64) -> Decision {
        match observed {
            Observation::Status {
                status: 429,
                retry_after,
                rate_reset,
            } => {
                if attempt >= self.max_rate_limited_attempts {
                    return Decision::Stop;
                }
                let wait = retry_after
                    .or(*rate_reset)
                    .unwrap_or(self.default_rate_limit_wait)
                    .min(self.max_server_wait);
                Decision::Retry {
                    after: wait,
                    reason: RetryReason::RateLimited,
                }
            }
            Observation::Status {
                status,
                retry_after,
                ..
            } if (500..=599).contains(status) => {
                if attempt >= self.max_attempts {
                    return Decision::Stop;
                }
                // A 503 may carry Retry-After (maintenance); take the longer of the two.
                let backoff = self.backoff(attempt, unit_random);
                let after = match retry_after {
                    Some(ra) => backoff.max((*ra).min(self.max_server_wait)),
                    None => backoff,
                };
                Decision::Retry {
                    after,
                    reason: RetryReason::Backoff,
                }
            }
            Observation::Status { .. } => Decision::Stop,
            Observation::Transport | Observation::BadBody => {
                if attempt >= self.max_attempts {
                    return Decision::Stop;
                }
                Decision::Retry {
                    after: self.backoff(attempt, unit_random),
                    reason: RetryReason::Backoff,
                }
            }
        }
    }

    /// Full jitter: uniform in `0..=min(max_delay, base_delay · 2^(attempt-1))`.
    pub fn backoff(&self, attempt: u32, unit_random: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        ceiling.mul_f64(unit_random.clamp(0.0, 1.0))
    }
}

/// Parses `Retry-After`: integer or fractional seconds (HubSpot and Zendesk send both), or an
/// HTTP date (RFC 9110), relative to `now`. Negative or unparseable values give `None`.
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs.min(1e9)));
        }
        return None;
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, retry_after: Option<u64>, reset: Option<u64>) -> Observation {
        Observation::Status {
            status,
            retry_after: retry_after.map(Duration::from_secs),
            rate_reset: reset.map(Duration::from_secs),
        }
    }

    #[test]
    fn rate_limited_honours_retry_after_then_reset_then_default() {
        let p = RetryPolicy::default();
        let d = p.decide(1, &status(429, Some(3), Some(40)), 0.9);
        assert_eq!(
            d,
            Decision::Retry {
                after: Duration::from_secs(3),
                reason: RetryReason::RateLimited
            }
        );
        let d = p.decide(1, &status(429, None, Some(7)), 0.9);
        assert!(matches!(d, Decision::Retry { after, .. } if after == Duration::from_secs(7)));
        let d = p.decide(1, &status(429, None, None), 0.0);
        assert!(matches!(d, Decision::Retry { after, .. } if after == Duration::from_secs(10)));
        // A bogus day-long Retry-After is capped.
        let d = p.decide(1, &status(429, Some(86_400), None), 0.0);
        assert!(matches!(d, Decision::Retry { after, .. } if after == p.max_server_wait));
        assert_eq!(
            p.decide(
                p.max_rate_limited_attempts,
                &status(429, Some(1), None),
                0.5
            ),
            Decision::Stop
        );
    }

    #[test]
    fn server_errors_and_transport_back_off_with_full_jitter() {
        let p = RetryPolicy::default();
        for attempt in 1..p.max_attempts {
            let ceiling = p.base_delay * (1 << (attempt - 1));
            let ceiling = ceiling.min(p.max_delay);
            for obs in [
                status(500, None, None),
                status(503, None, None),
                Observation::Transport,
                Observation::BadBody,
            ] {
                match p.decide(attempt, &obs, 0.999_999) {
                    Decision::Retry { after, reason } => {
                        assert_eq!(reason, RetryReason::Backoff);
                        assert!(after <= ceiling && after + Duration::from_millis(1) >= ceiling);
                    }
                    Decision::Stop => panic!("attempt {attempt} should retry"),
                }
                assert!(
                    matches!(p.decide(attempt, &obs, 0.0), Decision::Retry { after, .. } if after.is_zero())
                );
            }
        }
        assert_eq!(
            p.decide(p.max_attempts, &Observation::Transport, 0.5),
            Decision::Stop
        );
        // The cap holds however many attempts are allowed.
        let long = RetryPolicy {
            max_attempts: 100,
            ..RetryPolicy::default()
        };
        assert!(
            matches!(long.decide(60, &Observation::Transport, 1.0), Decision::Retry { after, .. } if after == long.max_delay)
        );
    }

    #[test]
    fn a_503_with_retry_after_waits_at_least_that_long() {
        let p = RetryPolicy::default();
        let d = p.decide(1, &status(503, Some(5), None), 0.0);
        assert!(matches!(d, Decision::Retry { after, .. } if after == Duration::from_secs(5)));
    }

    #[test]
    fn other_client_errors_stop_at_once() {
        let p = RetryPolicy::default();
        for code in [400, 401, 403, 404, 409, 422] {
            assert_eq!(
                p.decide(1, &status(code, Some(1), None), 0.5),
                Decision::Stop
            );
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after(" 0.5 ", now),
            Some(Duration::from_millis(500))
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
    }
}
