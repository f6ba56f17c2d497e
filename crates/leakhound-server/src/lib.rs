//! `leakhound serve`: a Nightfall-compatible scan API (`/v3/scan`, file uploads and scans
//! with signed webhooks), as a library.
//!
//! [`router`] builds the axum router from an [`AppState`]; [`serve`] runs it on a given
//! listener until a shutdown future completes, then finishes the running jobs. Tests use
//! `tower::ServiceExt::oneshot` on the router or a listener on port 0.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let mut config = leakhound_server::config::ServerConfig::default();
//! config.api_keys.push("NF-secret".into());
//! let state = leakhound_server::AppState::new(config)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! leakhound_server::serve(listener, state, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```
//!
//! Invariants:
//! - Every error body is `{code, message, description, additionalData}` with a code of the
//!   one table, `leakhound_api::ErrorCode`, including malformed JSON, unknown routes, body
//!   limits, rate limits and timeouts.
//! - Error messages and logs never quote scanned text or API keys.
//! - A file scan answered 200 is in the durable queue; it is delivered at least once.

pub mod alerts;
pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod resolve;
pub mod scan;
pub mod upload;
pub mod webhook;
pub mod worker;

use crate::auth::{ApiKeys, KeyId, RateLimiter};
use crate::config::ServerConfig;
use crate::error::ApiError;
use crate::resolve::{Catalog, ScannerCache};
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, patch, post};
use axum::Router;
use leakhound_api::ErrorCode;
use leakhound_store::jobs::JobQueue;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// The server's shared state: configuration, keys, stored rules, caches, uploads, the job
/// queue and the webhook sender. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// What [`AppState`] holds.
pub struct Inner {
    /// The configuration.
    pub config: ServerConfig,
    /// Accepted keys.
    pub keys: ApiKeys,
    /// Per-key rate limits.
    pub limiter: RateLimiter,
    /// Stored detectors, rules and policies.
    pub catalog: Catalog,
    /// Compiled scanners.
    pub scanners: ScannerCache,
    /// Uploads in progress.
    pub uploads: upload::Uploads,
    /// The durable job queue.
    pub queue: Arc<JobQueue>,
    /// Webhook sender.
    pub webhooks: webhook::Webhooks,
    /// E-mail alerts, when `[smtp]` is configured.
    pub email: Option<Arc<alerts::EmailAlerter>>,
    /// Findings link signer.
    pub links: webhook::LinkSigner,
    /// Wakes idle workers when a job is queued.
    pub wake: Notify,
    /// Background tasks (alerts) that shutdown waits for.
    pub tasks: Arc<Tasks>,
    shutdown: watch::Sender<bool>,
    bound: Mutex<Option<String>>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The current time in milliseconds since the epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl AppState {
    /// Builds the state: hashes the keys, checks the stored rules compile, opens the data
    /// directory and the job queue (putting jobs a previous process left running back in
    /// the queue).
    pub fn new(config: ServerConfig) -> anyhow::Result<AppState> {
        let keys = ApiKeys::new(&config.api_keys, &config.api_key_sha256)?;
        if keys.is_empty() {
            anyhow::bail!(
                "no API key is configured: set api_keys in the config file or LEAKHOUND_API_KEYS"
            );
        }
        let catalog = Catalog::new(&config)?;
        alerts::parse_templates(&config.email_alerts)?;
        let email = match &config.smtp {
            Some(smtp) => Some(Arc::new(alerts::EmailAlerter::new(
                smtp,
                &config.email_alerts,
            )?)),
            None => None,
        };
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            anyhow::anyhow!("cannot create data_dir {}: {e}", config.data_dir.display())
        })?;
        let queue = JobQueue::open(&config.data_dir.join("jobs.sqlite"))?;
        let recovered = queue.recover_interrupted(now_ms())?;
        if recovered > 0 {
            tracing::info!(
                message = "requeued jobs interrupted by the previous shutdown",
                recovered
            );
        }
        let uploads = upload::Uploads::open(&config.data_dir)?;
        let webhooks = webhook::Webhooks::new(
            config.signing_secret.clone(),
            Duration::from_secs(config.jobs.webhook_timeout_secs.max(1)),
            Duration::from_secs(config.jobs.challenge_cache_secs),
            config
                .jobs
                .retry_backoff_secs
                .iter()
                .map(|s| Duration::from_secs(*s))
                .collect(),
        )?;
        let links = webhook::LinkSigner::new(config.signing_secret.as_deref());
        let limiter = RateLimiter::new(
            config.rate_limit.requests_per_second,
            config.rate_limit.burst,
            keys.len(),
        );
        Ok(AppState(Arc::new(Inner {
            keys,
            limiter,
            catalog,
            scanners: ScannerCache::new(256),
            uploads,
            queue: Arc::new(queue),
            webhooks,
            email,
            links,
            wake: Notify::new(),
            tasks: Arc::new(Tasks::default()),
            shutdown: watch::channel(false).0,
            bound: Mutex::new(None),
            config,
        })))
    }

    /// A fingerprint of a key (for upload ownership), stable across restarts.
    pub fn keys_fingerprint(&self, key: KeyId) -> String {
        self.keys.fingerprint(key)
    }

    /// The base of `findingsURL`: `public_url`, else `http://<bound address>`.
    pub fn public_url(&self) -> String {
        if let Some(url) = &self.config.public_url {
            return url.trim_end_matches('/').to_string();
        }
        let bound = self.bound.lock().unwrap_or_else(|p| p.into_inner()).clone();
        format!(
            "http://{}",
            bound.unwrap_or_else(|| self.config.listen.clone())
        )
    }

    /// Wakes idle workers.
    pub fn wake_workers(&self) {
        self.wake.notify_waiters();
    }

    fn shutdown_rx(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// Whether shutdown was requested.
    pub fn is_shutting_down(&self) -> bool {
        *self.shutdown.borrow()
    }
}

