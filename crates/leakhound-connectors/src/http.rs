//! The HTTP layer shared by both connectors: one place that paces requests (client-side rate
//! limits), sends them with the credentials, reads the whole body (so a cut-off body is a
//! retryable failure rather than a decode error later), asks [`RetryPolicy`] what to do with
//! a failure, waits, and counts everything.
//!
//! Waits are reported to an optional [`WaitObserver`] so the CLI can say "waiting 3 s for
//! Zendesk rate limit"; counters ([`CallStats`]) give API calls per endpoint for the benchmark.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::doc::SourceKind;
use crate::error::{trim_message, Error, Result};
use crate::ratelimit::{RateLimiter, RatePlan};
use crate::retry::{parse_retry_after, Decision, Observation, RetryPolicy, RetryReason};

/// Why the connector is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitKind {
    /// Client-side pacing under the configured plan.
    ClientRateLimit,
    /// The server answered 429.
    ServerRateLimit,
    /// Back-off after a 5xx, a transport failure or a bad body.
    Backoff,
}

/// One wait, as reported to a [`WaitObserver`].
#[derive(Debug, Clone)]
pub struct WaitEvent {
    /// The helpdesk.
    pub source: SourceKind,
    /// Endpoint label.
    pub endpoint: &'static str,
    /// Why.
    pub kind: WaitKind,
    /// How long (about to wait, for server waits and back-off; waited, for client pacing).
    pub wait: Duration,
    /// Attempt number that failed (1-based), for server waits and back-off.
    pub attempt: u32,
}

impl fmt::Display for WaitEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.wait.as_secs_f64();
        match self.kind {
            WaitKind::ClientRateLimit | WaitKind::ServerRateLimit => {
                write!(f, "waiting {secs:.1} s for {} rate limit", self.source)
            }
            WaitKind::Backoff => write!(
                f,
                "{} {}: attempt {} failed, retrying in {secs:.1} s",
                self.source, self.endpoint, self.attempt
            ),
        }
    }
}

/// Callback told about every wait. Keep it cheap (it runs on the request path); send to a
/// channel if the work is slow.
pub type WaitObserver = Arc<dyn Fn(&WaitEvent) + Send + Sync>;

/// Counters of one client, shared by clones.
#[derive(Debug, Default)]
pub struct CallStats {
    inner: Mutex<StatsInner>,
}

#[derive(Debug, Default, Clone)]
struct StatsInner {
    calls: BTreeMap<&'static str, u64>,
    total: u64,
    retries: u64,
    rate_limited: u64,
    waited: Duration,
}

/// A copy of the counters.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StatsSnapshot {
    /// HTTP requests per endpoint label (every attempt counts, like the server's counter).
    pub calls: BTreeMap<String, u64>,
    /// All HTTP requests.
    pub total: u64,
    /// Attempts that were retries.
    pub retries: u64,
    /// 429 answers received.
    pub rate_limited: u64,
    /// Total time spent waiting (pacing, 429s and back-off).
    pub waited: Duration,
}

impl CallStats {
    fn record_call(&self, endpoint: &'static str) {
        if let Ok(mut s) = self.inner.lock() {
            *s.calls.entry(endpoint).or_default() += 1;
            s.total += 1;
        }
    }

    fn record(&self, f: impl FnOnce(&mut StatsInner)) {
        if let Ok(mut s) = self.inner.lock() {
            f(&mut s);
        }
    }

    /// Total HTTP requests so far.
    pub fn total(&self) -> u64 {
        self.inner.lock().map(|s| s.total).unwrap_or(0)
    }

    /// A copy of all counters.
    pub fn snapshot(&self) -> StatsSnapshot {
        let s = self.inner.lock().map(|s| s.clone()).unwrap_or_default();
        StatsSnapshot {
            calls: s.calls.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            total: s.total,
            retries: s.retries,
            rate_limited: s.rate_limited,
            waited: s.waited,
        }
    }
}

/// A credential for the `Authorization` header. `Debug` prints only the scheme.
#[derive(Clone)]
pub(crate) struct AuthHeader(HeaderValue);

