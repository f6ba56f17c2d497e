//! Zendesk Support API v2 emulator: the subset leakhound's connector and zenpy 2.0.x use.
//!
//! Routes (all under HTTP Basic `{email}/token:{token}` or `Bearer` auth):
//!
//! | route | module |
//! |---|---|
//! | `GET /api/v2/tickets.json` (cursor and offset paging), `GET /api/v2/tickets/{id}.json`, `GET /api/v2/tickets/show_many.json`, `PUT /api/v2/tickets/{id}.json` | [`tickets`] |
//! | `GET /api/v2/tickets/{id}/comments.json`, both redaction endpoints, attachment redaction, `GET /api/v2/attachments/{id}.json`, attachment downloads | [`comments`] |
//! | `GET /api/v2/users/{id}.json`, `/users/show_many.json`, `/users/me.json` | [`users`] |
//! | `GET /api/v2/incremental/tickets/cursor.json`, `/incremental/tickets.json`, `/incremental/ticket_events.json` | [`incremental`] |
//!
//! The server ([`crate::server::app`]) wraps this router in call counting and fault injection;
//! this module adds what is Zendesk-specific: authentication, the per-minute rate limits with
//! Zendesk's headers and 429 body, and Zendesk's error shapes.
//!
//! Paths are matched per segment (axum cannot match `{id}.json`), so `{id}` segments carry the
//! `.json` suffix and are parsed by [`id_segment`]; Zendesk also accepts them without it.

pub mod auth;
pub mod comments;
pub mod error;
pub mod incremental;
pub mod paging;
pub mod redact;
pub mod render;
pub mod tickets;
pub mod users;

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use serde_json::Value;

use crate::db::DbError;
use crate::faults::{FaultConfig, RateDecision};
use crate::state::AppState;

use error::{ZdError, ZdResult};
use paging::Params;

/// Updates one ticket may receive per 10 minutes (Zendesk: 30 per user per ticket).
pub const TICKET_UPDATES_PER_10_MINUTES: u32 = 30;
/// Offset-paged List Tickets requests past page 500 allowed per minute (Zendesk: 50).
pub const DEEP_OFFSET_PAGES_PER_MINUTE: u32 = 50;

/// The Zendesk API routes, with state applied. The server adds call counting, fault injection,
/// the `/_admin` routes and a fallback around it.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/v2/tickets.json", get(tickets::list))
        .route("/api/v2/tickets/show_many.json", get(tickets::show_many))
        .route("/api/v2/tickets/{id}", get(tickets::show).put(tickets::update))
        .route("/api/v2/tickets/{id}/comments.json", get(comments::list))
        .route(
            "/api/v2/tickets/{ticket_id}/comments/{comment_id}/redact.json",
            put(comments::redact_text),
        )
        .route(
            "/api/v2/tickets/{ticket_id}/comments/{comment_id}/attachments/{attachment_id}/redact.json",
            put(comments::redact_attachment),
        )
        .route(
            "/api/v2/comment_redactions/{comment_id}",
            put(comments::comment_redaction),
        )
        .route("/api/v2/attachments/{id}", get(comments::show_attachment))
        .route("/api/v2/users/show_many.json", get(users::show_many))
        .route("/api/v2/users/me.json", get(users::me))
        .route("/api/v2/users/{id}", get(users::show))
        .route(
            "/api/v2/incremental/tickets/cursor.json",
            get(incremental::tickets_cursor),
        )
        .route("/api/v2/incremental/tickets.json", get(incremental::tickets_time))
        .route(
            "/api/v2/incremental/ticket_events.json",
            get(incremental::ticket_events),
        )
        // Zendesk's content URLs end with a slash before the query (`.../token/abc/?name=x`).
        .route("/attachments/token/{token}/", get(comments::download))
        .route("/attachments/token/{token}", get(comments::download))
        // What the content URL redirects to: a signed, unauthenticated file URL, like
        // Zendesk's redirect to its user-content host.
        .route(
            "/zdusercontent/attachments/{token}",
            get(comments::download_signed),
        )
        .route_layer(from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Authentication, then the per-minute rate limits, then Zendesk's rate-limit headers on the
/// answer. Runs inside the server's call counting, so refused calls are counted too.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    // The signed download URL is the one route Zendesk serves without credentials.
    if !path.starts_with("/zdusercontent/") {
        if let Err(e) = auth::authenticate(request.headers(), &state.auth) {
            return e.into_response();
        }
    }
    let cfg = state.faults.config();
    let rl = &cfg.rate_limit;
    if path.starts_with("/api/v2/incremental/") {
        let decision = state.limiter.check(
            "zendesk-incremental",
            enforced(&cfg, rl.special_requests_per_window),
            Duration::from_millis(rl.special_window_ms),
        );
        if !decision.allowed {
            let mut response = rate_limited(
                &cfg,
                decision,
                "Number of allowed incremental export API requests per minute exceeded",
            )
            .into_response();
            rate_headers(&mut response, &cfg, decision);
            return response;
        }
    }
    let decision = state.limiter.check(
        "zendesk-api",
        enforced(&cfg, rl.requests_per_window),
        Duration::from_millis(rl.window_ms),
    );
    if !decision.allowed {
        let mut response = rate_limited(
            &cfg,
            decision,
            "Number of allowed API requests per minute exceeded",
        )
        .into_response();
        rate_headers(&mut response, &cfg, decision);
        return response;
    }
    let mut response = next.run(request).await;
    rate_headers(&mut response, &cfg, decision);
    response
}

