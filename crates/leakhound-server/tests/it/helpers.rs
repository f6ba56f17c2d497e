//! A test server: configuration, state, and request helpers.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use leakhound_server::config::ServerConfig;
use leakhound_server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

pub const KEY: &str = "NF-testkey0000000000000000000001";
pub const SECRET: &str = "super-secret-shhhh";
pub const CARD_RULE: &str = "3c8a9a3e-2a54-4b8e-9b8f-1b2a0c6b8e01";
pub const TICKET_RULE: &str = "3c8a9a3e-2a54-4b8e-9b8f-1b2a0c6b8e02";
pub const POLICY: &str = "9d4e1c6a-7b1f-4f0e-8a51-2f6f2d7c0b01";

/// The example configuration with a test key, a test secret and a data dir.
pub fn config(dir: &std::path::Path) -> ServerConfig {
    let mut config = ServerConfig::from_toml(leakhound_server::config::EXAMPLE_CONFIG).unwrap();
    config.api_keys = vec![KEY.into()];
    config.signing_secret = Some(SECRET.into());
    config.data_dir = dir.to_path_buf();
    config.rate_limit.requests_per_second = 1000.0;
    config.rate_limit.burst = 1000;
    config.jobs.retry_backoff_secs = vec![0, 0];
    config.jobs.poll_interval_ms = 50;
    config
}

pub struct TestApp {
    pub state: AppState,
    pub _dir: tempfile::TempDir,
}

pub fn app() -> TestApp {
    app_with(|_| {})
}

pub fn app_with(f: impl FnOnce(&mut ServerConfig)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path());
    f(&mut c);
    TestApp {
        state: AppState::new(c).unwrap(),
        _dir: dir,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = router(self.state.clone()).oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn post(&self, path: &str, body: impl Into<Body>) -> Reply {
        self.send(
            Request::post(path)
                .header("authorization", format!("Bearer {KEY}"))
                .header("content-type", "application/json")
                .body(body.into())
                .unwrap(),
        )
        .await
    }

    pub async fn scan(&self, body: Value) -> Reply {
        self.post("/v3/scan", body.to_string()).await
    }
}

/// Redacts UUIDs and timestamps for snapshots.
pub fn redact(v: &Value) -> Value {
    match v {
        Value::String(s) if uuid::Uuid::parse_str(s).is_ok() => Value::String("[uuid]".into()),
        Value::String(s) if s.starts_with("http://127.0.0.1:") && s.contains("/v3/findings/") => {
            Value::String(
                "http://[addr]/v3/findings/[uuid].json?Expires=[ts]&Signature=[sig]".into(),
            )
        }
        Value::String(s) if s.len() >= 20 && s.as_bytes()[4] == b'-' && s.contains('T') => {
            Value::String("[timestamp]".into())
        }
        Value::Array(a) => Value::Array(a.iter().map(redact).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), redact(v))).collect()),
        other => other.clone(),
    }
}

/// How a test webhook behaves.
#[derive(Clone, Copy, Debug)]
pub enum Hook {
    /// Answers challenges and accepts notifications.
    Good,
    /// Answers challenges with the wrong text.
    WrongChallenge,
    /// Sleeps this many seconds before answering anything.
    Slow(u64),
    /// Fails the first n notifications with 500.
    FailFirst(usize),
}

/// A notification the test webhook received.
#[derive(Clone, Debug)]
pub struct Received {
    pub timestamp: String,
    pub signature: String,
    pub body: String,
}

/// A webhook receiver on a port-0 listener.
pub struct Receiver {
    pub url: String,
    pub challenges: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    pub rx: tokio::sync::mpsc::UnboundedReceiver<Received>,
}

pub async fn receiver(mode: Hook) -> Receiver {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let challenges = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let c = challenges.clone();
    let handler = move |headers: axum::http::HeaderMap, body: String| {
        let (tx, c, failures) = (tx.clone(), c.clone(), failures.clone());
        async move {
            if let Hook::Slow(secs) = mode {
                tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
            }
            let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            if let Some(ch) = parsed.get("challenge").and_then(Value::as_str) {
                c.fetch_add(1, Ordering::SeqCst);
                return match mode {
                    Hook::WrongChallenge => (StatusCode::OK, "nope".to_string()),
                    _ => (StatusCode::OK, ch.to_string()),
                };
            }
            if let Hook::FailFirst(n) = mode {
                if failures.fetch_add(1, Ordering::SeqCst) < n {
                    return (StatusCode::INTERNAL_SERVER_ERROR, String::new());
                }
            }
            let get = |h: &str| {
                headers
                    .get(h)
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default()
            };
            let _ = tx.send(Received {
                timestamp: get("x-nightfall-timestamp"),
                signature: get("x-nightfall-signature"),
                body,
            });
            (StatusCode::OK, String::new())
        }
    };
    let app = axum::Router::new().route("/hook", axum::routing::post(handler));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver {
        url,
        challenges,
        rx,
    }
}

/// Serves `state` on a port-0 listener; returns the base URL and a shutdown trigger.
pub async fn spawn_server(
    state: AppState,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(leakhound_server::serve(listener, state, async move {
        let _ = rx.await;
    }));
    (base, tx, handle)
}

/// Uploads `bytes` through the router (init, chunks, finish); returns the upload id.
pub async fn upload(app: &TestApp, bytes: &[u8], mime: Option<&str>) -> String {
    let mut init = json!({"fileSizeBytes": bytes.len()});
    if let Some(m) = mime {
        init["mimeType"] = json!(m);
    }
    let reply = app.post("/v3/upload", init.to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.body["id"].as_str().unwrap().to_string();
    let chunk = reply.body["chunkSize"].as_u64().unwrap() as usize;
    for (i, part) in bytes.chunks(chunk).enumerate() {
        let r = app
            .send(
                Request::patch(format!("/v3/upload/{id}"))
                    .header("authorization", format!("Bearer {KEY}"))
                    .header("X-UPLOAD-OFFSET", (i * chunk).to_string())
                    .header("content-type", "application/json")
                    .body(Body::from(part.to_vec()))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.body);
    }
    let r = app.post(&format!("/v3/upload/{id}/finish"), "").await;
    assert_eq!(r.status, 200, "{}", r.body);
    id
}

use serde_json::json;