impl AuthHeader {
    pub(crate) fn bearer(token: &str) -> Result<Self> {
        Self::from_string(format!("Bearer {token}"))
    }

    pub(crate) fn basic(user: &str, password: &str) -> Result<Self> {
        use base64::Engine as _;
        let raw = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Self::from_string(format!("Basic {raw}"))
    }

    fn from_string(s: String) -> Result<Self> {
        let mut v = HeaderValue::from_str(&s)
            .map_err(|_| Error::Config("credential contains invalid characters".into()))?;
        v.set_sensitive(true);
        Ok(AuthHeader(v))
    }
}

impl fmt::Debug for AuthHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self
            .0
            .to_str()
            .ok()
            .and_then(|s| s.split(' ').next())
            .unwrap_or("?");
        write!(f, "{scheme} <redacted>")
    }
}

/// HTTP settings common to both connectors.
#[derive(Clone)]
pub struct HttpOptions {
    /// Client-side limits.
    pub plan: RatePlan,
    /// Retry decisions.
    pub retry: RetryPolicy,
    /// Timeout of one request, body included.
    pub request_timeout: Duration,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Told about every wait.
    pub observer: Option<WaitObserver>,
}

impl fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpOptions")
            .field("plan", &self.plan)
            .field("retry", &self.retry)
            .field("request_timeout", &self.request_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("observer", &self.observer.as_ref().map(|_| "<fn>"))
            .finish()
    }
}

impl HttpOptions {
    /// Defaults with a given plan: 60 s per request, 10 s to connect, default retries.
    pub fn with_plan(plan: RatePlan) -> Self {
        HttpOptions {
            plan,
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            observer: None,
        }
    }
}

/// Which limiter(s) a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitClass {
    General,
    /// General plus the special class (HubSpot search, Zendesk incremental exports).
    Special,
}

/// A successful (2xx) answer.
pub(crate) struct Answer {
    pub headers: HeaderMap,
    pub body: Value,
}

/// Headers only: the body holds ticket texts.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("headers", &self.headers.len())
            .finish_non_exhaustive()
    }
}

impl Answer {
    /// The server's clock from the `Date` header, epoch milliseconds.
    pub fn server_time_ms(&self) -> Option<i64> {
        let v = self.headers.get(reqwest::header::DATE)?.to_str().ok()?;
        let t = httpdate::parse_http_date(v).ok()?;
        t.duration_since(SystemTime::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_millis() as i64)
    }
}

