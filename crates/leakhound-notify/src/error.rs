//! The one error type of this crate.

use crate::template::TemplateError;

/// Why a notification could not be prepared or sent. Messages never contain a message body,
/// a webhook body, a password or a signing secret.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The configuration is unusable (named field and reason).
    #[error("notification config: {0}")]
    Config(String),
    /// A template has an unknown placeholder or bad syntax.
    #[error("template: {0}")]
    Template(#[from] TemplateError),
    /// An e-mail address does not parse (`which` says whose: `from`, `to`).
    #[error("the {which} e-mail address is not a valid address")]
    InvalidAddress {
        /// `from` or `to`.
        which: &'static str,
    },
    /// The SMTP exchange failed.
    #[error("smtp: {message}")]
    Smtp {
        /// What went wrong (the relay's reply code and text, or the connection error).
        message: String,
        /// Whether trying again later may succeed (4xx replies, timeouts, connection errors).
        transient: bool,
    },
    /// The whole delivery took longer than the configured timeout.
    #[error("timed out after {secs} s")]
    Timeout {
        /// The timeout.
        secs: u64,
    },
    /// A webhook answered with a status other than 2xx.
    #[error("webhook answered status {status}")]
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// A webhook could not be reached (connection, TLS, timeout).
    #[error("webhook request failed: {message}")]
    Http {
        /// The error chain (never the body).
        message: String,
        /// Whether it was a timeout.
        timeout: bool,
    },
    /// A webhook body could not be serialized.
    #[error("webhook body: {0}")]
    Body(String),
}

impl NotifyError {
    /// Whether the same notification may succeed when sent again: timeouts, connection
    /// errors, 5xx, 408 and 429 answers, SMTP 4xx replies.
    pub fn is_transient(&self) -> bool {
        match self {
            NotifyError::Smtp { transient, .. } => *transient,
            NotifyError::Timeout { .. } | NotifyError::Http { .. } => true,
            NotifyError::Status { status } => *status >= 500 || matches!(status, 408 | 429),
            NotifyError::Config(_)
            | NotifyError::Template(_)
            | NotifyError::InvalidAddress { .. }
            | NotifyError::Body(_) => false,
        }
    }
}

/// An error and its sources, joined with `": "`.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
