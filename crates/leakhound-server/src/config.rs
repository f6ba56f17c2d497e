//! The server's configuration: documented data with defaults, read from a TOML file, then
//! overridden by `LEAKHOUND_*` environment variables.
//!
//! The file says *what* the server serves (keys, rules, policies, limits); the command-line
//! flags say how this run behaves (listen address, data directory). `leakhound serve
//! --print-example-config` prints [`EXAMPLE_CONFIG`], which a test parses.

use leakhound_api::policy::{WireDetectionRule, WireDetectorSpec, WirePolicy};
use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;

/// The commented example configuration.
pub const EXAMPLE_CONFIG: &str = include_str!("../leakhound.example.toml");

/// The namespace of the UUIDs derived from names (rules, policies and detectors without an
/// explicit `uuid`), so they stay the same across restarts.
pub const UUID_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6c65_616b_686f_756e_6400_0000_0000_0001);

/// Everything `leakhound serve` reads from its configuration file.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on (`--listen` and `LEAKHOUND_LISTEN` override it).
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Directory for staged uploads, findings documents and the job database.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// Base URL clients reach this server at; `findingsURL` links start with it. Default:
    /// `http://<bound address>`.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Accepted API keys, in clear (hashed with SHA-256 when loaded; never kept in clear).
    /// `LEAKHOUND_API_KEYS` (comma-separated) adds more.
    #[serde(default)]
    pub api_keys: Vec<String>,
    /// Accepted API keys as lowercase hex SHA-256 digests, so the file holds no secret.
    #[serde(default)]
    pub api_key_sha256: Vec<String>,
    /// The secret that signs webhook notifications (`X-Nightfall-Signature`);
    /// `LEAKHOUND_SIGNING_SECRET` overrides it. Required for file scans.
    #[serde(default)]
    pub signing_secret: Option<String>,
    /// Request limits and timeouts.
    #[serde(default)]
    pub limits: Limits,
    /// Per-key rate limit.
    #[serde(default)]
    pub rate_limit: RateLimit,
    /// File-scan jobs and webhook delivery.
    #[serde(default)]
    pub jobs: Jobs,
    /// SMTP server for `alertConfig.email`; e-mail alerts are refused when absent.
    #[serde(default)]
    pub smtp: Option<Smtp>,
    /// Templates of e-mail alerts.
    #[serde(default)]
    pub email_alerts: EmailAlerts,
    /// Stored detectors, referenced by `detectorUUID`.
    #[serde(default)]
    pub detectors: Vec<ConfigDetector>,
    /// Stored detection rules, referenced by `detectionRuleUUIDs`.
    #[serde(default)]
    pub rules: Vec<ConfigRule>,
    /// Stored policies, referenced by `policyUUIDs` and `policyUUID`.
    #[serde(default)]
    pub policies: Vec<ConfigPolicy>,
}

/// Request limits and timeouts.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest JSON request body, in bytes (payload items are limited to 500 KB in
    /// total separately; JSON escapes can make the body several times larger).
    pub max_request_body_bytes: usize,
    /// The largest file an upload may declare, in bytes.
    pub max_file_size_bytes: u64,
    /// A request that takes longer is answered 504 (code 50400).
    pub request_timeout_secs: u64,
    /// Payloads larger than this many bytes are scanned on the blocking thread pool instead
    /// of the request's task.
    pub inline_scan_max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_request_body_bytes: 8 * 1024 * 1024,
            max_file_size_bytes: 1024 * 1024 * 1024,
            request_timeout_secs: 30,
            inline_scan_max_bytes: 16 * 1024,
        }
    }
}

/// Per-key token bucket: `requests_per_second` refill, `burst` capacity.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimit {
    /// Average requests per second per API key (Nightfall's enterprise plan: 10).
    pub requests_per_second: f64,
    /// Requests a key may send at once (Nightfall's enterprise plan: 50).
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            requests_per_second: 10.0,
            burst: 50,
        }
    }
}

/// File-scan jobs and webhook delivery.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Jobs {
    /// Jobs run at the same time.
    pub workers: usize,
    /// Timeout of one webhook request (challenge or notification).
    pub webhook_timeout_secs: u64,
    /// Waits before the 2nd, 3rd, … delivery attempt; after the last, delivery gives up.
    pub retry_backoff_secs: Vec<u64>,
    /// How long a findings document stays at `findingsURL`.
    pub findings_ttl_secs: u64,
    /// How long an upload that is not scanned is kept.
    pub upload_ttl_secs: u64,
    /// How long a webhook that answered the challenge is trusted without a new one.
    pub challenge_cache_secs: u64,
    /// How often the worker looks for due jobs when it was not woken.
    pub poll_interval_ms: u64,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs {
            workers: 2,
            webhook_timeout_secs: 10,
            retry_backoff_secs: vec![1, 5, 30, 120, 600, 1800],
            findings_ttl_secs: 24 * 3600,
            upload_ttl_secs: 24 * 3600,
            challenge_cache_secs: 24 * 3600,
            poll_interval_ms: 1000,
        }
    }
}