/// The shared client: base URL, credentials, limiters, retry policy, counters.
#[derive(Clone)]
pub(crate) struct HttpClient {
    client: reqwest::Client,
    source: SourceKind,
    base: Url,
    auth: AuthHeader,
    retry: RetryPolicy,
    general: Option<Arc<RateLimiter>>,
    special: Option<Arc<RateLimiter>>,
    observer: Option<WaitObserver>,
    stats: Arc<CallStats>,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("source", &self.source)
            .field("base", &self.base.as_str())
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    pub(crate) fn new(
        source: SourceKind,
        base_url: &str,
        auth: AuthHeader,
        options: &HttpOptions,
    ) -> Result<Self> {
        let mut base = Url::parse(base_url.trim_end_matches('/'))
            .map_err(|e| Error::Config(format!("{source} base URL {base_url:?}: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "{source} base URL must be http or https, not {}",
                base.scheme()
            )));
        }
        base.set_query(None);
        let client = reqwest::Client::builder()
            .user_agent(concat!("leakhound/", env!("CARGO_PKG_VERSION")))
            .timeout(options.request_timeout)
            .connect_timeout(options.connect_timeout)
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(HttpClient {
            client,
            source,
            base,
            auth,
            retry: options.retry.clone(),
            general: options.plan.general.map(|r| Arc::new(RateLimiter::new(r))),
            special: options.plan.special.map(|r| Arc::new(RateLimiter::new(r))),
            observer: options.observer.clone(),
            stats: Arc::new(CallStats::default()),
        })
    }

    /// A copy for non-idempotent writes: the same limiters, credentials and counters, but a
    /// 5xx, a reset or a timeout is not retried (the write may have reached the server; the
    /// caller checks before trying again). 429s, which the server refused, are still retried
    /// after `Retry-After`.
    pub(crate) fn for_writes(&self) -> Self {
        let mut c = self.clone();
        c.retry.max_attempts = 1;
        c
    }

    pub(crate) fn stats(&self) -> Arc<CallStats> {
        self.stats.clone()
    }

    /// `base` + `path` (which starts with `/`) + query pairs.
    pub(crate) fn url(&self, path: &str, query: &[(&str, &str)]) -> Url {
        let mut url = self.base.clone();
        let prefix = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{prefix}{path}"));
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    fn notify(&self, event: WaitEvent) {
        tracing::debug!(source = %event.source, endpoint = event.endpoint, wait_ms = event.wait.as_millis() as u64, kind = ?event.kind, "waiting");
        if let Some(o) = &self.observer {
            o(&event);
        }
    }

    async fn pace(&self, endpoint: &'static str, class: LimitClass) {
        let mut limiters = Vec::with_capacity(2);
        if class == LimitClass::Special {
            limiters.extend(self.special.iter());
        }
        limiters.extend(self.general.iter());
        for l in limiters {
            let expected = l.peek_wait();
            if !expected.is_zero() {
                self.notify(WaitEvent {
                    source: self.source,
                    endpoint,
                    kind: WaitKind::ClientRateLimit,
                    wait: expected,
                    attempt: 0,
                });
            }
            let waited = l.acquire().await;
            if !waited.is_zero() {
                self.stats.record(|s| s.waited += waited);
            }
        }
    }

    /// Sends a request, retrying per the policy, and decodes a 2xx JSON body.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: Url,
        endpoint: &'static str,
        class: LimitClass,
        body: Option<&Value>,
    ) -> Result<Answer> {
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            self.pace(endpoint, class).await;
            let mut req = self
                .client
                .request(method.clone(), url.clone())
                .header(AUTHORIZATION, self.auth.0.clone())
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(b) = body {
                req = req.json(b);
            }
            self.stats.record_call(endpoint);
            if attempt > 1 {
                self.stats.record(|s| s.retries += 1);
            }
            let (observed, last) = match req.send().await {
                Err(e) => (Observation::Transport, describe_transport(&e)),
                Ok(resp) => {
                    let status = resp.status();
                    let headers = resp.headers().clone();
                    self.note_rate_headers(&headers, class);
                    match resp.bytes().await {
                        Err(e) => (
                            Observation::Transport,
                            format!("HTTP {}: body cut off ({})", status.as_u16(), kind_of(&e)),
                        ),
                        Ok(bytes) if status.is_success() => {
                            match serde_json::from_slice::<Value>(&bytes) {
                                Ok(body) => return Ok(Answer { headers, body }),
                                Err(e) => (
                                    Observation::BadBody,
                                    format!(
                                        "HTTP {}: body is not JSON ({} bytes; {})",
                                        status.as_u16(),
                                        bytes.len(),
                                        e.classify_name()
                                    ),
                                ),
                            }
                        }
                        Ok(bytes) => {
                            let message = api_message(&bytes);
                            if status.as_u16() == 429 {
                                self.stats.record(|s| s.rate_limited += 1);
                            }
                            let observed = Observation::Status {
                                status: status.as_u16(),
                                retry_after: headers
                                    .get(reqwest::header::RETRY_AFTER)
                                    .and_then(|v| v.to_str().ok())
                                    .and_then(|v| parse_retry_after(v, SystemTime::now())),
                                rate_reset: rate_reset(&headers),
                            };
                            if !(status.as_u16() == 429 || status.is_server_error()) {
                                // The policy never retries these; say what the API said.
                                debug_assert_eq!(
                                    self.retry.decide(attempt, &observed, 0.0),
                                    Decision::Stop
                                );
                                return Err(Error::Api {
                                    helpdesk: self.source,
                                    endpoint: endpoint.to_string(),
                                    status: status.as_u16(),
                                    message,
                                });
                            }
                            (observed, format!("HTTP {}: {message}", status.as_u16()))
                        }
                    }
                }
            };
            let draw: f64 = rand::thread_rng().gen();
            match self.retry.decide(attempt, &observed, draw) {
                Decision::Stop => {
                    return Err(Error::RetriesExhausted {
                        helpdesk: self.source,
                        endpoint: endpoint.to_string(),
                        attempts: attempt,
                        last,
                    })
                }
                Decision::Retry { after, reason } => {
                    let kind = match reason {
                        RetryReason::RateLimited => WaitKind::ServerRateLimit,
                        RetryReason::Backoff => WaitKind::Backoff,
                    };
                    tracing::warn!(source = %self.source, endpoint, attempt, failure = %last, wait_ms = after.as_millis() as u64, "request failed, will retry");
                    if reason == RetryReason::RateLimited {
                        // Everyone sharing these limiters should hold off, not just this call.
                        for l in self.general.iter().chain(self.special.iter()) {
                            l.block_for(after);
                        }
                    }
                    self.notify(WaitEvent {
                        source: self.source,
                        endpoint,
                        kind,
                        wait: after,
                        attempt,
                    });
                    self.stats.record(|s| s.waited += after);
                    tokio::time::sleep(after).await;
                }
            }
        }
    }

    /// GET and decode into `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
        endpoint: &'static str,
        class: LimitClass,
    ) -> Result<(T, Answer)> {
        let answer = self.send(Method::GET, url, endpoint, class, None).await?;
        let parsed = self.decode(endpoint, &answer.body)?;
        Ok((parsed, answer))
    }

    /// POST a JSON body and decode into `T`.
    pub(crate) async fn post_json<T: DeserializeOwned>(
        &self,
        url: Url,
        endpoint: &'static str,
        class: LimitClass,
        body: &Value,
    ) -> Result<(T, Answer)> {
        let answer = self
            .send(Method::POST, url, endpoint, class, Some(body))
            .await?;
        let parsed = self.decode(endpoint, &answer.body)?;
        Ok((parsed, answer))
    }

    fn decode<T: DeserializeOwned>(&self, endpoint: &'static str, body: &Value) -> Result<T> {
        T::deserialize(body).map_err(|e| Error::Decode {
            helpdesk: self.source,
            endpoint: endpoint.to_string(),
            // serde's "invalid type: string \"…\"" quotes the value, which may be ticket
            // text: keep only what was expected.
            detail: redact_serde_message(&e.to_string()),
        })
    }

    /// When the server reports the budget spent, hold every request back until its reset,
    /// so other requests in flight do not collect 429s one by one.
    fn note_rate_headers(&self, headers: &HeaderMap, class: LimitClass) {
        let num = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<f64>().ok())
        };
        let remaining = num("ratelimit-remaining")
            .or_else(|| num("x-rate-limit-remaining"))
            .or_else(|| num("x-hubspot-ratelimit-remaining"));
        if remaining == Some(0.0) {
            if let Some(reset) = rate_reset(headers) {
                if let Some(l) = &self.general {
                    l.block_for(reset);
                }
                if class == LimitClass::Special {
                    if let Some(l) = &self.special {
                        l.block_for(reset);
                    }
                }
            }
        }
    }
}

