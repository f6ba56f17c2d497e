//! E-mail alerts (`alertConfig.email`): a summary of a scan's findings sent through the
//! configured SMTP relay, only when there are findings (spec §5).
//!
//! The message says how many values each detector found and where (payload item, or file
//! and row/column, JSON path or line), with each value reduced to a fragment of at most 3
//! readable characters. It never carries a raw value, and never the configured redaction
//! either (a mask may leave a value readable). Delivery is in the background, retried on
//! transient failures on the `jobs.retry_backoff_secs` schedule; it is not durable.

use crate::config::{EmailAlerts as Templates, Smtp};
use crate::error::ApiError;
use crate::AppState;
use leakhound_api::webhook::FileFinding;
use leakhound_api::ErrorCode;
use leakhound_api::WireFinding;
use leakhound_notify::template::{Template, Vars};
use leakhound_notify::Mailer;
use std::collections::BTreeMap;
use std::time::Duration;

/// The variables templates may use.
pub const VARIABLES: &[&str] = &["kind", "total", "time", "upload_id", "summary", "details"];

/// The default subject.
pub const DEFAULT_SUBJECT: &str = "[leakhound] {{total}} sensitive value(s) found in a {{kind}}";

/// The default body.
pub const DEFAULT_BODY: &str =
    "leakhound found {{total}} sensitive value(s) in a {{kind}} ({{time}}).

Per detector:
{{summary}}

Where (values redacted; at most 3 characters shown):
{{details}}

You receive this because the scan request asked for alerts to this address
(alertConfig.email).
";

/// At most this many findings are listed one by one.
pub const MAX_LISTED: usize = 200;

/// The mailer and the parsed templates.
#[derive(Debug)]
pub struct EmailAlerter {
    mailer: Mailer,
    subject: Template,
    body: Template,
}

/// Parses the templates (unknown placeholders are errors here, at load time).
pub fn parse_templates(t: &Templates) -> anyhow::Result<(Template, Template)> {
    let subject = Template::parse(&t.subject, VARIABLES)
        .map_err(|e| anyhow::anyhow!("email_alerts.subject: {e}"))?;
    let body = Template::parse(&t.body, VARIABLES)
        .map_err(|e| anyhow::anyhow!("email_alerts.body: {e}"))?;
    Ok((subject, body))
}

impl EmailAlerter {
    /// The alerter of a relay.
    pub fn new(smtp: &Smtp, templates: &Templates) -> anyhow::Result<EmailAlerter> {
        let (subject, body) = parse_templates(templates)?;
        let mailer = Mailer::new(smtp).map_err(|e| anyhow::anyhow!("smtp: {e}"))?;
        Ok(EmailAlerter {
            mailer,
            subject,
            body,
        })
    }

    /// Subject and body of an alert.
    pub fn compose(&self, alert: &Alert) -> (String, String) {
        let vars = alert.vars();
        (self.subject.render(&vars), self.body.render(&vars))
    }
}

/// One finding of an alert: where, which detector, a safe fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Where it is.
    pub place: String,
    /// Detector name.
    pub detector: String,
    /// The value with at most 3 characters readable.
    pub fragment: String,
}

/// What an alert reports.
#[derive(Clone, Debug)]
pub struct Alert {
    /// `text scan` or `file scan`.
    pub kind: &'static str,
    /// The upload, for file scans.
    pub upload_id: Option<String>,
    /// The findings.
    pub lines: Vec<Line>,
}

/// At most 3 readable characters, and never more than half of the value.
pub fn fragment(value: &str) -> String {
    if value.is_empty() {
        return "(withheld)".into();
    }
    let visible = 3.min(value.chars().count() / 2);
    leakhound_engine::redact::preview(value, visible)
}

impl Alert {
    /// The alert of a text scan (item numbers are 0-based like the payload's indices).
    pub fn text_scan(findings: &[Vec<WireFinding>]) -> Alert {
        let lines = findings
            .iter()
            .enumerate()
            .flat_map(|(item, list)| {
                list.iter().map(move |f| Line {
                    place: format!(
                        "payload item {item}, bytes {}-{}",
                        f.location.byte_range.start, f.location.byte_range.end
                    ),
                    detector: f.detector.name.clone(),
                    fragment: fragment(f.finding.as_deref().unwrap_or("")),
                })
            })
            .collect();
        Alert {
            kind: "text scan",
            upload_id: None,
            lines,
        }
    }

