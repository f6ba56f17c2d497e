//! Signed JSON webhooks.
//!
//! A POST carries a compact JSON body and two headers: a timestamp (POSIX seconds) and the
//! lowercase hex HMAC-SHA256, keyed by the secret's UTF-8 bytes, of `"{timestamp}:{body}"`
//! — Nightfall's scheme. The header names are `X-Leakhound-Timestamp` and
//! `X-Leakhound-Signature` unless configured otherwise (`leakhound serve` sends Nightfall's
//! names). Timeouts, connection errors, 5xx, 408 and 429 answers are retried after the
//! configured waits; other answers are final. Redirects are not followed.
//!
//! Errors and logs name neither the body nor the URL (webhook URLs such as Slack's carry a
//! secret in their path): only the host.

use crate::error::{chain, NotifyError};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The default timestamp header.
pub const TIMESTAMP_HEADER: &str = "X-Leakhound-Timestamp";
/// The default signature header.
pub const SIGNATURE_HEADER: &str = "X-Leakhound-Signature";

/// The lowercase hex HMAC-SHA256 of `"{timestamp}:{body}"` keyed by `secret`.
pub fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    let mut hex = String::with_capacity(64);
    for b in mac.finalize().into_bytes() {
        hex.push(char::from_digit(u32::from(b >> 4), 16).expect("nibble"));
        hex.push(char::from_digit(u32::from(b & 15), 16).expect("nibble"));
    }
    hex
}

/// What a receiver checks: the signature matches (in constant time) and the timestamp is
/// neither older than `max_age` nor in the future, relative to `now` (POSIX seconds).
pub fn verify(
    secret: &str,
    timestamp: &str,
    body: &[u8],
    signature: &str,
    max_age: Duration,
    now: u64,
) -> bool {
    use subtle::ConstantTimeEq;
    let Ok(ts) = timestamp.parse::<u64>() else {
        return false;
    };
    if ts > now || now - ts > max_age.as_secs() {
        return false;
    }
    let expected = sign(secret, timestamp, body);
    expected.len() == signature.len() && bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
}

/// How a [`WebhookSender`] signs and retries.
#[derive(Clone)]
pub struct WebhookConfig {
    /// The signing secret.
    pub secret: String,
    /// Timeout of one request.
    pub timeout: Duration,
    /// Waits before the 2nd, 3rd, … attempt; after the last, the sender gives up.
    pub retry_backoff: Vec<Duration>,
    /// Name of the timestamp header.
    pub timestamp_header: String,
    /// Name of the signature header.
    pub signature_header: String,
    /// `User-Agent` of the requests.
    pub user_agent: String,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("secret", &"<redacted>")
            .field("timeout", &self.timeout)
            .field("retry_backoff", &self.retry_backoff)
            .field("timestamp_header", &self.timestamp_header)
            .field("signature_header", &self.signature_header)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl WebhookConfig {
    /// Defaults: 10 s timeout, waits of 1, 5 and 30 s, the `X-Leakhound-*` headers.
    pub fn new(secret: impl Into<String>) -> WebhookConfig {
        WebhookConfig {
            secret: secret.into(),
            timeout: Duration::from_secs(10),
            retry_backoff: [1, 5, 30].map(Duration::from_secs).to_vec(),
            timestamp_header: TIMESTAMP_HEADER.into(),
            signature_header: SIGNATURE_HEADER.into(),
            user_agent: concat!("leakhound/", env!("CARGO_PKG_VERSION")).into(),
        }
    }

    /// Uses these header names instead (for example Nightfall's `X-Nightfall-Timestamp`
    /// and `X-Nightfall-Signature`).
    pub fn with_headers(mut self, timestamp: &str, signature: &str) -> WebhookConfig {
        self.timestamp_header = timestamp.into();
        self.signature_header = signature.into();
        self
    }
}

/// Sends signed webhook POSTs. Cheap to clone (one connection pool).
#[derive(Clone)]
pub struct WebhookSender {
    client: reqwest::Client,
    config: WebhookConfig,
}

impl fmt::Debug for WebhookSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookSender")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl WebhookSender {
    /// A sender (installs rustls' ring provider as the process default if none is).
    pub fn new(config: WebhookConfig) -> Result<WebhookSender, NotifyError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        for name in [&config.timestamp_header, &config.signature_header] {
            reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| NotifyError::Config(format!("{name:?} is not a header name")))?;
        }
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(config.user_agent.clone())
            .build()
            .map_err(|e| NotifyError::Config(format!("http client: {}", chain(&e))))?;
        Ok(WebhookSender { client, config })
    }

    /// The HTTP client (for unsigned requests such as a challenge handshake).
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The configuration.
    pub fn config(&self) -> &WebhookConfig {
        &self.config
    }

    /// One signed POST of `body`, timestamped now; a 2xx answer is success.
    pub async fn post_once(&self, url: &str, body: &str) -> Result<(), NotifyError> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            .to_string();
        let signature = sign(&self.config.secret, &timestamp, body.as_bytes());
        let response = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(self.config.timestamp_header.as_str(), timestamp)
            .header(self.config.signature_header.as_str(), signature)
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| NotifyError::Http {
                timeout: e.is_timeout(),
                message: chain(&e.without_url()),
            })?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(NotifyError::Status {
                status: status.as_u16(),
            })
        }
    }

    /// Serializes `value` as compact JSON and POSTs it with retries ([`Self::post`]).
    pub async fn post_json<T: Serialize + ?Sized>(
        &self,
        url: &str,
        value: &T,
    ) -> Result<u32, NotifyError> {
        let body = serde_json::to_string(value).map_err(|e| NotifyError::Body(e.to_string()))?;
        self.post(url, &body).await
    }

    /// POSTs `body` until it succeeds, the error is not transient, or the waits run out.
    /// Returns the number of attempts made.
    pub async fn post(&self, url: &str, body: &str) -> Result<u32, NotifyError> {
        self.post_while(url, body, || true).await
    }

    /// Like [`Self::post`], but stops retrying as soon as `keep_trying` says no (checked
    /// before each wait), for example when the process shuts down.
    pub async fn post_while(
        &self,
        url: &str,
        body: &str,
        keep_trying: impl Fn() -> bool,
    ) -> Result<u32, NotifyError> {
        let host = host_of(url);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            match self.post_once(url, body).await {
                Ok(()) => return Ok(attempt),
                Err(e) => {
                    let wait = self.config.retry_backoff.get(attempt as usize - 1);
                    let retry = e.is_transient() && wait.is_some() && keep_trying();
                    tracing::warn!(message = "webhook attempt failed", host, attempt, retry, error = %e);
                    match wait {
                        Some(wait) if retry => tokio::time::sleep(*wait).await,
                        _ => return Err(e),
                    }
                }
            }
        }
    }
}

fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "<invalid url>".into())
}

/// A Slack-compatible body (`{"text": …, "blocks": […]}`): incoming webhooks and
/// `chat.postMessage` accept it; `text` is the notification fallback.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlackMessage {
    /// Plain fallback text.
    pub text: String,
    /// Block Kit blocks.
    pub blocks: Vec<serde_json::Value>,
}

impl SlackMessage {
    /// A message with fallback `text` and no blocks yet.
    pub fn new(text: impl Into<String>) -> SlackMessage {
        SlackMessage {
            text: text.into(),
            blocks: Vec::new(),
        }
    }

    /// Adds a header block (plain text).
    pub fn header(mut self, text: &str) -> SlackMessage {
        self.blocks.push(serde_json::json!({
            "type": "header",
            "text": {"type": "plain_text", "text": text},
        }));
        self
    }

    /// Adds a section block of `mrkdwn` (escape untrusted text with [`slack_escape`]).
    pub fn section(mut self, mrkdwn: &str) -> SlackMessage {
        self.blocks.push(serde_json::json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": mrkdwn},
        }));
        self
    }
}

/// Escapes `&`, `<` and `>` as Slack's mrkdwn requires.
pub fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nightfall_test_vector() {
        assert_eq!(
            sign(
                "super-secret-shhhh",
                "1633368645",
                b"hello world foo bar goodnight moon"
            ),
            "1bb7619a9504474ffc14086d0423ad15db42606d3ca52afccb4a5b2125d7b703"
        );
    }

    #[test]
    fn verify_checks_signature_and_age() {
        let sig = sign("k", "1000", b"{}");
        let age = Duration::from_secs(300);
        assert!(verify("k", "1000", b"{}", &sig, age, 1000));
        assert!(verify("k", "1000", b"{}", &sig, age, 1300));
        assert!(!verify("k", "1000", b"{}", &sig, age, 1301), "too old");
        assert!(
            !verify("k", "1000", b"{}", &sig, age, 999),
            "from the future"
        );
        assert!(!verify("k", "1000", b"{ }", &sig, age, 1000), "other body");
        assert!(!verify("j", "1000", b"{}", &sig, age, 1000), "other key");
        assert!(!verify("k", "x", b"{}", &sig, age, 1000));
    }

    #[test]
    fn slack_body_shape() {
        let m = SlackMessage::new("3 findings")
            .header("leakhound")
            .section(&slack_escape("a <b> & c"));
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["text"], "3 findings");
        assert_eq!(v["blocks"][0]["type"], "header");
        assert_eq!(v["blocks"][1]["text"]["text"], "a &lt;b&gt; &amp; c");
    }

    #[test]
    fn config_debug_hides_the_secret_and_bad_header_names_fail() {
        let c = WebhookConfig::new("topsecret");
        assert!(!format!("{c:?}").contains("topsecret"));
        let bad = WebhookConfig::new("s").with_headers("X Bad", "X-Sig");
        assert!(matches!(
            WebhookSender::new(bad),
            Err(NotifyError::Config(_))
        ));
    }
}