/// The limit to enforce: the configured one when rate limiting is on, else unlimited (0).
pub(crate) fn enforced(cfg: &FaultConfig, limit: u32) -> u32 {
    if cfg.rate_limit.enabled {
        limit
    } else {
        0
    }
}

/// Zendesk's account rate-limit headers: `X-Rate-Limit`, `X-Rate-Limit-Remaining` and the
/// `ratelimit-*` trio (reset in seconds). With enforcement off they report the configured
/// limit with everything remaining.
fn rate_headers(response: &mut Response, cfg: &FaultConfig, d: RateDecision) {
    let limit = cfg.rate_limit.requests_per_window;
    let remaining = if cfg.rate_limit.enabled {
        d.remaining
    } else {
        limit
    };
    let reset = if cfg.rate_limit.enabled && !d.reset_after.is_zero() {
        d.reset_after.as_millis().div_ceil(1000) as u64
    } else {
        cfg.rate_limit.window_ms.div_ceil(1000)
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-rate-limit", limit.to_string()),
        ("x-rate-limit-remaining", remaining.to_string()),
        ("ratelimit-limit", limit.to_string()),
        ("ratelimit-remaining", remaining.to_string()),
        ("ratelimit-reset", reset.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), v);
        }
    }
}

/// A 429 honouring the `retry_after` / `omit_retry_after` fault knobs; by default
/// `Retry-After` is the whole seconds until the window frees a slot.
pub(crate) fn rate_limited(cfg: &FaultConfig, d: RateDecision, description: &str) -> ZdError {
    let retry_after = if cfg.omit_retry_after {
        None
    } else {
        Some(
            cfg.retry_after
                .clone()
                .unwrap_or_else(|| d.retry_after_secs().to_string()),
        )
    };
    ZdError::rate_limited(description, retry_after)
}

/// A store failure as a Zendesk error: invalid input is the client's fault (422
/// `RecordInvalid`), anything else a 500.
pub(crate) fn db_err(e: DbError) -> ZdError {
    match e {
        DbError::Invalid(msg) => ZdError::record_invalid("InvalidValue", msg),
        other => ZdError::raw(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            serde_json::json!({"error": "InternalServerError", "description": other.to_string()}),
        ),
    }
}

/// Parses a request body as JSON; malformed JSON is a 400 in Zendesk's error shape rather than
/// axum's plain-text rejection.
pub(crate) fn json_body(body: &Bytes) -> ZdResult<Value> {
    serde_json::from_slice(body).map_err(|e| {
        ZdError::bad_request(
            "InvalidJSON",
            format!("The request body is not valid JSON: {e}"),
        )
    })
}

/// The id in a `{id}` or `{id}.json` path segment; anything else is a 404, as Zendesk answers
/// ids it cannot parse.
pub(crate) fn id_segment(segment: &str) -> ZdResult<i64> {
    segment
        .strip_suffix(".json")
        .unwrap_or(segment)
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(ZdError::not_found)
}

/// Query parameters, or a 400 if the query string cannot be decoded.
pub(crate) fn params(
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> ZdResult<Params> {
    query
        .map(|Query(pairs)| Params(pairs))
        .map_err(|e| ZdError::bad_request("InvalidParameter", e.body_text()))
}

/// `ids=1,2,3` of the `show_many` endpoints: at most 100 integer ids.
pub(crate) fn ids_param(p: &Params) -> ZdResult<Vec<i64>> {
    let Some(raw) = p.get("ids") else {
        return Err(ZdError::bad_request("InvalidParameter", "ids is required"));
    };
    let mut ids = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let id = part.parse::<i64>().map_err(|_| {
            ZdError::bad_request("InvalidParameter", format!("{part:?} is not a valid id"))
        })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > 100 {
        return Err(ZdError::bad_request(
            "TooManyValues",
            "You have exceeded the maximum number of values allowed (100)",
        ));
    }
    Ok(ids)
}