    /// The alert of a file scan.
    pub fn file_scan(upload_id: &str, findings: &[FileFinding]) -> Alert {
        let lines = findings
            .iter()
            .map(|f| {
                let l = &f.location;
                let mut place = format!("file {upload_id}");
                match (&l.row_range, &l.column_range) {
                    (Some(r), Some(c)) => {
                        place.push_str(&format!(", row {}, column {}", r.start, c.start))
                    }
                    _ if !f.path.is_empty() => place.push_str(&format!(", {}", f.path)),
                    _ => place.push_str(&format!(", line {}", l.line_range.start)),
                }
                Line {
                    place,
                    detector: f.detector.name.clone(),
                    fragment: fragment(&f.finding),
                }
            })
            .collect();
        Alert {
            kind: "file scan",
            upload_id: Some(upload_id.to_string()),
            lines,
        }
    }

    /// The template variables.
    pub fn vars(&self) -> Vars {
        let mut per_detector: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &self.lines {
            *per_detector.entry(&l.detector).or_default() += 1;
        }
        let mut counts: Vec<(&str, usize)> = per_detector.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let summary = counts
            .iter()
            .map(|(d, n)| format!("  {d}: {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut details = self
            .lines
            .iter()
            .take(MAX_LISTED)
            .map(|l| format!("  - {}: {} {}", l.place, l.detector, l.fragment))
            .collect::<Vec<_>>()
            .join("\n");
        if self.lines.len() > MAX_LISTED {
            details.push_str(&format!("\n  … and {} more", self.lines.len() - MAX_LISTED));
        }
        let time = time::OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default();
        Vars::new()
            .with("kind", self.kind)
            .with("total", self.lines.len().to_string())
            .with("time", time)
            .with("upload_id", self.upload_id.clone().unwrap_or_default())
            .with("summary", summary)
            .with("details", details)
    }
}

/// Checks an `alertConfig.email` target when the request is made: the server must have a
/// relay (`[smtp]`), and the address must be a plain `user@domain` (40015 otherwise).
pub fn check_target(state: &AppState, address: &str) -> Result<(), ApiError> {
    if state.email.is_none() {
        return Err(ApiError::new(
            ErrorCode::InvalidRequest,
            "alertConfig.email: this server has no SMTP relay configured (no [smtp] section in its configuration), so it refuses e-mail alerts",
        )
        .with(
            "alertConfig.email.address",
            "e-mail alerts need [smtp] in the server configuration",
        ));
    }
    leakhound_notify::email::check_address(address).map_err(|_| {
        ApiError::new(
            ErrorCode::InvalidRequest,
            "alertConfig.email.address is not a valid e-mail address",
        )
        .with(
            "alertConfig.email.address",
            "a plain address is expected: user@domain",
        )
    })
}

/// Sends `alert` to `to` in the background (shutdown waits for it), retrying transient
/// failures on the configured schedule until shutdown. Does nothing without a relay or
/// findings.
pub fn send(state: &AppState, to: &str, alert: Alert) {
    let Some(alerter) = state.email.clone() else {
        return;
    };
    if alert.lines.is_empty() {
        return;
    }
    let (subject, body) = alerter.compose(&alert);
    let to = to.trim().to_string();
    let st = state.clone();
    state.tasks.spawn(async move {
        let backoff = st.config.jobs.retry_backoff_secs.clone();
        for attempt in 0..=backoff.len() {
            match alerter.mailer.send(&to, &subject, &body).await {
                Ok(()) => {
                    tracing::info!(message = "e-mail alert sent", kind = alert.kind);
                    return;
                }
                Err(e) => {
                    let retry = e.is_transient() && attempt < backoff.len() && !st.is_shutting_down();
                    tracing::warn!(message = "e-mail alert failed", kind = alert.kind, attempt = attempt + 1, retry, error = %e);
                    if !retry {
                        return;
                    }
                    tokio::time::sleep(Duration::from_secs(backoff[attempt])).await;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_show_at_most_three_characters_and_half() {
        assert_eq!(fragment("4111-1111-1111-1111"), "411****************");
        assert_eq!(fragment("abcd"), "ab**");
        assert_eq!(fragment("ab"), "a*");
        assert_eq!(fragment(""), "(withheld)");
    }

    #[test]
    fn default_templates_parse_and_unknown_placeholders_do_not() {
        parse_templates(&Templates::default()).unwrap();
        let bad = Templates {
            subject: "{{total}} {{raw_value}}".into(),
            ..Templates::default()
        };
        let e = parse_templates(&bad).unwrap_err().to_string();
        assert!(
            e.contains("email_alerts.subject") && e.contains("raw_value"),
            "{e}"
        );
    }
}