/// Counts background tasks so that shutdown can wait for them.
#[derive(Default)]
pub struct Tasks {
    running: AtomicUsize,
    done: Notify,
}

impl Tasks {
    /// Spawns a task that shutdown waits for.
    pub fn spawn(self: &Arc<Self>, fut: impl Future<Output = ()> + Send + 'static) {
        self.running.fetch_add(1, Ordering::SeqCst);
        let me = self.clone();
        tokio::spawn(async move {
            fut.await;
            me.running.fetch_sub(1, Ordering::SeqCst);
            me.done.notify_waiters();
        });
    }

    /// Waits until no task runs.
    pub async fn wait(&self) {
        loop {
            let notified = self.done.notified();
            if self.running.load(Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }
}

/// The router: the `/v3` API behind authentication and rate limits, the findings links
/// (their own credential), and a JSON 404/405 for everything else. Every route has the
/// request timeout.
pub fn router(state: AppState) -> Router {
    let json_limit = state.config.limits.max_request_body_bytes;
    let chunk_limit = leakhound_api::upload::CHUNK_SIZE as usize + 1;
    let api = Router::new()
        .route("/v3/scan", post(scan::scan_text))
        .route("/v3/upload", post(upload::init))
        .route(
            "/v3/upload/{file_id}",
            patch(upload::chunk).layer(DefaultBodyLimit::max(chunk_limit)),
        )
        .route("/v3/upload/{file_id}/finish", post(upload::finish))
        .route("/v3/upload/{file_id}/scan", post(upload::scan))
        .layer(from_fn_with_state(state.clone(), auth::authenticate));
    Router::new()
        .merge(api)
        .route("/v3/findings/{file}", get(worker::findings))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(json_limit))
        .layer(from_fn_with_state(state.clone(), auth::timeout))
        .with_state(state)
}

async fn not_found() -> axum::response::Response {
    ApiError::new(ErrorCode::NotFound, "no such route").into_response()
}

async fn method_not_allowed() -> axum::response::Response {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        "this route does not take this method",
    )
    .into_response()
}

/// Serves on `listener` until `shutdown` completes; then stops taking connections, lets
/// in-flight requests finish, lets workers finish the jobs they run, and waits for pending
/// alerts. Queued jobs stay in the queue for the next start.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    *state.bound.lock().unwrap_or_else(|p| p.into_inner()) = Some(addr.to_string());
    let mut workers = Vec::new();
    for i in 0..state.config.jobs.workers.max(1) {
        workers.push(tokio::spawn(worker::run(state.clone(), i)));
    }
    let janitor = {
        let state = state.clone();
        let mut stop = state.shutdown_rx();
        tokio::spawn(async move {
            loop {
                worker::purge(&state).await;
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(600)) => {}
                    _ = stop.changed() => return,
                }
            }
        })
    };
    let app = router(state.clone());
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    tracing::info!(message = "shutting down: finishing running jobs");
    let _ = state.shutdown.send(true);
    state.wake_workers();
    for w in workers {
        let _ = w.await;
    }
    let _ = janitor.await;
    state.tasks.wait().await;
    result
}