/// An SMTP relay for e-mail alerts: leakhound-notify's configuration (`host`, `port`, `tls`
/// = `none` | `starttls` | `tls`, `username`, `password`, `from`, `timeout_secs`).
pub use leakhound_notify::SmtpConfig as Smtp;

/// The subject and body templates of e-mail alerts. Placeholders (`{{name}}`) are checked
/// when the server starts: see [`crate::alerts::VARIABLES`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmailAlerts {
    /// The subject template.
    pub subject: String,
    /// The body template (text/plain; nothing is escaped).
    pub body: String,
}

impl Default for EmailAlerts {
    fn default() -> Self {
        EmailAlerts {
            subject: crate::alerts::DEFAULT_SUBJECT.into(),
            body: crate::alerts::DEFAULT_BODY.into(),
        }
    }
}

/// A stored detector: a `detectorUUID` in a rule stands for it.
#[derive(Clone, Debug, Deserialize)]
pub struct ConfigDetector {
    /// Its UUID; derived from `displayName` when absent.
    #[serde(default)]
    pub uuid: Option<String>,
    /// The detector, in the scan API's shape.
    #[serde(flatten)]
    pub spec: WireDetectorSpec,
}

/// A stored detection rule.
#[derive(Clone, Debug, Deserialize)]
pub struct ConfigRule {
    /// Its UUID; derived from `name` when absent.
    #[serde(default)]
    pub uuid: Option<String>,
    /// The rule, in the scan API's shape; `name` is required.
    #[serde(flatten)]
    pub rule: WireDetectionRule,
}

/// A stored policy.
#[derive(Clone, Debug, Deserialize)]
pub struct ConfigPolicy {
    /// Its UUID; derived from `name` when absent.
    #[serde(default)]
    pub uuid: Option<String>,
    /// Its name (for logs).
    pub name: String,
    /// The policy, in the scan API's shape (`detectionRuleUUIDs`, `detectionRules`,
    /// `contextBytes`, `defaultRedactionConfig`, `alertConfig`).
    #[serde(flatten)]
    pub policy: WirePolicy,
    /// Deprecated webhook of file scans using this policy; `alertConfig.url` is preferred.
    #[serde(default, rename = "webhookURL")]
    pub webhook_url: Option<String>,
}

fn default_listen() -> String {
    "127.0.0.1:8080".into()
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("leakhound-data")
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: default_listen(),
            data_dir: default_data_dir(),
            public_url: None,
            api_keys: Vec::new(),
            api_key_sha256: Vec::new(),
            signing_secret: None,
            limits: Limits::default(),
            rate_limit: RateLimit::default(),
            jobs: Jobs::default(),
            smtp: None,
            email_alerts: EmailAlerts::default(),
            detectors: Vec::new(),
            rules: Vec::new(),
            policies: Vec::new(),
        }
    }
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("public_url", &self.public_url)
            .field("api_keys", &format!("<{} redacted>", self.api_keys.len()))
            .field("api_key_sha256", &self.api_key_sha256.len())
            .field(
                "signing_secret",
                &self.signing_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("limits", &self.limits)
            .field("rate_limit", &self.rate_limit)
            .field("jobs", &self.jobs)
            .field("smtp", &self.smtp)
            .field("email_alerts", &self.email_alerts)
            .field("detectors", &self.detectors.len())
            .field("rules", &self.rules.len())
            .field("policies", &self.policies.len())
            .finish()
    }
}

/// The UUID of a stored object: explicit, or derived from its kind and name.
pub fn stable_uuid(explicit: Option<&str>, kind: &str, name: &str) -> anyhow::Result<String> {
    match explicit.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Ok(uuid::Uuid::parse_str(s)
            .map_err(|e| anyhow::anyhow!("{kind} {name:?}: uuid {s:?} is not a UUID: {e}"))?
            .to_string()),
        None => Ok(
            uuid::Uuid::new_v5(&UUID_NAMESPACE, format!("{kind}:{name}").as_bytes()).to_string(),
        ),
    }
}

