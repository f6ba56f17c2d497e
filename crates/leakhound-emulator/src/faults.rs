//! Fault injection and rate limiting knobs: how the emulators misbehave on purpose so that
//! connectors' retry, back-off and checkpoint logic can be tested. Everything is off by default.
//! Randomness is drawn from a seeded ChaCha generator so a faulty run can be reproduced (given
//! the same order of requests).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::model::Helpdesk;
use crate::state::AppState;

/// Rate-limit settings of one emulator. Windows are sliding ("rolling"), as HubSpot's are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitConfig {
    /// Enforce the limits with 429 answers. When false, the rate-limit headers still report
    /// the configured limits, with everything remaining.
    pub enabled: bool,
    /// General limit: requests per `window_ms` (HubSpot 190 per 10 s, Zendesk 700 per 60 s).
    pub requests_per_window: u32,
    /// Window of the general limit, in milliseconds.
    pub window_ms: u64,
    /// Endpoint-class limit: HubSpot search (5 per second), Zendesk incremental exports
    /// (10 per minute). Counted separately from, and in addition to, the general limit.
    pub special_requests_per_window: u32,
    /// Window of the endpoint-class limit, in milliseconds.
    pub special_window_ms: u64,
    /// HubSpot's daily cap (`X-HubSpot-RateLimit-Daily`); unused by Zendesk.
    pub daily: u64,
}

impl RateLimitConfig {
    /// The real service's limits for a helpdesk (not enforced until `enabled` is set).
    pub fn real(helpdesk: Helpdesk) -> Self {
        match helpdesk {
            Helpdesk::Hubspot => RateLimitConfig {
                enabled: false,
                requests_per_window: 190,
                window_ms: 10_000,
                special_requests_per_window: 5,
                special_window_ms: 1_000,
                daily: 1_000_000,
            },
            Helpdesk::Zendesk => RateLimitConfig {
                enabled: false,
                requests_per_window: 700,
                window_ms: 60_000,
                special_requests_per_window: 10,
                special_window_ms: 60_000,
                daily: 0,
            },
        }
    }
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self::real(Helpdesk::Hubspot)
    }
}

/// Fault knobs of one emulator. Change them at run time with `PATCH /_admin/faults` (a partial
/// JSON object of these fields) or on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultConfig {
    /// Share (0.0–1.0) of API requests answered with a 5xx instead of being served.
    pub error_rate: f64,
    /// Statuses injected errors are drawn from.
    pub error_statuses: Vec<u16>,
    /// Latency added to every API request, in milliseconds.
    pub latency_ms: u64,
    /// Extra random latency (uniform 0..=jitter) on top of `latency_ms`.
    pub latency_jitter_ms: u64,
    /// Share (0.0–1.0) of successful responses whose body is cut off half-way (the connection
    /// is closed early, after a `Content-Length` announcing the full body).
    pub truncate_rate: f64,
    /// Share (0.0–1.0) of API requests whose connection is dropped without any response (the
    /// client sees the connection closed mid-request, like a reset).
    pub reset_rate: f64,
    /// `Retry-After` value sent with 429s and injected 503s (e.g. `"2"`, `"0.5"`). `None`: 429s
    /// carry the seconds until the window frees a slot, injected 5xx carry none.
    pub retry_after: Option<String>,
    /// Send 429s without `Retry-After` (HubSpot often does), overriding `retry_after`.
    pub omit_retry_after: bool,
    /// Rate limits.
    pub rate_limit: RateLimitConfig,
    /// HubSpot only: path prefixes (e.g. `/crm/v3/owners`) the token lacks the scopes for;
    /// authenticated calls to them get 403 `MISSING_SCOPES`, to test that a connector disables
    /// a feature instead of aborting.
    pub missing_scopes: Vec<String>,
    /// HubSpot search only: tickets modified within the last `search_lag_ms` are not yet
    /// visible to search, like HubSpot's lagging search index.
    pub search_lag_ms: u64,
}

impl FaultConfig {
    /// No faults, the real service's (unenforced) rate limits.
    pub fn off(helpdesk: Helpdesk) -> Self {
        FaultConfig {
            error_rate: 0.0,
            error_statuses: vec![500, 502, 503, 504],
            latency_ms: 0,
            latency_jitter_ms: 0,
            truncate_rate: 0.0,
            reset_rate: 0.0,
            retry_after: None,
            omit_retry_after: false,
            rate_limit: RateLimitConfig::real(helpdesk),
            missing_scopes: Vec::new(),
            search_lag_ms: 0,
        }
    }
}

impl Default for FaultConfig {
    fn default() -> Self {
        Self::off(Helpdesk::Hubspot)
    }
}

#[derive(Debug)]
struct FaultsInner {
    config: RwLock<FaultConfig>,
    rng: Mutex<ChaCha8Rng>,
}

