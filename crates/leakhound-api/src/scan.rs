//! `POST /v3/scan`: the request and response bodies, the alert config and the API's limits.

use crate::finding::WireFinding;
use crate::policy::WirePolicy;
use serde::{Deserialize, Serialize};

/// The most bytes of all payload items of one request together (500 KB).
pub const MAX_PAYLOAD_BYTES: usize = 500_000;
/// The most payload items in one request.
pub const MAX_PAYLOAD_ITEMS: usize = 50_000;
/// The most `policyUUIDs`.
pub const MAX_POLICY_UUIDS: usize = 1;
/// The most `detectionRules`, and separately `detectionRuleUUIDs`, of a text scan.
pub const MAX_RULES_TEXT: usize = 20;
/// The most `detectionRules`, and separately `detectionRuleUUIDs`, of a file scan.
pub const MAX_RULES_FILE: usize = 10;
/// The largest `contextBytes`.
pub const MAX_CONTEXT_BYTES: usize = 40;
/// The longest `requestMetadata` of a file scan, in bytes.
pub const MAX_REQUEST_METADATA_BYTES: usize = 10_240;

/// The body of `POST /v3/scan`.
#[derive(Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScanRequest {
    /// The texts to scan; the response has one list of findings per item, in order.
    #[serde(default)]
    pub payload: Option<Vec<String>>,
    /// At most one UUID of a policy defined in the server's configuration.
    #[serde(
        default,
        rename = "policyUUIDs",
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_uuids: Option<Vec<String>>,
    /// Inline policy: rules, rule UUIDs, context bytes, default redaction and alerts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<WirePolicy>,
    /// Deprecated alias of `policy` (the Go SDK's example still sends it); used when `policy`
    /// is absent or null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<WirePolicy>,
}

impl ScanRequest {
    /// `policy`, or its deprecated alias `config`.
    pub fn effective_policy(&self) -> Option<&WirePolicy> {
        self.policy.as_ref().or(self.config.as_ref())
    }
}

/// The body of a successful `POST /v3/scan`.
#[derive(Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScanResponse {
    /// One list per payload item, in the order of the payload.
    pub findings: Vec<Vec<WireFinding>>,
    /// One string per payload item: the item with its redacted findings replaced, or `""`
    /// when nothing in it was redacted.
    pub redacted_payload: Vec<String>,
}

/// `{"target": "#channel"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WireSlackAlert {
    /// The channel.
    #[serde(default)]
    pub target: Option<String>,
}

/// `{"address": "…"}` of an e-mail or URL alert.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WireAddress {
    /// The e-mail address or URL.
    #[serde(default)]
    pub address: Option<String>,
}

/// Where to send alerts: `slack` (accepted, not supported by leakhound: it is ignored),
/// `email` (sent when the server has SMTP configured) and `url` (a signed POST).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WireAlertConfig {
    /// Slack (ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack: Option<WireSlackAlert>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<WireAddress>,
    /// Webhook URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WireAddress>,
}

fn non_empty(s: &Option<WireAddress>) -> Option<&str> {
    s.as_ref()
        .and_then(|a| a.address.as_deref())
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

impl WireAlertConfig {
    /// The URL target, if set and not empty.
    pub fn url(&self) -> Option<&str> {
        non_empty(&self.url)
    }

    /// The e-mail target, if set and not empty.
    pub fn email(&self) -> Option<&str> {
        non_empty(&self.email)
    }
}

/// Shows the shape of the request, never the payload texts.
impl std::fmt::Debug for ScanRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanRequest")
            .field("payload_items", &self.payload.as_ref().map(Vec::len))
            .field(
                "payload_bytes",
                &self
                    .payload
                    .as_ref()
                    .map(|p| p.iter().map(String::len).sum::<usize>()),
            )
            .field("policy_uuids", &self.policy_uuids)
            .field("policy", &self.policy)
            .field("config", &self.config)
            .finish()
    }
}

/// Shows the findings (without values) and only the lengths of the redacted payloads, which
/// still hold every unredacted part of the input.
impl std::fmt::Debug for ScanResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanResponse")
            .field("findings", &self.findings)
            .field(
                "redacted_payload_lens",
                &self
                    .redacted_payload
                    .iter()
                    .map(String::len)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_an_alias_of_policy_even_next_to_a_null_policy() {
        // What the Go SDK's example sends.
        let req: ScanRequest = serde_json::from_str(
            r#"{"payload":["x"],"policy":null,"policyUUIDs":null,"config":{"contextBytes":3},"violation":null}"#,
        )
        .unwrap();
        assert_eq!(req.effective_policy().unwrap().context_bytes, Some(3));
    }
}
