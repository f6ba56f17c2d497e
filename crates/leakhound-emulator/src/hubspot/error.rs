//! HubSpot's error bodies: `{"status":"error","message":…,"correlationId":…,"category":…}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An error answer in HubSpot's shape.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub category: &'static str,
    pub message: String,
    /// Optional `errors` array entries.
    pub errors: Vec<Value>,
    /// Optional `context` object.
    pub context: Option<Value>,
}

impl ApiError {
    /// An error with a status, HubSpot category and message.
    pub fn new(status: StatusCode, category: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            category,
            message: message.into(),
            errors: Vec::new(),
            context: None,
        }
    }

    /// 400 `VALIDATION_ERROR`.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }

    /// 404 `OBJECT_NOT_FOUND`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND", message)
    }

    /// 500 for store failures (which should not happen; reported rather than panicking).
    pub fn internal(error: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            format!("internal error: {error}"),
        )
    }

    /// Adds an `errors` entry.
    pub fn with_error(mut self, entry: Value) -> Self {
        self.errors.push(entry);
        self
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(error: crate::db::DbError) -> Self {
        match error {
            crate::db::DbError::Invalid(message) => ApiError::validation(message),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "status": "error",
            "message": self.message,
            "correlationId": uuid::Uuid::new_v4().to_string(),
            "category": self.category,
        });
        if !self.errors.is_empty() {
            body["errors"] = Value::Array(self.errors);
        }
        if let Some(context) = self.context {
            body["context"] = context;
        }
        (self.status, axum::Json(body)).into_response()
    }
}
