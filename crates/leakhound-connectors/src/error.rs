//! Typed errors. Messages name the helpdesk, the endpoint and the status, and quote the API's
//! own error message (trimmed); they never contain credentials or ticket text.

use crate::doc::SourceKind;

/// Everything a connector can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The API refused the request for a reason retrying cannot fix (4xx other than 429).
    #[error("{helpdesk} {endpoint}: HTTP {status}: {message}")]
    Api {
        /// The helpdesk.
        helpdesk: SourceKind,
        /// Endpoint label, e.g. `GET /crm/v3/objects/tickets`.
        endpoint: String,
        /// HTTP status.
        status: u16,
        /// The API's error message (its `message`, or `error: description`), trimmed.
        message: String,
    },
    /// Retries ran out on a retryable failure (5xx, 429, reset, timeout, cut-off body).
    #[error("{helpdesk} {endpoint}: gave up after {attempts} attempts; last failure: {last}")]
    RetriesExhausted {
        /// The helpdesk.
        helpdesk: SourceKind,
        /// Endpoint label.
        endpoint: String,
        /// Attempts made.
        attempts: u32,
        /// The last failure, described.
        last: String,
    },
    /// A successful response that does not have the expected shape.
    #[error("{helpdesk} {endpoint}: unexpected response: {detail}")]
    Decode {
        /// The helpdesk.
        helpdesk: SourceKind,
        /// Endpoint label.
        endpoint: String,
        /// What was wrong (serde's message: field names and positions, not values).
        detail: String,
    },
    /// Missing or invalid configuration (e.g. no token in the environment).
    #[error("configuration: {0}")]
    Config(String),
    /// A stored cursor that cannot be resumed from.
    #[error("invalid {helpdesk} cursor: {detail}")]
    Cursor {
        /// The helpdesk the cursor was given to.
        helpdesk: SourceKind,
        /// Why it was refused.
        detail: String,
    },
    /// A limit of the API the connector cannot work around (e.g. more than 10,000 HubSpot
    /// tickets modified in the same millisecond).
    #[error("{helpdesk}: {detail}")]
    Limit {
        /// The helpdesk.
        helpdesk: SourceKind,
        /// Explanation.
        detail: String,
    },
}

impl Error {
    /// HTTP status of an API refusal, if this is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shortens an API error message so one misbehaving server cannot flood logs.
pub(crate) fn trim_message(s: &str) -> String {
    const MAX: usize = 300;
    let s = s.trim();
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