/// Shared, runtime-changeable fault settings of one emulator with their seeded randomness.
#[derive(Debug, Clone)]
pub struct Faults {
    inner: Arc<FaultsInner>,
}

impl Faults {
    /// Faults with a configuration and the seed of their random draws.
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        Faults {
            inner: Arc::new(FaultsInner {
                config: RwLock::new(config),
                rng: Mutex::new(ChaCha8Rng::seed_from_u64(seed ^ 0xFA17_5EED)),
            }),
        }
    }

    /// A copy of the current configuration.
    pub fn config(&self) -> FaultConfig {
        self.inner
            .config
            .read()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    /// Replaces the configuration.
    pub fn set(&self, config: FaultConfig) {
        if let Ok(mut c) = self.inner.config.write() {
            *c = config;
        }
    }

    /// Applies a partial JSON object (same fields as [`FaultConfig`], nested objects merged) and
    /// returns the resulting configuration. Validates shares and statuses.
    pub fn patch(&self, patch: &serde_json::Value) -> Result<FaultConfig, String> {
        let mut current = serde_json::to_value(self.config()).map_err(|e| e.to_string())?;
        merge_json(&mut current, patch);
        let config: FaultConfig = serde_json::from_value(current).map_err(|e| e.to_string())?;
        for (name, share) in [
            ("error_rate", config.error_rate),
            ("truncate_rate", config.truncate_rate),
            ("reset_rate", config.reset_rate),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("{name} must be between 0 and 1"));
            }
        }
        if config.error_statuses.is_empty()
            || config
                .error_statuses
                .iter()
                .any(|s| !(500..=599).contains(s))
        {
            return Err("error_statuses must be a non-empty list of 5xx statuses".into());
        }
        if config.rate_limit.window_ms == 0 || config.rate_limit.special_window_ms == 0 {
            return Err("rate-limit windows must be positive".into());
        }
        self.set(config.clone());
        Ok(config)
    }

    /// True with probability `share` (seeded draw).
    pub fn roll(&self, share: f64) -> bool {
        if share <= 0.0 {
            return false;
        }
        self.inner
            .rng
            .lock()
            .map(|mut rng| rng.gen_bool(share.min(1.0)))
            .unwrap_or(false)
    }

    /// A seeded uniform draw in `0..=max`.
    pub fn uniform(&self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        self.inner
            .rng
            .lock()
            .map(|mut rng| rng.gen_range(0..=max))
            .unwrap_or(0)
    }
}

/// Merges `patch` into `target`: objects key by key (recursively), anything else replaced.
pub fn merge_json(target: &mut serde_json::Value, patch: &serde_json::Value) {
    match (target, patch) {
        (serde_json::Value::Object(t), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                merge_json(t.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// Outcome of a rate-limit check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    /// The request may proceed.
    pub allowed: bool,
    /// The bucket's limit.
    pub limit: u32,
    /// Requests left in the current window after this one.
    pub remaining: u32,
    /// Time until the oldest counted request leaves the window (when a slot frees).
    pub reset_after: Duration,
}

impl RateDecision {
    /// `Retry-After` seconds for a refused request: the wait until a slot frees, rounded up
    /// (at least 1, as integer headers are what clients parse most reliably).
    pub fn retry_after_secs(&self) -> u64 {
        self.reset_after.as_millis().div_ceil(1000).max(1) as u64
    }
}

/// Sliding-window rate limiter with named buckets (e.g. `"api"`, `"search"`, `"incremental"`).
#[derive(Debug, Clone, Default)]
pub struct RateLimiter {
    buckets: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
}

impl RateLimiter {
    /// Counts a request in `bucket` if fewer than `limit` were counted in the last `window`.
    /// A `limit` of 0 means unlimited. A refused request is not counted.
    pub fn check(&self, bucket: &str, limit: u32, window: Duration) -> RateDecision {
        let now = Instant::now();
        if limit == 0 {
            return RateDecision {
                allowed: true,
                limit,
                remaining: 0,
                reset_after: Duration::ZERO,
            };
        }
        let Ok(mut buckets) = self.buckets.lock() else {
            return RateDecision {
                allowed: true,
                limit,
                remaining: limit,
                reset_after: Duration::ZERO,
            };
        };
        let log = buckets.entry(bucket.to_string()).or_default();
        while log
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            log.pop_front();
        }
        let allowed = (log.len() as u32) < limit;
        if allowed {
            log.push_back(now);
        }
        let reset_after = log
            .front()
            .map(|oldest| window.saturating_sub(now.duration_since(*oldest)))
            .unwrap_or(window);
        RateDecision {
            allowed,
            limit,
            remaining: limit.saturating_sub(log.len() as u32),
            reset_after,
        }
    }

    /// Forgets all counted requests.
    pub fn reset(&self) {
        if let Ok(mut b) = self.buckets.lock() {
            b.clear();
        }
    }
}

/// The body of an injected server error, in the helpdesk's error shape.
fn injected_error(helpdesk: Helpdesk, status: StatusCode, retry_after: Option<&str>) -> Response {
    let body = match helpdesk {
        Helpdesk::Hubspot => serde_json::json!({
            "status": "error",
            "message": "An internal error occurred. (injected by leakhound-emulator)",
            "correlationId": uuid::Uuid::new_v4().to_string(),
            "category": if status == StatusCode::SERVICE_UNAVAILABLE { "SERVICE_UNAVAILABLE" } else { "INTERNAL_ERROR" },
        }),
        Helpdesk::Zendesk => serde_json::json!({
            "error": if status == StatusCode::SERVICE_UNAVAILABLE { "ServiceUnavailable" } else { "InternalServerError" },
            "description": "Injected by leakhound-emulator",
        }),
    };
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(v).ok()) {
        if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
    response
}

/// Middleware applying latency, injected 5xx and cut-off bodies to an emulator's API routes.
pub async fn inject_faults(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let config = state.faults.config();
    let delay = config.latency_ms + state.faults.uniform(config.latency_jitter_ms);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if state.faults.roll(config.reset_rate) {
        return dropped_connection();
    }
    if state.faults.roll(config.error_rate) {
        let pick = state
            .faults
            .uniform((config.error_statuses.len() as u64).saturating_sub(1))
            as usize;
        let status = config
            .error_statuses
            .get(pick)
            .and_then(|s| StatusCode::from_u16(*s).ok())
            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return injected_error(state.helpdesk, status, config.retry_after.as_deref());
    }
    let response = next.run(request).await;
    if response.status().is_success() && state.faults.roll(config.truncate_rate) {
        return cut_off(response).await;
    }
    response
}

/// A response whose body fails before anything is written: the server closes the connection
/// without sending a response, which clients report as a closed or reset connection.
fn dropped_connection() -> Response {
    let failure = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::other(
            "connection dropped by leakhound-emulator",
        ))
    });
    let mut response = Response::new(Body::from_stream(failure));
    response.extensions_mut().insert(InjectedFault("reset"));
    response
}