/// Time until the rate window resets: Zendesk `ratelimit-reset` (seconds); HubSpot has no
/// reset header, only the window length (`X-HubSpot-RateLimit-Interval-Milliseconds`), which is
/// the longest a rolling window can take to free a slot.
fn rate_reset(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(secs) = get("ratelimit-reset").and_then(|v| v.trim().parse::<f64>().ok()) {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs.min(3600.0)));
        }
    }
    let hubspot_remaining =
        get("x-hubspot-ratelimit-remaining").and_then(|v| v.trim().parse::<u64>().ok());
    if hubspot_remaining == Some(0) {
        if let Some(ms) = get("x-hubspot-ratelimit-interval-milliseconds")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Some(Duration::from_millis(ms.min(3_600_000)));
        }
    }
    None
}

/// The API's error message: HubSpot `message`, Zendesk `error` and `description` (or
/// `details`), or a short plain-text body.
fn api_message(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => {
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
            let msg = match (s("message"), s("error"), s("description")) {
                (Some(m), _, _) => {
                    let cat = s("category").map(|c| format!(" ({c})")).unwrap_or_default();
                    format!("{m}{cat}")
                }
                (None, Some(e), Some(d)) => format!("{e}: {d}"),
                (None, Some(e), None) => e,
                (None, None, Some(d)) => d,
                (None, None, None) => match v.get("error") {
                    Some(obj @ Value::Object(_)) => obj
                        .get("title")
                        .or_else(|| obj.get("message"))
                        .and_then(Value::as_str)
                        .unwrap_or("(no message)")
                        .to_string(),
                    _ => "(no message)".to_string(),
                },
            };
            trim_message(&msg)
        }
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            if text.trim().is_empty() {
                "(empty body)".to_string()
            } else {
                trim_message(&text)
            }
        }
    }
}

