//! SMTP e-mail: [`SmtpConfig`] (TOML/JSON-readable, secrets hidden from `Debug`) and the
//! [`Mailer`] that sends `text/plain` messages through `lettre` over tokio and rustls.

use crate::error::{chain, NotifyError};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;
use std::fmt;
use std::time::Duration;

/// The environment variable that overrides [`SmtpConfig::password`].
pub const PASSWORD_ENV: &str = "LEAKHOUND_SMTP_PASSWORD";

/// How the connection to the relay is protected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain SMTP, no TLS at all (a relay on loopback or a trusted network only).
    None,
    /// Plain connection upgraded with STARTTLS, which the relay must offer (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte ("SMTPS", port 465).
    #[serde(alias = "implicit")]
    Tls,
}

impl TlsMode {
    /// The usual port of the mode: 25, 587 or 465.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// An SMTP relay.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Host name (also the name the relay's certificate must have).
    pub host: String,
    /// Port; default by `tls`: 25 (`none`), 587 (`starttls`), 465 (`tls`).
    #[serde(default)]
    pub port: Option<u16>,
    /// `none`, `starttls` (default) or `tls` (implicit TLS).
    #[serde(default)]
    pub tls: TlsMode,
    /// User name, if the relay needs authentication.
    #[serde(default)]
    pub username: Option<String>,
    /// Password; `LEAKHOUND_SMTP_PASSWORD` overrides it (prefer the variable).
    #[serde(default)]
    pub password: Option<String>,
    /// The `From` address (`leakhound@example.com` or `Leakhound <leakhound@example.com>`).
    pub from: String,
    /// Seconds the whole delivery of one message may take.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_timeout_secs() -> u64 {
    30
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port())
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("from", &self.from)
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

impl SmtpConfig {
    /// A configuration with defaults for everything but the host and the sender.
    pub fn new(host: impl Into<String>, from: impl Into<String>) -> SmtpConfig {
        SmtpConfig {
            host: host.into(),
            port: None,
            tls: TlsMode::default(),
            username: None,
            password: None,
            from: from.into(),
            timeout_secs: default_timeout_secs(),
        }
    }

