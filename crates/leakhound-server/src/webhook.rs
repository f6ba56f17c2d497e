//! Webhooks: the challenge handshake, signed deliveries, text-scan alerts, and the signed
//! links of findings documents.

use crate::error::ApiError;
use crate::AppState;
use hmac::{Hmac, Mac};
use leakhound_api::webhook::{self, TextScanAlert, WebhookChallenge};
use leakhound_api::{ErrorCode, WireAlertConfig, WireFinding};
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

/// Sends challenges and signed notifications.
pub struct Webhooks {
    client: reqwest::Client,
    secret: Option<String>,
    challenge_ttl: Duration,
    passed: Mutex<HashMap<String, Instant>>,
}

impl Webhooks {
    /// A sender with a request timeout, signing with `secret`.
    pub fn new(secret: Option<String>, timeout: Duration, challenge_ttl: Duration) -> Webhooks {
        // The ring provider backs https webhooks; installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("leakhound/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Webhooks {
            client,
            secret,
            challenge_ttl,
            passed: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a signing secret is configured.
    pub fn can_sign(&self) -> bool {
        self.secret.is_some()
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
        let secret = self
            .secret
            .as_deref()
            .ok_or("no signing secret configured")?;
        let timestamp = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
        let signature = webhook::signature(secret, &timestamp, body.as_bytes());
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header(webhook::TIMESTAMP_HEADER, &timestamp)
            .header(webhook::SIGNATURE_HEADER, signature)
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| error_chain(&e))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!(
                "webhook answered status {}",
                response.status().as_u16()
            ))
        }
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
/// retrying on the configured schedule (not durable: text scans keep nothing).
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
        let backoff = state.config.jobs.retry_backoff_secs.clone();
        for attempt in 0..=backoff.len() {
            match state.webhooks.deliver(&url, &body).await {
                Ok(()) => return,
                Err(e) => {
                    tracing::warn!(message = "text-scan alert failed", attempt, error = %e);
                    if attempt == backoff.len() || state.is_shutting_down() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_secs(backoff[attempt])).await;
                }
            }
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
