//! API keys (hashed, compared in constant time), per-key rate limits, and the request timeout.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leakhound_api::ErrorCode;
use sha2::{Digest, Sha256};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// Which accepted key a request authenticated with (its index in the key list); uploads and
/// jobs belong to it. Never the key itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyId(pub usize);

/// The accepted API keys, as SHA-256 digests only.
pub struct ApiKeys {
    digests: Vec<[u8; 32]>,
}

impl std::fmt::Debug for ApiKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKeys({} keys)", self.digests.len())
    }
}

impl ApiKeys {
    /// Hashes the keys given in clear and decodes the hex digests.
    pub fn new(plain: &[String], sha256_hex: &[String]) -> anyhow::Result<ApiKeys> {
        let mut digests: Vec<[u8; 32]> = plain
            .iter()
            .map(|k| Sha256::digest(k.as_bytes()).into())
            .collect();
        for (i, hex) in sha256_hex.iter().enumerate() {
            let hex = hex.trim();
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|j| {
                    hex.get(j..j + 2)
                        .and_then(|b| u8::from_str_radix(b, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .filter(|b| b.len() == 32)
                .ok_or_else(|| {
                    anyhow::anyhow!("api_key_sha256[{i}] is not 64 hexadecimal digits")
                })?;
            digests.push(bytes.try_into().expect("checked length"));
        }
        Ok(ApiKeys { digests })
    }

    /// How many keys are accepted.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether no key is accepted.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// A fingerprint of an accepted key that does not reveal it (a hash of its digest), for
    /// ownership records that must survive restarts.
    pub fn fingerprint(&self, key: KeyId) -> String {
        let digest = self.digests.get(key.0).copied().unwrap_or_default();
        Sha256::digest(digest)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The key's id if it is accepted. Compares the digest with every stored digest in
    /// constant time, without stopping at a match.
    pub fn identify(&self, presented: &str) -> Option<KeyId> {
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        let mut found = None;
        for (i, stored) in self.digests.iter().enumerate() {
            if bool::from(stored.ct_eq(&digest)) {
                found = Some(KeyId(i));
            }
        }
        found
    }
}

/// Token buckets, one per key.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<Vec<(f64, Instant)>>,
}

impl RateLimiter {
    /// `rate` tokens per second, up to `burst`, for `keys` keys.
    pub fn new(rate: f64, burst: u32, keys: usize) -> RateLimiter {
        let burst = f64::from(burst.max(1));
        RateLimiter {
            rate: rate.max(0.001),
            burst,
            buckets: Mutex::new(vec![(burst, Instant::now()); keys]),
        }
    }

    /// Takes a token: `Ok(requests left)` or `Err(seconds to wait)`.
    pub fn acquire(&self, key: KeyId) -> Result<u64, u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let Some((tokens, last)) = buckets.get_mut(key.0) else {
            return Err(1);
        };
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * self.rate).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(tokens.floor() as u64)
        } else {
            let wait = (1.0 - *tokens) / self.rate;
            Err((wait.ceil() as u64).max(1))
        }
    }
}

/// The `Bearer` token of the `Authorization` header.
fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get("authorization")?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Authenticates the request, applies the key's rate limit, and sets
/// `X-Rate-Limit-Remaining`.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(key) = bearer(&req).and_then(|token| state.keys.identify(token)) else {
        return ApiError::new(
            ErrorCode::Unauthenticated,
            "send an accepted API key as `Authorization: Bearer <key>`",
        )
        .into_response();
    };
    let remaining = match state.limiter.acquire(key) {
        Ok(remaining) => remaining,
        Err(wait) => {
            let mut err = ApiError::new(
                ErrorCode::RateLimited,
                format!("rate limit exceeded; retry after {wait} s"),
            );
            err.retry_after = Some(wait);
            let mut response = err.into_response();
            response
                .headers_mut()
                .insert("x-rate-limit-remaining", HeaderValue::from(0));
            return response;
        }
    };
    req.extensions_mut().insert(key);
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .insert("x-rate-limit-remaining", HeaderValue::from(remaining));
    response
}

/// Answers 504 (code 50400) when the handler takes longer than the request timeout.
pub async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = Duration::from_secs(state.config.limits.request_timeout_secs.max(1));
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            ErrorCode::Timeout,
            format!("the request took longer than {} s", limit.as_secs()),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_identified_by_digest() {
        let hex = "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3"; // "123"
        let keys = ApiKeys::new(&["NF-abc".into()], &[hex.into()]).unwrap();
        assert_eq!(keys.identify("NF-abc"), Some(KeyId(0)));
        assert_eq!(keys.identify("123"), Some(KeyId(1)));
        assert_eq!(keys.identify("NF-abd"), None);
        assert!(ApiKeys::new(&[], &["xyz".into()]).is_err());
    }

    #[test]
    fn bucket_refuses_beyond_burst_and_says_how_long_to_wait() {
        let limiter = RateLimiter::new(1.0, 2, 1);
        assert_eq!(limiter.acquire(KeyId(0)), Ok(1));
        assert_eq!(limiter.acquire(KeyId(0)), Ok(0));
        assert_eq!(limiter.acquire(KeyId(0)), Err(1));
    }
}
