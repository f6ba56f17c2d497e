//! API errors as responses, and the `ApiJson` extractor that gives malformed bodies the API's
//! error shape too.
//!
//! Codes, statuses and messages come from the one table, [`leakhound_api::ErrorCode`].
//! Internal errors are logged with their cause and returned opaque.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leakhound_api::{ErrorBody, ErrorCode};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// An error response: a code of the table, a description and details.
#[derive(Debug)]
pub struct ApiError {
    /// The code.
    pub code: ErrorCode,
    /// What is wrong (never quotes scanned text).
    pub description: String,
    /// Field paths with details.
    pub additional: BTreeMap<String, String>,
    /// Seconds for `Retry-After` (429 only).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a description.
    pub fn new(code: ErrorCode, description: impl Into<String>) -> ApiError {
        ApiError {
            code,
            description: description.into(),
            additional: BTreeMap::new(),
            retry_after: None,
        }
    }

    /// Adds a detail under `key`.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> ApiError {
        self.additional.insert(key.into(), value.into());
        self
    }

    /// An internal error: logged here with its cause, opaque in the response.
    pub fn internal(context: &str, err: impl std::fmt::Display) -> ApiError {
        tracing::error!(message = "internal error", context, error = %err);
        ApiError::new(
            ErrorCode::Internal,
            "an internal error occurred; see the server log",
        )
    }

    /// The body.
    pub fn body(&self) -> ErrorBody {
        let mut body = self.code.body(self.description.clone());
        body.additional_data = self.additional.clone();
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from(secs));
        }
        response
    }
}

impl From<leakhound_store::jobs::JobError> for ApiError {
    fn from(err: leakhound_store::jobs::JobError) -> ApiError {
        ApiError::internal("job store", err)
    }
}

/// A JSON body parsed whatever its `Content-Type` (the SDKs differ), with malformed bodies
/// answered 400 (code 40000) naming the path of the bad field, and oversized bodies 413.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_bytes(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The body's bytes, with the body limit's rejection in the API's shape.
pub async fn body_bytes<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<axum::body::Bytes, ApiError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    ErrorCode::BodyTooLarge,
                    "the request body is larger than this server accepts",
                )
            } else {
                ApiError::new(
                    ErrorCode::MalformedRequest,
                    format!(
                        "the request body could not be read: {}",
                        rejection.body_text()
                    ),
                )
            }
        })
}

/// Parses JSON, naming the failing path. An empty body counts as `{}` (the Python SDK's
/// `finish` sends none).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        // serde_json's messages quote the offending value for type errors; keep only the
        // kind of problem and the position, so scanned text never ends up in an error.
        let problem = match inner.classify() {
            serde_json::error::Category::Syntax => "invalid JSON syntax",
            serde_json::error::Category::Eof => "unexpected end of JSON",
            serde_json::error::Category::Io => "unreadable body",
            serde_json::error::Category::Data => "a value has the wrong type",
        };
        let position = format!("line {} column {}", inner.line(), inner.column());
        let mut e = ApiError::new(
            ErrorCode::MalformedRequest,
            format!("malformed JSON body: {problem} at {position}"),
        );
        if path != "." && !path.is_empty() {
            let expected = expected_of(&inner.to_string());
            e = e.with(path, format!("{problem}{expected}"));
        }
        e
    })
}

/// The "expected …" part of a serde error message, which names a type, never the value.
fn expected_of(message: &str) -> String {
    match message.find(", expected ") {
        Some(i) => {
            let rest = &message[i + 2..];
            let end = rest.find(" at line").unwrap_or(rest.len());
            format!(" ({})", &rest[..end])
        }
        None => String::new(),
    }
}
