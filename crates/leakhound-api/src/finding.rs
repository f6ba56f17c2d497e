//! Findings as the scan API returns them.

use leakhound_engine::Finding;
use serde::{Deserialize, Serialize};

/// A half-open range `{start, end}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WireRange {
    /// First offset.
    pub start: u64,
    /// One past the last offset.
    pub end: u64,
}

impl From<&std::ops::Range<usize>> for WireRange {
    fn from(r: &std::ops::Range<usize>) -> Self {
        WireRange {
            start: r.start as u64,
            end: r.end as u64,
        }
    }
}

/// Where a finding is. Every key is always present: the Python SDK indexes `rowRange` and
/// `columnRange` directly and fails on a missing key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireLocation {
    /// Byte offsets in the item.
    pub byte_range: WireRange,
    /// Code-point offsets in the item.
    pub codepoint_range: WireRange,
    /// 1-based rows, for tabular data; `null` otherwise.
    pub row_range: Option<WireRange>,
    /// 1-based columns, for tabular data; `null` otherwise.
    pub column_range: Option<WireRange>,
    /// Git data; empty here.
    #[serde(default)]
    pub commit_hash: String,
    /// Git data; empty here.
    #[serde(default)]
    pub commit_author: String,
}

impl WireLocation {
    /// A location from byte and code-point ranges, not tabular.
    pub fn new(bytes: &std::ops::Range<usize>, code_points: &std::ops::Range<usize>) -> Self {
        WireLocation {
            byte_range: bytes.into(),
            codepoint_range: code_points.into(),
            row_range: None,
            column_range: None,
            commit_hash: String::new(),
            commit_author: String::new(),
        }
    }
}

/// `{name, uuid}` of the detector that found a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WireDetector {
    /// Display name or native name.
    pub name: String,
    /// The detector's UUID, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// One finding, with the scan API's field names.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireFinding {
    /// The matched text; `None` when it is withheld (`removeFinding`, or a report that was not
    /// asked to include raw values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// The redacted form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redacted_finding: Option<String>,
    /// Context before the finding; omitted when empty.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub before_context: String,
    /// Context after the finding; omitted when empty.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub after_context: String,
    /// The detector.
    pub detector: WireDetector,
    /// `VERY_UNLIKELY` … `VERY_LIKELY`.
    pub confidence: String,
    /// Where it is.
    pub location: WireLocation,
    /// Where the redacted value is in the redacted payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redacted_location: Option<WireLocation>,
    /// UUIDs of stored rules that matched.
    #[serde(rename = "matchedDetectionRuleUUIDs")]
    pub matched_detection_rule_uuids: Vec<String>,
    /// Names of inline rules that matched.
    pub matched_detection_rules: Vec<String>,
}

/// How much of a finding a caller may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disclosure {
    /// The scan API's behaviour: the raw value unless the redaction config removes it.
    Api,
    /// Reports: never the raw value; `redactedFinding` is always filled (the configured
    /// redaction, or the value with 3 characters readable).
    Redacted,
    /// Reports with the user's explicit opt-in: the raw value and the redacted form.
    Raw,
}

impl WireFinding {
    /// Converts an engine finding.
    pub fn from_finding(f: &Finding, disclosure: Disclosure) -> WireFinding {
        let (finding, redacted) = match disclosure {
            // The Python SDK indexes `finding`, so a removed finding is an empty string.
            Disclosure::Api => (
                Some(if f.remove_finding {
                    String::new()
                } else {
                    f.value().to_string()
                }),
                f.redacted.clone(),
            ),
            Disclosure::Redacted => (None, Some(f.safe_fragment())),
            Disclosure::Raw => (Some(f.value().to_string()), Some(f.safe_fragment())),
        };
        let (rule_uuids, rule_names) = f.matched_rules.iter().fold(
            (Vec::new(), Vec::new()),
            |(mut uuids, mut names), rule| {
                match &rule.uuid {
                    Some(uuid) => uuids.push(uuid.clone()),
                    None => names.push(rule.name.clone()),
                }
                (uuids, names)
            },
        );
        WireFinding {
            finding,
            redacted_finding: redacted,
            before_context: f.before_context.clone(),
            after_context: f.after_context.clone(),
            detector: WireDetector {
                name: f.detector.name.clone(),
                uuid: f.detector.uuid.clone(),
            },
            confidence: f.confidence.as_str().to_string(),
            location: WireLocation::new(&f.byte_range, &f.codepoint_range),
            redacted_location: f
                .redacted_location
                .as_ref()
                .map(|l| WireLocation::new(&l.byte_range, &l.codepoint_range)),
            matched_detection_rule_uuids: rule_uuids,
            matched_detection_rules: rule_names,
        }
    }
}

/// Shows where and what was found, never the matched text or its context.
impl std::fmt::Debug for WireFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireFinding")
            .field("finding_len", &self.finding.as_ref().map(String::len))
            .field("detector", &self.detector)
            .field("confidence", &self.confidence)
            .field("location", &self.location)
            .field("matched_detection_rules", &self.matched_detection_rules)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let policy = leakhound_engine::ScanPolicy::default_rules();
        let outcome = leakhound_engine::scan_once(&policy, "card 4111 1111 1111 1111 ok").unwrap();
        let wire = WireFinding::from_finding(&outcome.findings[0], Disclosure::Api);
        assert_eq!(wire.finding.as_deref(), Some("4111 1111 1111 1111"));
        let debug = format!("{wire:?}");
        assert!(!debug.contains("4111"), "{debug}");
        let request = crate::scan::ScanRequest {
            payload: Some(vec!["ssn 489-36-8350".into()]),
            ..Default::default()
        };
        assert!(!format!("{request:?}").contains("489-36"));
    }
}
