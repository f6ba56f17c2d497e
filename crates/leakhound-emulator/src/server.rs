//! Starting the two emulators on given listeners, and stopping them.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{from_fn_with_state, Next};
use axum::response::IntoResponse;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::faults::{FaultConfig, Faults};
use crate::model::Helpdesk;
use crate::state::{AppState, AuthConfig};
use crate::{admin, calls, faults, hubspot, zendesk};

/// How to run the emulators (besides the data, which is in the [`Db`]).
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    /// Accepted credentials.
    pub auth: AuthConfig,
    /// Initial fault knobs of the HubSpot emulator.
    pub hubspot_faults: FaultConfig,
    /// Initial fault knobs of the Zendesk emulator.
    pub zendesk_faults: FaultConfig,
    /// Seed of the data generator; fault randomness is derived from it too.
    pub seed: u64,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        EmulatorOptions {
            auth: AuthConfig::default(),
            hubspot_faults: FaultConfig::off(Helpdesk::Hubspot),
            zendesk_faults: FaultConfig::off(Helpdesk::Zendesk),
            seed: 42,
        }
    }
}

/// The complete router of one emulator: its API routes wrapped in call counting (outermost, so
/// refused and failed calls are counted too) and fault injection, plus the `/_admin` routes
/// (neither counted nor faulted) and a 404 fallback in the helpdesk's error shape; every request
/// body is read in full first (see [`read_request_body`]).
pub fn app(state: AppState) -> Router {
    let api = match state.helpdesk {
        Helpdesk::Hubspot => hubspot::router(state.clone()),
        Helpdesk::Zendesk => zendesk::router(state.clone()),
    };
    let api = api
        .layer(from_fn_with_state(state.clone(), faults::inject_faults))
        .layer(from_fn_with_state(state.clone(), calls::count_calls));
    let helpdesk = state.helpdesk;
    Router::new()
        .merge(admin::router(state))
        .merge(api)
        .fallback(move || async move { not_found(helpdesk) })
        .layer(axum::middleware::from_fn(read_request_body))
}

/// Largest request body accepted (HubSpot notes are at most 64 K characters; Zendesk comments
/// with inline attachments stay far below this).
const MAX_REQUEST_BODY: usize = 32 * 1024 * 1024;

/// Reads every request body to its end before routing it to a handler. Handlers that ignore a
/// body (e.g. `PUT .../redact.json` with `{}`) would otherwise leave it unread, and hyper then
/// closes the keep-alive connection after the response without saying so: the client's next
/// request on that pooled connection fails at random with "connection closed".
async fn read_request_body(request: Request, next: Next) -> axum::response::Response {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_REQUEST_BODY).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "request body too large or unreadable",
        )
            .into_response(),
    }
}

fn not_found(helpdesk: Helpdesk) -> axum::response::Response {
    match helpdesk {
        Helpdesk::Hubspot => crate::hubspot::error::ApiError::new(
            StatusCode::NOT_FOUND,
            "OBJECT_NOT_FOUND",
            "Resource not found",
        )
        .into_response(),
        Helpdesk::Zendesk => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({"error": "InvalidEndpoint", "description": "Not found"})),
        )
            .into_response(),
    }
}

/// Both emulators, running.
pub struct RunningEmulators {
    /// State of the HubSpot emulator (its store, faults, counters).
    pub hubspot: AppState,
    /// State of the Zendesk emulator.
    pub zendesk: AppState,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<std::io::Result<()>>>,
}

impl RunningEmulators {
    /// `http://127.0.0.1:PORT` of the HubSpot emulator.
    pub fn hubspot_url(&self) -> &str {
        &self.hubspot.base_url
    }

    /// `http://127.0.0.1:PORT` of the Zendesk emulator.
    pub fn zendesk_url(&self) -> &str {
        &self.zendesk.base_url
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits for both servers.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        for task in self.tasks {
            task.await??;
        }
        Ok(())
    }
}

fn base_url(listener: &TcpListener) -> std::io::Result<String> {
    Ok(format!("http://{}", listener.local_addr()?))
}

/// Starts both emulators on the given listeners (already bound; port 0 listeners report their
/// real port through [`RunningEmulators::hubspot_url`]).
pub fn start(
    db: Db,
    options: EmulatorOptions,
    hubspot_listener: TcpListener,
    zendesk_listener: TcpListener,
) -> anyhow::Result<RunningEmulators> {
    let auth = Arc::new(options.auth);
    let hubspot = AppState::new(
        Helpdesk::Hubspot,
        db.clone(),
        auth.clone(),
        Faults::new(options.hubspot_faults, options.seed),
        &base_url(&hubspot_listener)?,
        options.seed,
    );
    let zendesk = AppState::new(
        Helpdesk::Zendesk,
        db,
        auth,
        Faults::new(options.zendesk_faults, options.seed.wrapping_add(1)),
        &base_url(&zendesk_listener)?,
        options.seed,
    );
    let (stop, stopped) = watch::channel(false);
    let mut tasks = Vec::new();
    for (listener, state) in [(hubspot_listener, &hubspot), (zendesk_listener, &zendesk)] {
        let mut stopped = stopped.clone();
        let router = app(state.clone());
        tasks.push(tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await
        }));
    }
    Ok(RunningEmulators {
        hubspot,
        zendesk,
        stop,
        tasks,
    })
}

/// Runs both emulators until `shutdown` completes.
pub async fn serve(
    db: Db,
    options: EmulatorOptions,
    hubspot_listener: TcpListener,
    zendesk_listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let running = start(db, options, hubspot_listener, zendesk_listener)?;
    shutdown.await;
    running.shutdown().await
}
