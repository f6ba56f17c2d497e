//! Webhooks: the challenge handshake, signed deliveries, text-scan alerts, and the signed
//! links of findings documents.

use crate::error::ApiError;
use crate::AppState;
use hmac::{Hmac, Mac};
use leakhound_api::webhook::{self, TextScanAlert, WebhookChallenge};
use leakhound_api::{ErrorCode, WireAlertConfig, WireFinding};
use leakhound_notify::{WebhookConfig, WebhookSender};
use rand::distributions::{Alphanumeric, DistString};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Checks a webhook URL is an absolute `http(s)` URL with a host.
pub fn check_url(url: &str) -> Result<reqwest::Url, ApiError> {
    let parsed = reqwest::Url::parse(url.trim()).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidWebhookUrl,
            format!("webhook URL {url:?} is not a URL: {e}"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(ApiError::new(
            ErrorCode::InvalidWebhookUrl,
            format!("webhook URL {url:?} must be an absolute http or https URL"),
        ));
    }
    Ok(parsed)
}

/// Sends challenges (unsigned) and signed notifications (through leakhound-notify's
/// [`WebhookSender`], with Nightfall's header names).
pub struct Webhooks {
    client: reqwest::Client,
    signed: Option<WebhookSender>,
    challenge_ttl: Duration,
    passed: Mutex<HashMap<String, Instant>>,
}

impl Webhooks {
    /// A sender with a request timeout, signing with `secret`; text-scan alerts wait
    /// `retry_backoff` between attempts.
    pub fn new(
        secret: Option<String>,
        timeout: Duration,
        challenge_ttl: Duration,
        retry_backoff: Vec<Duration>,
    ) -> anyhow::Result<Webhooks> {
        let config = |secret: String| {
            let mut c = WebhookConfig::new(secret)
                .with_headers(webhook::TIMESTAMP_HEADER, webhook::SIGNATURE_HEADER);
            c.timeout = timeout;
            c.retry_backoff = retry_backoff.clone();
            c
        };
        // A sender without a secret still serves the challenge handshake's client.
        let signed = match &secret {
            Some(s) => Some(WebhookSender::new(config(s.clone()))?),
            None => None,
        };
        let client = match &signed {
            Some(s) => s.client().clone(),
            None => WebhookSender::new(config(String::new()))?.client().clone(),
        };
        Ok(Webhooks {
            client,
            signed,
            challenge_ttl,
            passed: Mutex::new(HashMap::new()),
        })
    }

    /// Whether a signing secret is configured.
    pub fn can_sign(&self) -> bool {
        self.signed.is_some()
    }

    /// The challenge handshake: POST `{"challenge": …}`, expect 200 with the same text.
    /// Success is remembered for the challenge TTL.
    pub async fn challenge(&self, url: &str) -> Result<(), ApiError> {
        {
            let passed = self.passed.lock().unwrap_or_else(|p| p.into_inner());
            if passed
                .get(url)
                .is_some_and(|at| at.elapsed() < self.challenge_ttl)
            {
                return Ok(());
            }
        }
        let challenge = Alphanumeric.sample_string(&mut rand::thread_rng(), 32);
        let body = serde_json::to_string(&WebhookChallenge {
            challenge: challenge.clone(),
        })
        .map_err(|e| ApiError::internal("challenge body", e))?;
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                tracing::info!(message = "webhook challenge failed", error = %e);
                ApiError::new(
                    ErrorCode::WebhookUnreachable,
                    format!("the webhook could not be reached: {}", error_chain(&e)),
                )
            })?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.as_u16() != 200 || text.trim() != challenge {
            return Err(ApiError::new(
                ErrorCode::WebhookChallengeFailed,
                format!(
                    "the webhook answered the challenge with status {} and {}",
                    status.as_u16(),
                    if text.trim() == challenge {
                        "the right text"
                    } else {
                        "another text"
                    }
                ),
            ));
        }
        self.passed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(url.to_string(), Instant::now());
        Ok(())
    }

    /// POSTs a compact JSON body with `X-Nightfall-Timestamp` and `X-Nightfall-Signature`.
    /// Any 2xx is success; the error names the status or the transport problem.
    pub async fn deliver(&self, url: &str, body: &str) -> Result<(), String> {
        let sender = self.signed.as_ref().ok_or("no signing secret configured")?;
        sender.post_once(url, body).await.map_err(|e| e.to_string())
    }

    /// POSTs `body` signed, retrying transient failures on the configured schedule until
    /// `keep_trying` says no.
    pub async fn deliver_with_retries(
        &self,
        url: &str,
        body: &str,
        keep_trying: impl Fn() -> bool,
    ) -> Result<u32, String> {
        let sender = self.signed.as_ref().ok_or("no signing secret configured")?;
        sender
            .post_while(url, body, keep_trying)
            .await
            .map_err(|e| e.to_string())
    }
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Sends the alert of a text scan with findings to `alertConfig.url`, in the background,
/// retrying timeouts, connection errors and 5xx/408/429 answers on the configured schedule
/// (not durable: text scans keep nothing).
pub fn send_text_alert(state: &AppState, alert: &WireAlertConfig, findings: &[Vec<WireFinding>]) {
    let Some(url) = alert.url().map(str::to_string) else {
        return;
    };
    let body = match serde_json::to_string(&TextScanAlert {
        findings_present: true,
        findings: findings.to_vec(),
    }) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(message = "alert body", error = %e);
            return;
        }
    };
    let state = state.clone();
    let tracker = state.tasks.clone();
    tracker.spawn(async move {
        let keep_trying = || !state.is_shutting_down();
        if let Err(e) = state
            .webhooks
            .deliver_with_retries(&url, &body, keep_trying)
            .await
        {
            tracing::warn!(message = "text-scan alert not delivered", error = %e);
        }
    });
}

/// Signs and checks findings links: `Signature` is HMAC-SHA256 of `"<id>:<Expires>"` under a
/// key derived from the signing secret.
pub struct LinkSigner {
    key: Vec<u8>,
}

impl LinkSigner {
    /// A signer keyed from `secret` (or a random key when there is none: links then last only
    /// as long as the process).
    pub fn new(secret: Option<&str>) -> LinkSigner {
        use sha2::Digest;
        let key = match secret {
            Some(s) => Sha256::digest(format!("leakhound findings links:{s}")).to_vec(),
            None => Alphanumeric
                .sample_string(&mut rand::thread_rng(), 32)
                .into_bytes(),
        };
        LinkSigner { key }
    }

    /// The signature of a link.
    pub fn sign(&self, id: &str, expires: i64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key size");
        mac.update(format!("{id}:{expires}").as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether `signature` is right, in constant time.
    pub fn verify(&self, id: &str, expires: i64, signature: &str) -> bool {
        use subtle::ConstantTimeEq;
        let expected = self.sign(id, expires);
        expected.len() == signature.len()
            && bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
    }
}
