//! What a file scan sends to its webhook: the challenge, the signed notification, and the
//! findings document served at `findingsURL`.
//!
//! Signature (spec §3.5): `X-Nightfall-Signature` is the lowercase hex HMAC-SHA256, keyed by
//! the signing secret's UTF-8 bytes, of `"<X-Nightfall-Timestamp>:<raw body>"`, where the
//! timestamp is POSIX seconds. Bodies are compact JSON (no spaces) so the Node SDK, which
//! re-serializes the parsed body before checking, computes the same bytes.

use crate::error::ErrorBody;
use crate::finding::{WireFinding, WireRange};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The timestamp header.
pub const TIMESTAMP_HEADER: &str = "X-Nightfall-Timestamp";
/// The signature header.
pub const SIGNATURE_HEADER: &str = "X-Nightfall-Signature";

/// The challenge POSTed to a webhook before the first scan that uses it; the receiver answers
/// 200 with the challenge as plain text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WebhookChallenge {
    /// A random string.
    pub challenge: String,
}

/// The notification POSTed to the webhook when a file scan is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookNotification {
    /// Signed link to the findings document; `""` when there are no findings.
    #[serde(rename = "findingsURL")]
    pub findings_url: String,
    /// When the link expires, RFC 3339 UTC with nanoseconds.
    pub valid_until: String,
    /// The upload's UUID.
    #[serde(rename = "uploadID")]
    pub upload_id: String,
    /// Whether the file had findings.
    pub findings_present: bool,
    /// The scan request's `requestMetadata`, or `""`.
    pub request_metadata: String,
    /// Errors of the scan (for example a file that cannot be read as text).
    pub errors: Vec<ErrorBody>,
}

/// The alert POSTed to `alertConfig.url` of a text scan with findings (Nightfall does not
/// document this body; leakhound sends the scan response and the metadata the SDKs know).
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TextScanAlert {
    /// Always true: text-scan alerts are sent only when something was found.
    pub findings_present: bool,
    /// The findings, one list per payload item.
    pub findings: Vec<Vec<WireFinding>>,
}

/// `{"id", "name"}` of a detector in the findings document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FileDetector {
    /// The detector's UUID, or `""`.
    pub id: String,
    /// Display name or native name.
    pub name: String,
}

/// Where a finding of a file is. Every key is always present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileLocation {
    /// Byte offsets in the file (or in the extracted text, for JSON string values).
    pub byte_range: WireRange,
    /// Code-point offsets, likewise.
    pub codepoint_range: WireRange,
    /// 1-based lines, end inclusive.
    pub line_range: WireRange,
    /// 1-based rows of a CSV file (the header is row 1), end inclusive; `null` otherwise.
    pub row_range: Option<WireRange>,
    /// 1-based columns of a CSV file, end inclusive; `null` otherwise.
    pub column_range: Option<WireRange>,
    /// Git data; `""`.
    pub commit_hash: String,
    /// Git data; `""`.
    pub commit_author: String,
}

/// One finding of a file scan.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileFinding {
    /// Where in the file: `""` for plain files, the JSON path (`$.a[2].b`) for JSON values.
    pub path: String,
    /// The detector.
    pub detector: FileDetector,
    /// The matched text (`""` when the redaction config removes it).
    pub finding: String,
    /// The redacted form, when the detector has a redaction config.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redacted_finding: Option<String>,
    /// `VERY_UNLIKELY` … `VERY_LIKELY`.
    pub confidence: String,
    /// Where it is.
    pub location: FileLocation,
    /// Context before the finding.
    pub before_context: String,
    /// Context after the finding.
    pub after_context: String,
    /// UUIDs of configured rules that matched.
    #[serde(rename = "matchedDetectionRuleUUIDs")]
    pub matched_detection_rule_uuids: Vec<String>,
    /// Names of inline rules that matched.
    pub matched_detection_rules: Vec<String>,
}

/// The document at `findingsURL`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FileFindings {
    /// Every finding of the file.
    pub findings: Vec<FileFinding>,
}

/// The `X-Nightfall-Signature` of `body` sent at `timestamp` (POSIX seconds).
pub fn signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    let mut hex = String::with_capacity(64);
    for b in bytes {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Shows where and what was found, never the matched text or its context.
impl std::fmt::Debug for FileFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileFinding")
            .field("path", &self.path)
            .field("detector", &self.detector)
            .field("finding_len", &self.finding.len())
            .field("confidence", &self.confidence)
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_python_sdk_test_vector() {
        assert_eq!(
            signature(
                "super-secret-shhhh",
                "1633368645",
                b"hello world foo bar goodnight moon"
            ),
            "1bb7619a9504474ffc14086d0423ad15db42606d3ca52afccb4a5b2125d7b703"
        );
    }

    #[test]
    fn notification_is_compact_with_the_documented_names() {
        let n = WebhookNotification {
            findings_url: String::new(),
            valid_until: "2021-10-25T04:16:37.734633129Z".into(),
            upload_id: "u".into(),
            findings_present: false,
            request_metadata: String::new(),
            errors: vec![],
        };
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            r#"{"findingsURL":"","validUntil":"2021-10-25T04:16:37.734633129Z","uploadID":"u","findingsPresent":false,"requestMetadata":"","errors":[]}"#
        );
    }
}
