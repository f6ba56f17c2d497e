//! Alerts to a ticket's owner. The transport (SMTP e-mail, signed webhooks) is plugged in by
//! the caller through [`AlertSender`], so this crate has no SMTP or webhook settings of its
//! own; `leakhound-cli` wires `leakhound-notify` in.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// Who receives an alert.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient {
    /// E-mail address.
    pub email: String,
    /// Display name, if known.
    pub name: Option<String>,
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An address is personal data, not a scanned value; still keep logs short.
        f.debug_struct("Recipient")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// One alert, fully rendered. Holds redacted previews only, never a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// The idempotency key of the action: use it as the e-mail's Message-ID and the webhook's
    /// idempotency header, so a receiver can drop a repeat after an interrupted run.
    pub key: String,
    /// `hubspot` or `zendesk`.
    pub source: String,
    /// The ticket.
    pub ticket_id: String,
    /// Link to the ticket.
    pub ticket_url: Option<String>,
    /// The owner or assignee.
    pub to: Recipient,
    /// Rendered subject.
    pub subject: String,
    /// Rendered text.
    pub body: String,
    /// Findings summarised: one line per type and place, values redacted.
    pub summary: Vec<String>,
    /// Number of findings.
    pub count: usize,
}

/// Boxed future of a send: `Ok(what was done)` or `Err(why not)` — never a value.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

/// Delivers alerts (e-mail and/or webhook).
pub trait AlertSender: Send + Sync {
    /// Sends one alert.
    fn send<'a>(&'a self, alert: &'a Alert) -> SendFuture<'a>;
}