/// Marks a response sabotaged by fault injection, so the call counter records what the client
/// actually got (`"reset"`, `"truncated"`) rather than the status that never fully arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InjectedFault(pub &'static str);

/// Re-sends a response announcing its full length but delivering only the first half of the
/// body before the stream fails, so the connection closes early: what a client sees when a
/// proxy or the network drops a response mid-way.
async fn cut_off(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "body too large to cut off",
        )
            .into_response();
    };
    let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    use futures_util::StreamExt;
    // The pause lets the server flush the headers and the first half before the stream fails
    // (failing at once would drop the response before anything reached the client).
    let head = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
    let failure = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::other("body cut off by leakhound-emulator"))
    });
    let mut response = Response::from_parts(parts, Body::from_stream(head.chain(failure)));
    response.extensions_mut().insert(InjectedFault("truncated"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_refuses_past_the_limit_and_reports_the_wait() {
        let limiter = RateLimiter::default();
        let window = Duration::from_secs(10);
        for expected_remaining in (0..3).rev() {
            let d = limiter.check("api", 3, window);
            assert!(d.allowed);
            assert_eq!(d.remaining, expected_remaining);
        }
        let refused = limiter.check("api", 3, window);
        assert!(!refused.allowed);
        assert!(refused.retry_after_secs() >= 9 && refused.retry_after_secs() <= 10);
        assert!(limiter.check("other", 3, window).allowed);
    }

    #[test]
    fn patch_merges_nested_fields_and_validates() {
        let faults = Faults::new(FaultConfig::off(Helpdesk::Zendesk), 1);
        let cfg = faults
            .patch(&serde_json::json!({"error_rate": 0.5, "rate_limit": {"enabled": true}}))
            .expect("valid patch");
        assert_eq!(cfg.error_rate, 0.5);
        assert!(cfg.rate_limit.enabled);
        assert_eq!(cfg.rate_limit.requests_per_window, 700);
        assert!(faults
            .patch(&serde_json::json!({"error_rate": 2.0}))
            .is_err());
        assert_eq!(faults.config().error_rate, 0.5);
    }

    #[test]
    fn draws_are_reproducible_for_a_seed() {
        let a = Faults::new(FaultConfig::default(), 9);
        let b = Faults::new(FaultConfig::default(), 9);
        let draws_a: Vec<bool> = (0..64).map(|_| a.roll(0.3)).collect();
        let draws_b: Vec<bool> = (0..64).map(|_| b.roll(0.3)).collect();
        assert_eq!(draws_a, draws_b);
    }
}
