//! The state shared by every handler of one emulator (one helpdesk on one port).

use std::sync::Arc;

use crate::calls::CallCounter;
use crate::db::Db;
use crate::faults::{Faults, RateLimiter};
use crate::model::Helpdesk;

/// Credentials the emulators accept. Printed on start by `leakhound emulate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// HubSpot private-app token (`Authorization: Bearer …`).
    pub hubspot_token: String,
    /// Zendesk agent e-mail of API-token auth (`Basic base64("{email}/token:{token}")`).
    pub zendesk_email: String,
    /// Zendesk API token.
    pub zendesk_token: String,
    /// Zendesk OAuth access token (`Authorization: Bearer …`).
    pub zendesk_oauth_token: String,
}

impl Default for AuthConfig {
    /// The defaults `leakhound emulate` uses, so the demo needs no flags.
    fn default() -> Self {
        AuthConfig {
            hubspot_token: "pat-na1-leakhound-emulator".into(),
            zendesk_email: "admin@leakhound-emulator.test".into(),
            zendesk_token: "leakhound-emulator-token".into(),
            zendesk_oauth_token: "leakhound-emulator-oauth".into(),
        }
    }
}

/// Everything a handler of one emulator can reach. Cheap to clone (all `Arc`s inside).
#[derive(Clone, Debug)]
pub struct AppState {
    /// Which helpdesk this emulator serves.
    pub helpdesk: Helpdesk,
    /// The store (shared by both emulators).
    pub db: Db,
    /// Accepted credentials (shared by both emulators).
    pub auth: Arc<AuthConfig>,
    /// This emulator's fault and rate-limit knobs, and the seeded randomness for faults.
    pub faults: Faults,
    /// This emulator's per-endpoint call counter (`GET /_admin/calls`).
    pub calls: CallCounter,
    /// This emulator's rate-limit buckets.
    pub limiter: RateLimiter,
    /// `http://127.0.0.1:PORT`, without a trailing slash: prefix of every URL the API returns
    /// (`links`, `next_page`, `content_url`, `paging.next.link`).
    pub base_url: Arc<str>,
    /// Seed of the synthetic data, reused by the admin endpoint that adds generated tickets.
    pub seed: u64,
}

impl AppState {
    /// A state for one helpdesk with default (off) faults and a fresh counter and limiter.
    pub fn new(
        helpdesk: Helpdesk,
        db: Db,
        auth: Arc<AuthConfig>,
        faults: Faults,
        base_url: &str,
        seed: u64,
    ) -> Self {
        AppState {
            helpdesk,
            db,
            auth,
            faults,
            calls: CallCounter::default(),
            limiter: RateLimiter::default(),
            base_url: Arc::from(base_url.trim_end_matches('/')),
            seed,
        }
    }
}
