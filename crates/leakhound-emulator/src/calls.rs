//! Per-endpoint call accounting, so benchmarks can count the API calls a scan makes
//! (`GET /_admin/calls`, reset with `DELETE /_admin/calls`).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

use crate::state::AppState;

/// Calls counted since the last reset.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct CallSnapshot {
    /// All calls to API routes (admin routes are not counted).
    pub total: u64,
    /// Calls per endpoint, keyed `"METHOD /route/{param}"` (the route pattern, not the URL).
    pub calls: BTreeMap<String, u64>,
    /// Calls per endpoint and outcome: the HTTP status, or `reset` / `truncated` for injected
    /// faults, e.g. `{"GET /x": {"200": 3, "429": 1, "truncated": 1}}`.
    pub statuses: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Thread-safe call counter of one emulator.
#[derive(Debug, Clone, Default)]
pub struct CallCounter {
    inner: Arc<Mutex<CallSnapshot>>,
}

impl CallCounter {
    /// Counts one call of `endpoint` answered with `status`.
    pub fn record(&self, endpoint: &str, status: u16) {
        self.record_outcome(endpoint, &status.to_string());
    }

    /// Counts one call of `endpoint` with an outcome label (a status, or `reset`/`truncated`
    /// for injected faults).
    pub fn record_outcome(&self, endpoint: &str, outcome: &str) {
        if let Ok(mut snap) = self.inner.lock() {
            snap.total += 1;
            *snap.calls.entry(endpoint.to_string()).or_default() += 1;
            *snap
                .statuses
                .entry(endpoint.to_string())
                .or_default()
                .entry(outcome.to_string())
                .or_default() += 1;
        }
    }

    /// Total calls so far (cheaper than a snapshot, for rate-limit headers).
    pub fn total(&self) -> u64 {
        self.inner.lock().map(|s| s.total).unwrap_or(0)
    }

    /// The counts so far.
    pub fn snapshot(&self) -> CallSnapshot {
        self.inner.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sets all counts back to zero.
    pub fn reset(&self) {
        if let Ok(mut snap) = self.inner.lock() {
            *snap = CallSnapshot::default();
        }
    }
}

/// The endpoint key of a request: method and matched route pattern (falls back to the path
/// for unmatched requests, e.g. 404s).
pub fn endpoint_key(request: &Request) -> String {
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| request.uri().path().to_string());
    format!("{} {}", request.method(), path)
}

/// Middleware counting every call with the status it got (including 429s and injected 5xx,
/// which is why it is the outermost layer of the API routes).
pub async fn count_calls(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let key = endpoint_key(&request);
    let response = next.run(request).await;
    match response.extensions().get::<crate::faults::InjectedFault>() {
        Some(fault) => state.calls.record_outcome(&key, fault.0),
        None => state.calls.record(&key, response.status().as_u16()),
    }
    response
}
