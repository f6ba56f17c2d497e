//! Signed webhooks against a receiver on loopback that verifies them.

use axum::http::{HeaderMap, StatusCode};
use leakhound_notify::webhook::{verify, SlackMessage};
use leakhound_notify::{NotifyError, WebhookConfig, WebhookSender};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECRET: &str = "webhook-secret";

#[derive(Clone, Debug)]
struct Got {
    verified: bool,
    timestamp: String,
    body: String,
}

/// A receiver that answers the first `fail` requests with `status`, then 200, and checks
/// each signature with [`verify`].
async fn receiver(
    fail: usize,
    status: u16,
    header_prefix: &'static str,
) -> (String, Arc<Mutex<Vec<Got>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook/t0k3n", listener.local_addr().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let g = got.clone();
    let handler = move |headers: HeaderMap, body: String| {
        let (g, count) = (g.clone(), count.clone());
        async move {
            let h = |name: &str| {
                headers
                    .get(format!("{header_prefix}-{name}"))
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string()
            };
            let (timestamp, signature) = (h("Timestamp"), h("Signature"));
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs();
            let verified = verify(
                SECRET,
                &timestamp,
                body.as_bytes(),
                &signature,
                Duration::from_secs(300),
                now,
            );
            g.lock().unwrap().push(Got {
                verified,
                timestamp,
                body,
            });
            if count.fetch_add(1, Ordering::SeqCst) < fail {
                StatusCode::from_u16(status).unwrap()
            } else {
                StatusCode::OK
            }
        }
    };
    let app = axum::Router::new().route("/hook/t0k3n", axum::routing::post(handler));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

fn sender(backoff_ms: &[u64]) -> WebhookSender {
    let mut c = WebhookConfig::new(SECRET);
    c.timeout = Duration::from_secs(2);
    c.retry_backoff = backoff_ms
        .iter()
        .map(|ms| Duration::from_millis(*ms))
        .collect();
    WebhookSender::new(c).unwrap()
}

#[tokio::test]
async fn signed_compact_json_is_verified_by_the_receiver() {
    let (url, got) = receiver(0, 200, "X-Leakhound").await;
    let attempts = sender(&[])
        .post_json(&url, &json!({"findingsPresent": true, "count": 2}))
        .await
        .unwrap();
    assert_eq!(attempts, 1);
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(got[0].verified, "{got:?}");
    assert!(!got[0].timestamp.is_empty());
    assert_eq!(got[0].body, r#"{"count":2,"findingsPresent":true}"#);
}

#[tokio::test]
async fn header_names_are_configurable() {
    let (url, got) = receiver(0, 200, "X-Nightfall").await;
    let mut c =
        WebhookConfig::new(SECRET).with_headers("X-Nightfall-Timestamp", "X-Nightfall-Signature");
    c.retry_backoff.clear();
    WebhookSender::new(c)
        .unwrap()
        .post(&url, "{}")
        .await
        .unwrap();
    assert!(got.lock().unwrap()[0].verified);
}

#[tokio::test]
async fn retries_5xx_with_backoff_until_success() {
    let (url, got) = receiver(2, 503, "X-Leakhound").await;
    let attempts = sender(&[10, 10, 10]).post(&url, "{}").await.unwrap();
    assert_eq!(attempts, 3);
    let got = got.lock().unwrap();
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|g| g.verified));
}

#[tokio::test]
async fn gives_up_after_the_last_wait_and_does_not_retry_4xx() {
    let (url, got) = receiver(usize::MAX, 500, "X-Leakhound").await;
    let err = sender(&[1, 1]).post(&url, "{}").await.unwrap_err();
    assert!(matches!(err, NotifyError::Status { status: 500 }));
    assert_eq!(got.lock().unwrap().len(), 3);

    let (url, got) = receiver(usize::MAX, 400, "X-Leakhound").await;
    let err = sender(&[1, 1]).post(&url, "{}").await.unwrap_err();
    assert!(matches!(err, NotifyError::Status { status: 400 }));
    assert_eq!(got.lock().unwrap().len(), 1, "a 4xx is final");

    let (url, got) = receiver(usize::MAX, 503, "X-Leakhound").await;
    let err = sender(&[1, 1])
        .post_while(&url, "{}", || false)
        .await
        .unwrap_err();
    assert!(matches!(err, NotifyError::Status { status: 503 }));
    assert_eq!(got.lock().unwrap().len(), 1, "keep_trying stops retries");
}

#[tokio::test]
async fn timeouts_are_retried_and_errors_do_not_name_the_url() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/services/SECRET-TOKEN",
        listener.local_addr().unwrap()
    );
    let accepted = Arc::new(AtomicUsize::new(0));
    let a = accepted.clone();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            a.fetch_add(1, Ordering::SeqCst);
            held.push(s);
        }
    });
    let mut c = WebhookConfig::new(SECRET);
    c.timeout = Duration::from_millis(300);
    c.retry_backoff = vec![Duration::from_millis(10)];
    let err = WebhookSender::new(c)
        .unwrap()
        .post(&url, r#"{"secret":"body"}"#)
        .await
        .unwrap_err();
    assert!(
        matches!(err, NotifyError::Http { timeout: true, .. }),
        "{err:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 2, "one retry");
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains("SECRET-TOKEN") && !text.contains("body"),
        "{text}"
    );
    hold.abort();
}

#[tokio::test]
async fn slack_body_is_posted_signed() {
    let (url, got) = receiver(0, 200, "X-Leakhound").await;
    let msg = SlackMessage::new("2 findings").section("*CREDIT_CARD_NUMBER*: 1");
    sender(&[]).post_json(&url, &msg).await.unwrap();
    let got = got.lock().unwrap();
    let v: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(v["text"], "2 findings");
    assert_eq!(v["blocks"][0]["text"]["type"], "mrkdwn");
    assert!(got[0].verified);
}