fn kind_of(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else if e.is_body() || e.is_decode() {
        "body"
    } else if e.is_request() {
        "request"
    } else {
        "transport"
    }
}

/// A transport failure, described without the URL's query (which may carry a cursor) and
/// never with headers.
fn describe_transport(e: &reqwest::Error) -> String {
    let mut msg = format!("{} error", kind_of(e));
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    trim_message(&msg)
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O error",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "data error",
            serde_json::error::Category::Eof => "cut off",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_messages_of_both_helpdesks() {
        assert_eq!(
            api_message(br#"{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}"#),
            "Authentication credentials not found. (INVALID_AUTHENTICATION)"
        );
        assert_eq!(
            api_message(br#"{"error":"Forbidden","description":"You do not have access"}"#),
            "Forbidden: You do not have access"
        );
        assert_eq!(
            api_message(br#"{"error":"Couldn't authenticate you"}"#),
            "Couldn't authenticate you"
        );
        assert_eq!(api_message(b"Too Many Requests"), "Too Many Requests");
        assert_eq!(api_message(b""), "(empty body)");
    }

    #[test]
    fn auth_header_debug_hides_the_secret() {
        let a = AuthHeader::bearer("pat-na1-secret").unwrap();
        assert_eq!(format!("{a:?}"), "Bearer <redacted>");
        let b = AuthHeader::basic("a@b.c/token", "secret").unwrap();
        assert_eq!(format!("{b:?}"), "Basic <redacted>");
    }

    #[test]
    fn rate_reset_headers() {
        let mut h = HeaderMap::new();
        h.insert("ratelimit-reset", HeaderValue::from_static("41"));
        assert_eq!(rate_reset(&h), Some(Duration::from_secs(41)));
        let mut h = HeaderMap::new();
        h.insert(
            "x-hubspot-ratelimit-interval-milliseconds",
            HeaderValue::from_static("10000"),
        );
        assert_eq!(rate_reset(&h), None, "budget not spent: no reset");
        h.insert(
            "x-hubspot-ratelimit-remaining",
            HeaderValue::from_static("0"),
        );
        assert_eq!(rate_reset(&h), Some(Duration::from_secs(10)));
    }
}

/// A serde error message with every quoted value removed (`invalid type: string "…",
/// expected u64` → `invalid type: string, expected u64`).
pub(crate) fn redact_serde_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quotes = false;
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' if !in_quotes => {
                in_quotes = true;
                if out.ends_with(' ') {
                    out.pop();
                }
            }
            '"' | '`' => in_quotes = false,
            '\\' if in_quotes => {
                chars.next();
            }
            _ if !in_quotes => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod redact_tests {
    #[test]
    fn serde_messages_lose_their_values() {
        assert_eq!(
            super::redact_serde_message(
                "invalid type: string \"card 4111 \\\"x\\\"\", expected u64"
            ),
            "invalid type: string, expected u64"
        );
        assert_eq!(
            super::redact_serde_message("missing field `id`"),
            "missing field"
        );
    }
}
