//! Which actions to take for which detection rule, and the texts of alerts.
//!
//! In the TOML rule file, next to `[[detectionRules]]`:
//!
//! ```toml
//! [remediation]
//! default = ["note"]                       # rules not listed below (default: ["note"])
//! hubspotRedactContent = false             # HubSpot `redact` rewrites the customer's words: opt in
//!
//! [remediation.rules]
//! "Credit cards" = ["note", "redact", "alert"]
//! "Contact details" = []
//!
//! [remediation.alert]
//! subject = "[leakhound] {count} sensitive value(s) in {source} ticket {ticket_id}"
//! body = "Hello {owner_name},\n\n{summary}\n\nTicket: {ticket_url}\n"
//! ```

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use leakhound_store::RuleRef;

/// A remediation action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    /// A HubSpot note on the ticket, or a Zendesk private comment.
    Note,
    /// Redaction of the value in the helpdesk.
    Redact,
    /// An e-mail and/or webhook to the ticket's owner.
    Alert,
}

impl ActionKind {
    /// Every action, in the order they run on a ticket.
    pub const ALL: [ActionKind; 3] = [ActionKind::Note, ActionKind::Redact, ActionKind::Alert];

    /// `note`, `redact` or `alert`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Note => "note",
            ActionKind::Redact => "redact",
            ActionKind::Alert => "alert",
        }
    }

    /// Parses one name.
    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Parses a comma-separated list (`note,redact,alert`); `none` or an empty string is no
/// action.
pub fn parse_actions(s: &str) -> Result<BTreeSet<ActionKind>, String> {
    let mut out = BTreeSet::new();
    for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        if word.eq_ignore_ascii_case("none") {
            continue;
        }
        out.insert(
            ActionKind::parse(word)
                .ok_or_else(|| format!("{word:?} is not an action (note, redact, alert, none)"))?,
        );
    }
    Ok(out)
}

/// Texts of alerts. Placeholders: `{source}`, `{ticket_id}`, `{ticket_url}`, `{count}`,
/// `{summary}` (one line per type and place, values in redacted form), `{owner_name}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertTemplates {
    /// E-mail subject (and the first line of a webhook message).
    #[serde(default = "default_subject")]
    pub subject: String,
    /// E-mail body (and the webhook message's text).
    #[serde(default = "default_body")]
    pub body: String,
}

fn default_subject() -> String {
    "[leakhound] {count} sensitive value(s) found in {source} ticket {ticket_id}".into()
}

fn default_body() -> String {
    "Hello {owner_name},\n\nleakhound found sensitive data in a ticket you own.\n\n{summary}\n\nTicket: {ticket_url}\n\nValues are shown redacted. Please check the ticket and remove what should not be there.\n".into()
}

impl Default for AlertTemplates {
    fn default() -> Self {
        AlertTemplates {
            subject: default_subject(),
            body: default_body(),
        }
    }
}

/// Fills `{name}` placeholders; unknown ones stay as written.
pub fn render_template(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `[remediation]` section of a rule file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RemediationConfig {
    /// Actions for findings whose rules are not listed in `rules`.
    #[serde(default = "default_actions")]
    pub default: BTreeSet<ActionKind>,
    /// Actions per detection rule name.
    #[serde(default)]
    pub rules: BTreeMap<String, BTreeSet<ActionKind>>,
    /// Let `redact` replace HubSpot ticket content/subject by its redacted copy.
    #[serde(default)]
    pub hubspot_redact_content: bool,
    /// Alert texts.
    #[serde(default)]
    pub alert: AlertTemplates,
    /// Set by `--actions`: these actions for every finding, whatever the rules say.
    #[serde(skip)]
    pub override_actions: Option<BTreeSet<ActionKind>>,
}

fn default_actions() -> BTreeSet<ActionKind> {
    BTreeSet::from([ActionKind::Note])
}

impl Default for RemediationConfig {
    fn default() -> Self {
        RemediationConfig {
            default: default_actions(),
            rules: BTreeMap::new(),
            hubspot_redact_content: false,
            alert: AlertTemplates::default(),
            override_actions: None,
        }
    }
}

impl RemediationConfig {
    /// The `[remediation]` section of a TOML rule file, or the defaults when it has none.
    /// Other sections (the policy) are ignored here.
    pub fn from_rules_toml(text: &str) -> Result<RemediationConfig, String> {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            remediation: Option<RemediationConfig>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
        Ok(file.remediation.unwrap_or_default())
    }

    /// The actions for a finding that matched `rules`: the override, else the union of the
    /// listed rules' actions, else the default.
    pub fn actions_for(&self, rules: &[RuleRef]) -> BTreeSet<ActionKind> {
        if let Some(o) = &self.override_actions {
            return o.clone();
        }
        let mut listed = false;
        let mut out = BTreeSet::new();
        for r in rules {
            if let Some(a) = self.rules.get(&r.name) {
                listed = true;
                out.extend(a.iter().copied());
            }
        }
        if listed {
            out
        } else {
            self.default.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str) -> RuleRef {
        RuleRef {
            name: name.into(),
            uuid: None,
        }
    }

    #[test]
    fn rules_map_to_actions_and_the_override_wins() {
        let text = r#"
            contextBytes = 10
            [[detectionRules]]
            name = "Cards"
            [remediation]
            default = []
            [remediation.rules]
            "Cards" = ["note", "redact"]
            "Mail" = ["alert"]
        "#;
        let mut cfg = RemediationConfig::from_rules_toml(text).unwrap();
        assert_eq!(
            cfg.actions_for(&[rule("Cards")]),
            BTreeSet::from([ActionKind::Note, ActionKind::Redact])
        );
        assert_eq!(
            cfg.actions_for(&[rule("Cards"), rule("Mail")]).len(),
            3,
            "union of the rules"
        );
        assert!(cfg.actions_for(&[rule("Other")]).is_empty());
        cfg.override_actions = Some(parse_actions("alert").unwrap());
        assert_eq!(
            cfg.actions_for(&[rule("Cards")]),
            BTreeSet::from([ActionKind::Alert])
        );
        assert_eq!(
            RemediationConfig::from_rules_toml("").unwrap().default,
            BTreeSet::from([ActionKind::Note])
        );
        assert!(RemediationConfig::from_rules_toml("[remediation]\nbogus = 1").is_err());
        assert!(parse_actions("note,shred").is_err());
        assert!(parse_actions("none").unwrap().is_empty());
    }

    #[test]
    fn templates_fill_placeholders() {
        assert_eq!(
            render_template("{a} and {b} and {c}", &[("a", "1"), ("b", "2")]),
            "1 and 2 and {c}"
        );
    }
}
