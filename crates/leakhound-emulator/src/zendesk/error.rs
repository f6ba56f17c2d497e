//! Zendesk's error bodies.
//!
//! Clients branch on the `error` member (zenpy raises `RecordNotFoundException` only for
//! `"RecordNotFound"`, `TooManyValuesException` for `"TooManyValues"`), so every failure this
//! emulator returns uses the exact shapes Zendesk documents instead of axum's plain-text
//! rejections.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// A failed Zendesk request: the status and the JSON body Zendesk would send.
#[derive(Debug, Clone)]
pub struct ZdError {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: Value,
    /// Value of a `Retry-After` header (429 answers; normally whole seconds, but the fault
    /// knobs can make it fractional or leave it out to test clients' handling).
    pub retry_after: Option<String>,
}

impl ZdError {
    /// 401 `{"error":"Couldn't authenticate you"}` — Zendesk's body for bad or missing credentials.
    pub fn unauthorized() -> Self {
        Self::raw(
            StatusCode::UNAUTHORIZED,
            json!({"error": "Couldn't authenticate you"}),
        )
    }

    /// 404 `{"error":"RecordNotFound","description":"Not found"}`.
    pub fn not_found() -> Self {
        Self::raw(
            StatusCode::NOT_FOUND,
            json!({"error": "RecordNotFound", "description": "Not found"}),
        )
    }

    /// 404 for a path the emulator does not serve. Zendesk answers unknown API paths with a
    /// 404 whose body is `{"error":"InvalidEndpoint","description":"Not found"}`.
    pub fn invalid_endpoint() -> Self {
        Self::raw(
            StatusCode::NOT_FOUND,
            json!({"error": "InvalidEndpoint", "description": "Not found"}),
        )
    }

    /// 400 with an `error` code and a description (bad paging parameters, malformed JSON…).
    pub fn bad_request(error: &str, description: impl Into<String>) -> Self {
        Self::raw(
            StatusCode::BAD_REQUEST,
            json!({"error": error, "description": description.into()}),
        )
    }

    /// 422 `RecordInvalid` with one `base` detail, the shape of Zendesk's validation errors.
    pub fn record_invalid(detail_error: &str, detail: impl Into<String>) -> Self {
        Self::raw(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({
                "error": "RecordInvalid",
                "description": "Record validation errors",
                "details": {"base": [{"description": detail.into(), "error": detail_error}]}
            }),
        )
    }

    /// 422 `{"error":"InvalidValue","description":...}`: what Zendesk returns for a
    /// `start_time` that is too recent on the incremental exports (clients such as
    /// embulk-input-zendesk special-case exactly this status and description prefix).
    pub fn invalid_value(description: impl Into<String>) -> Self {
        Self::raw(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"error": "InvalidValue", "description": description.into()}),
        )
    }

    /// 429 `{"error":"APIRateLimitExceeded",...}` with an optional `Retry-After`.
    pub fn rate_limited(description: &str, retry_after: Option<String>) -> Self {
        Self {
            status: StatusCode::TOO_MANY_REQUESTS,
            body: json!({"error": "APIRateLimitExceeded", "description": description}),
            retry_after,
        }
    }

    /// Any status with any JSON body.
    pub fn raw(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            body,
            retry_after: None,
        }
    }
}

impl IntoResponse for ZdError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, axum::Json(self.body)).into_response();
        if let Some(value) = self
            .retry_after
            .and_then(|v| HeaderValue::from_str(&v).ok())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, value);
        }
        resp
    }
}

/// Result of a Zendesk handler.
pub type ZdResult<T> = Result<T, ZdError>;