impl ServerConfig {
    /// Parses a TOML configuration.
    pub fn from_toml(text: &str) -> anyhow::Result<ServerConfig> {
        toml::from_str(text).map_err(|e| {
            // toml's Display quotes the offending line, which may hold an API key or a
            // password: say where and what kind of problem, never the text.
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let what = e
                .message()
                .split(['`', '"'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches(':')
                .to_string();
            match line {
                Some(line) => anyhow::anyhow!("invalid configuration at line {line}: {what}"),
                None => anyhow::anyhow!("invalid configuration: {what}"),
            }
        })
    }

    /// Applies `LEAKHOUND_API_KEYS`, `LEAKHOUND_SIGNING_SECRET`, `LEAKHOUND_DATA_DIR`,
    /// `LEAKHOUND_PUBLIC_URL`, `LEAKHOUND_LISTEN` and `LEAKHOUND_SMTP_PASSWORD` from `env`.
    pub fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) {
        if let Some(keys) = env("LEAKHOUND_API_KEYS") {
            self.api_keys.extend(
                keys.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_string),
            );
        }
        if let Some(s) = env("LEAKHOUND_SIGNING_SECRET").filter(|s| !s.is_empty()) {
            self.signing_secret = Some(s);
        }
        if let Some(s) = env("LEAKHOUND_DATA_DIR").filter(|s| !s.is_empty()) {
            self.data_dir = PathBuf::from(s);
        }
        if let Some(s) = env("LEAKHOUND_PUBLIC_URL").filter(|s| !s.is_empty()) {
            self.public_url = Some(s);
        }
        if let Some(s) = env("LEAKHOUND_LISTEN").filter(|s| !s.is_empty()) {
            self.listen = s;
        }
        if let Some(smtp) = &mut self.smtp {
            smtp.apply_env(&env);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses_and_compiles() {
        let config = ServerConfig::from_toml(EXAMPLE_CONFIG).unwrap();
        assert!(!config.rules.is_empty());
        assert!(!config.policies.is_empty());
        let catalog = crate::resolve::Catalog::new(&config).unwrap();
        assert_eq!(catalog.rule_count(), config.rules.len());
    }

    #[test]
    fn env_adds_keys_and_overrides() {
        let mut config = ServerConfig::default();
        config.apply_env(|name| match name {
            "LEAKHOUND_API_KEYS" => Some("NF-a, NF-b,,".into()),
            "LEAKHOUND_SIGNING_SECRET" => Some("s".into()),
            _ => None,
        });
        assert_eq!(config.api_keys, ["NF-a", "NF-b"]);
        assert_eq!(config.signing_secret.as_deref(), Some("s"));
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("NF-a") && debug.contains("redacted"),
            "{debug}"
        );
    }

    #[test]
    fn smtp_section_reads_and_env_sets_the_password() {
        let mut config = ServerConfig::from_toml(
            "[smtp]\nhost = \"smtp.example.com\"\nfrom = \"lh@example.com\"\nusername = \"lh\"\n",
        )
        .unwrap();
        config.apply_env(|name| (name == "LEAKHOUND_SMTP_PASSWORD").then(|| "pw-secret".into()));
        let smtp = config.smtp.as_ref().unwrap();
        assert_eq!(smtp.port(), 587);
        assert_eq!(smtp.password.as_deref(), Some("pw-secret"));
        let debug = format!("{config:?}");
        assert!(!debug.contains("pw-secret"), "{debug}");
    }

    #[test]
    fn derived_uuids_are_stable() {
        let a = stable_uuid(None, "rule", "Cards").unwrap();
        assert_eq!(a, stable_uuid(None, "rule", "Cards").unwrap());
        assert_ne!(a, stable_uuid(None, "rule", "SSNs").unwrap());
        assert!(stable_uuid(Some("nope"), "rule", "x").is_err());
    }
}

#[cfg(test)]
mod secret_tests {
    use super::ServerConfig;

    #[test]
    fn config_errors_never_quote_the_file() {
        for text in [
            "api_keys = \"NF-secret-123\"\n",
            "signing_secret = \"NF-secret-123\n",
            "[smtp]\nhost = \"mail\"\npassword = NF-secret-123\n",
        ] {
            let Err(err) = ServerConfig::from_toml(text) else {
                panic!("the configuration should be invalid");
            };
            let err = err.to_string();
            assert!(!err.contains("NF-secret"), "{err}");
            assert!(err.contains("line"), "{err}");
        }
    }
}