    /// The port: the configured one, else the usual port of the TLS mode.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(self.tls.default_port())
    }

    /// Takes the password from [`PASSWORD_ENV`] when `env` has a non-empty value for it.
    pub fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) {
        if let Some(p) = env(PASSWORD_ENV).filter(|p| !p.is_empty()) {
            self.password = Some(p);
        }
    }

    /// Checks what can be checked without connecting: host, sender, credentials, timeout.
    pub fn validate(&self) -> Result<(), NotifyError> {
        if self.host.trim().is_empty() {
            return Err(NotifyError::Config("smtp.host is empty".into()));
        }
        parse_mailbox(&self.from, "from")?;
        if self.password.is_some() && self.username.is_none() {
            return Err(NotifyError::Config(
                "smtp.password is set but smtp.username is not".into(),
            ));
        }
        if self.timeout_secs == 0 {
            return Err(NotifyError::Config(
                "smtp.timeout_secs must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

fn parse_mailbox(s: &str, which: &'static str) -> Result<Mailbox, NotifyError> {
    s.trim()
        .parse::<Mailbox>()
        .map_err(|_| NotifyError::InvalidAddress { which })
}

/// Whether `address` is a plain e-mail address (`user@domain`) a [`Mailer`] can send to.
pub fn check_address(address: &str) -> Result<(), NotifyError> {
    address
        .trim()
        .parse::<Address>()
        .map(|_| ())
        .map_err(|_| NotifyError::InvalidAddress { which: "to" })
}

/// Sends `text/plain` e-mail through one relay. Each message opens its own connection.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
    host: String,
    port: u16,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("from", &self.from.email.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `config` (validated; nothing is connected yet).
    pub fn new(config: &SmtpConfig) -> Result<Mailer, NotifyError> {
        config.validate()?;
        let from = parse_mailbox(&config.from, "from")?;
        let host = config.host.trim().to_string();
        let port = config.port();
        let timeout = Duration::from_secs(config.timeout_secs);
        let tls = match config.tls {
            TlsMode::None => Tls::None,
            TlsMode::Starttls => Tls::Required(tls_parameters(&host)?),
            TlsMode::Tls => Tls::Wrapper(tls_parameters(&host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
            .port(port)
            .tls(tls)
            .timeout(Some(timeout));
        if let Some(user) = &config.username {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                config.password.clone().unwrap_or_default(),
            ));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            timeout,
            host,
            port,
        })
    }

    /// Sends one `text/plain` (UTF-8) message to `to`. The whole delivery (connect, TLS,
    /// authentication, transfer) must finish within the configured timeout.
    pub async fn send(&self, to: &str, subject: &str, text_body: &str) -> Result<(), NotifyError> {
        let to = parse_mailbox(to, "to")?;
        // Header values are one line: a subject rendered from variables must not add headers.
        let subject: String = subject
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let message = Message::builder()
            .message_id(Some(self.message_id()))
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text_body.to_string())
            .map_err(|e| NotifyError::Config(format!("the message could not be built: {e}")))?;
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Err(_) => Err(NotifyError::Timeout {
                secs: self.timeout.as_secs(),
            }),
            Ok(Err(e)) => {
                let transient = !(e.is_permanent() || e.is_tls() || e.is_client());
                Err(NotifyError::Smtp {
                    message: chain(&e),
                    transient,
                })
            }
            Ok(Ok(_)) => {
                tracing::debug!(message = "e-mail sent", relay = %self.host, port = self.port);
                Ok(())
            }
        }
    }
}

impl Mailer {
    /// A unique `Message-ID` in the sender's domain (time, process and a counter).
    fn message_id(&self) -> String {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        format!(
            "<{nanos:x}.{:x}.{}@{}>",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            self.from.email.domain()
        )
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, NotifyError> {
    TlsParameters::builder(host.to_string())
        .build_rustls()
        .map_err(|e| NotifyError::Config(format!("smtp TLS parameters: {}", chain(&e))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_with_defaults_and_hides_the_password() {
        let mut c: SmtpConfig = toml_like(
            r#"{"host": "smtp.example.com", "from": "Leakhound <lh@example.com>",
                "username": "lh", "password": "file-secret"}"#,
        );
        assert_eq!(c.tls, TlsMode::Starttls);
        assert_eq!(c.port(), 587);
        assert_eq!(c.timeout_secs, 30);
        c.apply_env(|name| (name == PASSWORD_ENV).then(|| "env-secret".to_string()));
        assert_eq!(c.password.as_deref(), Some("env-secret"));
        let debug = format!("{c:?}");
        assert!(
            !debug.contains("secret") && debug.contains("<redacted>"),
            "{debug}"
        );
        let mailer = Mailer::new(&c).unwrap();
        assert!(!format!("{mailer:?}").contains("secret"));
    }

    #[test]
    fn tls_modes_and_ports() {
        let c: SmtpConfig = toml_like(r#"{"host": "h", "from": "a@b.c", "tls": "implicit"}"#);
        assert_eq!((c.tls, c.port()), (TlsMode::Tls, 465));
        let c: SmtpConfig =
            toml_like(r#"{"host": "h", "from": "a@b.c", "tls": "none", "port": 2525}"#);
        assert_eq!((c.tls, c.port()), (TlsMode::None, 2525));
        assert!(serde_json::from_str::<SmtpConfig>(
            r#"{"host": "h", "from": "a@b.c", "tls": "ssl"}"#
        )
        .is_err());
        assert!(serde_json::from_str::<SmtpConfig>(
            r#"{"host": "h", "from": "a@b.c", "pasword": "x"}"#
        )
        .is_err());
    }

    #[test]
    fn validation_errors_name_the_field_not_the_value() {
        let mut c = SmtpConfig::new("h", "not an address");
        assert!(matches!(
            Mailer::new(&c).unwrap_err(),
            NotifyError::InvalidAddress { which: "from" }
        ));
        c.from = "a@b.c".into();
        c.password = Some("hunter2".into());
        let e = Mailer::new(&c).unwrap_err().to_string();
        assert!(e.contains("smtp.username") && !e.contains("hunter2"), "{e}");
        assert!(check_address("ops@example.com").is_ok());
        assert!(check_address("Ops <ops@example.com>").is_err());
        assert!(check_address("nope").is_err());
    }

    fn toml_like(json: &str) -> SmtpConfig {
        serde_json::from_str(json).unwrap()
    }
}
