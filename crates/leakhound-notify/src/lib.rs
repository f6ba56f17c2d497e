//! Notifications for leakhound: what `leakhound serve` alerts with, and what remediation
//! (alerts to ticket owners) will use.
//!
//! - [`email`]: SMTP e-mail through `lettre` (tokio + rustls; no TLS, STARTTLS or implicit
//!   TLS), configured by [`SmtpConfig`], sent by a [`Mailer`] as `text/plain`.
//! - [`template`]: `{{placeholder}}` substitution with a fixed set of variables, checked when
//!   the template is loaded.
//! - [`webhook`]: signed compact-JSON POSTs (hex HMAC-SHA256 of `"{timestamp}:{body}"`,
//!   Nightfall's scheme) with retries and backoff, and a Slack-compatible body.
//! - `test_util` (feature `test-util`): an SMTP sink on loopback that records messages.
//!
//! Invariants: errors and logs never contain a message body, a webhook body, a password or
//! a signing secret; `Debug` of configurations hides secrets.

pub mod email;
mod error;
pub mod template;
pub mod webhook;

#[cfg(feature = "test-util")]
pub mod test_util;

pub use email::{Mailer, SmtpConfig, TlsMode};
pub use error::NotifyError;
pub use template::{Template, TemplateError};
pub use webhook::{SlackMessage, WebhookConfig, WebhookSender};
