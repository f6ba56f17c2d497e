//! Policies and detection rules as the scan API (and leakhound's TOML rule files) write them.

use leakhound_engine as engine;
use leakhound_engine::Confidence;
use serde::{Deserialize, Serialize};

/// Why a wire policy cannot become an engine policy. The message starts with the field's
/// path (`detectionRules[0].detectors[1].minConfidence: …`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PolicyError {
    /// What kind of problem, for the API's error code.
    pub kind: PolicyErrorKind,
    /// The message, naming the field.
    pub message: String,
}

/// The kinds of [`PolicyError`] that the scan API reports with distinct codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    /// Any other invalid field.
    Invalid,
    /// A redaction config with no method or more than one.
    RedactionMethods,
    /// `contextBytes` out of range.
    ContextBytes,
}

impl PolicyError {
    /// An invalid field.
    fn new(message: String) -> PolicyError {
        PolicyError {
            kind: PolicyErrorKind::Invalid,
            message,
        }
    }

    fn of(kind: PolicyErrorKind, message: String) -> PolicyError {
        PolicyError { kind, message }
    }

    /// The field path the message starts with, if any.
    pub fn field(&self) -> Option<&str> {
        self.message
            .split_once(':')
            .map(|(f, _)| f)
            .filter(|f| !f.contains(' ') || f.contains('.'))
    }
}

/// The scan API's `policy` (alias `config`): rules, context bytes and default redaction.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WirePolicy {
    /// UUIDs of stored detection rules.
    #[serde(
        default,
        rename = "detectionRuleUUIDs",
        skip_serializing_if = "Option::is_none"
    )]
    pub detection_rule_uuids: Option<Vec<String>>,
    /// Inline detection rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection_rules: Option<Vec<WireDetectionRule>>,
    /// Bytes of context around findings (0–40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_bytes: Option<i64>,
    /// Redaction for detectors without their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_redaction_config: Option<WireRedactionConfig>,
    /// Where to send alerts when a scan has findings (ignored by the CLI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_config: Option<crate::scan::WireAlertConfig>,
}

/// A detection rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireDetectionRule {
    /// The rule's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `ANY` (default) or `ALL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logical_op: Option<String>,
    /// The detectors.
    #[serde(default)]
    pub detectors: Vec<WireDetectorSpec>,
}

/// `{pattern, isCaseSensitive}`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireRegex {
    /// The pattern.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Case-sensitive (default false).
    #[serde(default)]
    pub is_case_sensitive: Option<bool>,
}

/// `{values, isCaseSensitive}`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireWordList {
    /// The words.
    #[serde(default)]
    pub values: Option<Vec<String>>,
    /// Case-sensitive (default false).
    #[serde(default)]
    pub is_case_sensitive: Option<bool>,
}

/// A detector of a rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireDetectorSpec {
    /// `NIGHTFALL_DETECTOR`, `REGEX` or `WORD_LIST`; inferred from the other fields when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detector_type: Option<String>,
    /// The native detector's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nightfall_detector: Option<String>,
    /// The custom regex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<WireRegex>,
    /// The custom word list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_list: Option<WireWordList>,
    /// A stored detector's UUID (resolved by the server), or the UUID to report.
    #[serde(
        default,
        rename = "detectorUUID",
        skip_serializing_if = "Option::is_none"
    )]
    pub detector_uuid: Option<String>,
    /// Threshold (default `LIKELY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<String>,
    /// Minimum findings (≤ 0 counts as 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_num_findings: Option<i64>,
    /// Replaces the native name in findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Context rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_rules: Option<Vec<WireContextRule>>,
    /// Exclusion rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion_rules: Option<Vec<WireExclusionRule>>,
    /// Redaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redaction_config: Option<WireRedactionConfig>,
}

/// `{windowBefore, windowAfter}`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireProximity {
    /// Characters before.
    #[serde(default)]
    pub window_before: Option<i64>,
    /// Characters after.
    #[serde(default)]
    pub window_after: Option<i64>,
}

/// `{fixedConfidence}`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireConfidenceAdjustment {
    /// The confidence set by the rule.
    #[serde(default)]
    pub fixed_confidence: Option<String>,
}

/// A context rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireContextRule {
    /// The context regex.
    #[serde(default)]
    pub regex: Option<WireRegex>,
    /// The window.
    #[serde(default)]
    pub proximity: Option<WireProximity>,
    /// The confidence to set.
    #[serde(default)]
    pub confidence_adjustment: Option<WireConfidenceAdjustment>,
}

/// An exclusion rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireExclusionRule {
    /// `FULL` or `PARTIAL`.
    #[serde(default)]
    pub match_type: Option<String>,
    /// `REGEX` or `WORD_LIST`.
    #[serde(default)]
    pub exclusion_type: Option<String>,
    /// The regex.
    #[serde(default)]
    pub regex: Option<WireRegex>,
    /// The words.
    #[serde(default)]
    pub word_list: Option<WireWordList>,
}

/// A redaction config: exactly one method, plus `removeFinding`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireRedactionConfig {
    /// Masking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_config: Option<WireMaskConfig>,
    /// Substitution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitution_config: Option<WireSubstitutionConfig>,
    /// Detector-name substitution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub info_type_substitution_config: Option<serde_json::Value>,
    /// Encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crypto_config: Option<WireCryptoConfig>,
    /// Withhold the raw finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_finding: Option<bool>,
}

/// `maskConfig`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireMaskConfig {
    /// One character (default `*`).
    #[serde(default)]
    pub masking_char: Option<String>,
    /// Characters kept verbatim.
    #[serde(default)]
    pub chars_to_ignore: Option<Vec<String>>,
    /// Characters left readable.
    #[serde(default)]
    pub num_chars_to_leave_unmasked: Option<i64>,
    /// Readable characters at the end (Go, Java, Node, docs).
    #[serde(default)]
    pub mask_left_to_right: Option<bool>,
    /// The Python SDK's name for the same switch.
    #[serde(default)]
    pub mask_right_to_left: Option<bool>,
}

/// `substitutionConfig`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireSubstitutionConfig {
    /// The phrase.
    #[serde(default)]
    pub substitution_phrase: Option<String>,
}

/// `cryptoConfig`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireCryptoConfig {
    /// PEM public key.
    #[serde(default)]
    pub public_key: Option<String>,
}

/// A string that counts as absent when empty or blank.
fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn confidence(
    field: &str,
    value: &Option<String>,
    default: Confidence,
) -> Result<Confidence, PolicyError> {
    match present(value) {
        None => Ok(default),
        Some(name) => Confidence::parse(name).ok_or_else(|| {
            PolicyError::new(format!("{field}: {name:?} is not a confidence (VERY_UNLIKELY, UNLIKELY, POSSIBLE, LIKELY, VERY_LIKELY)"))
        }),
    }
}

fn regex_spec(field: &str, r: &Option<WireRegex>) -> Result<engine::RegexSpec, PolicyError> {
    let r = r
        .as_ref()
        .ok_or_else(|| PolicyError::new(format!("{field}: regex is required")))?;
    let pattern = r
        .pattern
        .clone()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| PolicyError::new(format!("{field}: regex.pattern is required")))?;
    Ok(engine::RegexSpec {
        pattern,
        case_sensitive: r.is_case_sensitive.unwrap_or(false),
    })
}

fn word_list_spec(
    field: &str,
    w: &Option<WireWordList>,
) -> Result<engine::WordListSpec, PolicyError> {
    let w = w
        .as_ref()
        .ok_or_else(|| PolicyError::new(format!("{field}: wordList is required")))?;
    let values = w.values.clone().unwrap_or_default();
    if values.iter().all(|v| v.trim().is_empty()) {
        return Err(PolicyError::new(format!(
            "{field}: wordList.values must hold at least one word"
        )));
    }
    Ok(engine::WordListSpec {
        values,
        case_sensitive: w.is_case_sensitive.unwrap_or(false),
    })
}

fn non_negative(field: &str, v: Option<i64>) -> Result<usize, PolicyError> {
    match v {
        None => Ok(0),
        Some(n) if n >= 0 => Ok(n as usize),
        Some(n) => Err(PolicyError::new(format!(
            "{field}: must not be negative, got {n}"
        ))),
    }
}

impl WireRedactionConfig {
    /// Converts, checking that exactly one method is set.
    pub fn to_engine(&self, field: &str) -> Result<engine::RedactionConfig, PolicyError> {
        let mut methods = Vec::new();
        if let Some(m) = &self.mask_config {
            let masking_char = match present(&m.masking_char) {
                None => '*',
                Some(s) => {
                    let mut chars = s.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => c,
                        _ => {
                            return Err(PolicyError::new(format!(
                                "{field}.maskConfig.maskingChar: must be one character"
                            )))
                        }
                    }
                }
            };
            let mut chars_to_ignore = Vec::new();
            for s in m.chars_to_ignore.iter().flatten() {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => chars_to_ignore.push(c),
                    (None, _) => {}
                    _ => {
                        return Err(PolicyError::new(format!(
                            "{field}.maskConfig.charsToIgnore: {s:?} is not one character"
                        )))
                    }
                }
            }
            methods.push(engine::RedactionMethod::Mask(engine::MaskConfig {
                masking_char,
                chars_to_ignore,
                num_chars_to_leave_unmasked: non_negative(
                    &format!("{field}.maskConfig.numCharsToLeaveUnmasked"),
                    m.num_chars_to_leave_unmasked,
                )?,
                unmasked_at_end: m.mask_left_to_right.unwrap_or(false)
                    || m.mask_right_to_left.unwrap_or(false),
            }));
        }
        if let Some(s) = &self.substitution_config {
            methods.push(engine::RedactionMethod::Substitute(
                s.substitution_phrase.clone().unwrap_or_default(),
            ));
        }
        if self
            .info_type_substitution_config
            .as_ref()
            .is_some_and(|v| !v.is_null())
        {
            methods.push(engine::RedactionMethod::InfoType);
        }
        if let Some(c) = &self.crypto_config {
            let public_key_pem = present(&c.public_key)
                .ok_or_else(|| {
                    PolicyError::new(format!("{field}.cryptoConfig.publicKey is required"))
                })?
                .to_string();
            methods.push(engine::RedactionMethod::Encrypt { public_key_pem });
        }
        match methods.len() {
            1 => Ok(engine::RedactionConfig { method: methods.remove(0), remove_finding: self.remove_finding.unwrap_or(false) }),
            0 => Err(PolicyError::of(PolicyErrorKind::RedactionMethods, format!(
                "{field}: set one of maskConfig, substitutionConfig, infoTypeSubstitutionConfig, cryptoConfig"
            ))),
            _ => Err(PolicyError::of(PolicyErrorKind::RedactionMethods, format!("{field}: set only one redaction method, found {}", methods.len()))),
        }
    }
}

impl WireDetectorSpec {
    /// Converts one detector. `field` names it in errors, such as
    /// `detectionRules[0].detectors[1]`.
    pub fn to_engine(&self, field: &str) -> Result<engine::DetectorSpec, PolicyError> {
        let kind_name = present(&self.detector_type)
            .map(str::to_ascii_uppercase)
            .or_else(|| {
                if present(&self.nightfall_detector).is_some() {
                    Some("NIGHTFALL_DETECTOR".into())
                } else if self.regex.is_some() {
                    Some("REGEX".into())
                } else if self.word_list.is_some() {
                    Some("WORD_LIST".into())
                } else {
                    None
                }
            });
        let kind = match kind_name.as_deref() {
            Some("NIGHTFALL_DETECTOR") => engine::DetectorKind::Native(
                present(&self.nightfall_detector)
                    .ok_or_else(|| {
                        PolicyError::new(format!(
                            "{field}: nightfallDetector is required for NIGHTFALL_DETECTOR"
                        ))
                    })?
                    .to_string(),
            ),
            Some("REGEX") => engine::DetectorKind::Regex(regex_spec(field, &self.regex)?),
            Some("WORD_LIST") => {
                engine::DetectorKind::WordList(word_list_spec(field, &self.word_list)?)
            }
            Some(other) => {
                return Err(PolicyError::new(format!(
                    "{field}: detectorType {other:?} is not NIGHTFALL_DETECTOR, REGEX or WORD_LIST"
                )))
            }
            None => {
                return Err(PolicyError::new(format!(
                    "{field}: needs a detectorType (or a detectorUUID of a stored detector)"
                )))
            }
        };
        let mut spec = engine::DetectorSpec::new(kind);
        spec.display_name = present(&self.display_name).map(str::to_string);
        spec.uuid = present(&self.detector_uuid).map(str::to_string);
        spec.min_confidence = confidence(
            &format!("{field}.minConfidence"),
            &self.min_confidence,
            Confidence::Likely,
        )?;
        spec.min_num_findings = self
            .min_num_findings
            .unwrap_or(1)
            .clamp(1, i64::from(u32::MAX)) as u32;
        for (i, cr) in self.context_rules.iter().flatten().enumerate() {
            let f = format!("{field}.contextRules[{i}]");
            let proximity = cr.proximity.clone().unwrap_or_default();
            let fixed = cr
                .confidence_adjustment
                .as_ref()
                .and_then(|a| a.fixed_confidence.clone());
            if present(&fixed).is_none() {
                return Err(PolicyError::new(format!(
                    "{f}.confidenceAdjustment.fixedConfidence is required"
                )));
            }
            spec.context_rules.push(engine::ContextRule {
                regex: regex_spec(&f, &cr.regex)?,
                window_before: non_negative(
                    &format!("{f}.proximity.windowBefore"),
                    proximity.window_before,
                )?,
                window_after: non_negative(
                    &format!("{f}.proximity.windowAfter"),
                    proximity.window_after,
                )?,
                fixed_confidence: confidence(
                    &format!("{f}.confidenceAdjustment.fixedConfidence"),
                    &fixed,
                    Confidence::Likely,
                )?,
            });
        }
        for (i, ex) in self.exclusion_rules.iter().flatten().enumerate() {
            let f = format!("{field}.exclusionRules[{i}]");
            let match_type = match present(&ex.match_type)
                .map(str::to_ascii_uppercase)
                .as_deref()
            {
                Some("FULL") | None => engine::MatchType::Full,
                Some("PARTIAL") => engine::MatchType::Partial,
                Some(other) => {
                    return Err(PolicyError::new(format!(
                        "{f}.matchType: {other:?} is not FULL or PARTIAL"
                    )))
                }
            };
            let exclusion_type = present(&ex.exclusion_type)
                .map(str::to_ascii_uppercase)
                .or_else(|| {
                    if ex.regex.is_some() {
                        Some("REGEX".into())
                    } else if ex.word_list.is_some() {
                        Some("WORD_LIST".into())
                    } else {
                        None
                    }
                });
            let matcher = match exclusion_type.as_deref() {
                Some("REGEX") => engine::ExclusionMatcher::Regex(regex_spec(&f, &ex.regex)?),
                Some("WORD_LIST") => {
                    engine::ExclusionMatcher::WordList(word_list_spec(&f, &ex.word_list)?)
                }
                Some(other) => {
                    return Err(PolicyError::new(format!(
                        "{f}.exclusionType: {other:?} is not REGEX or WORD_LIST"
                    )))
                }
                None => {
                    return Err(PolicyError::new(format!(
                        "{f}: needs exclusionType with a regex or wordList"
                    )))
                }
            };
            spec.exclusion_rules.push(engine::ExclusionRule {
                match_type,
                matcher,
            });
        }
        spec.redaction = self
            .redaction_config
            .as_ref()
            .map(|r| r.to_engine(&format!("{field}.redactionConfig")))
            .transpose()?;
        Ok(spec)
    }
}

impl WireDetectionRule {
    /// Converts one rule; `index` (0-based) names unnamed rules `Inline Detection Rule #N`.
    pub fn to_engine(
        &self,
        index: usize,
        uuid: Option<String>,
    ) -> Result<engine::DetectionRule, PolicyError> {
        let field = format!("detectionRules[{index}]");
        let logical_op = match present(&self.logical_op)
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("ANY") => engine::LogicalOp::Any,
            Some("ALL") => engine::LogicalOp::All,
            Some(other) => {
                return Err(PolicyError::new(format!(
                    "{field}.logicalOp: {other:?} is not ANY or ALL"
                )))
            }
        };
        if self.detectors.is_empty() {
            return Err(PolicyError::new(format!(
                "{field}.detectors: at least one detector is required"
            )));
        }
        let detectors = self
            .detectors
            .iter()
            .enumerate()
            .map(|(i, d)| d.to_engine(&format!("{field}.detectors[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(engine::DetectionRule {
            name: present(&self.name)
                .map(str::to_string)
                .unwrap_or_else(|| format!("Inline Detection Rule #{}", index + 1)),
            uuid,
            logical_op,
            detectors,
        })
    }
}

impl WirePolicy {
    /// Converts the inline parts of a policy (rules by UUID are the server's to resolve and
    /// append). `max_context_bytes` is the API's limit (40).
    pub fn to_engine(&self, max_context_bytes: usize) -> Result<engine::ScanPolicy, PolicyError> {
        let context_bytes = non_negative("contextBytes", self.context_bytes)
            .map_err(|e| PolicyError::of(PolicyErrorKind::ContextBytes, e.message))?;
        if context_bytes > max_context_bytes {
            return Err(PolicyError::of(
                PolicyErrorKind::ContextBytes,
                format!("contextBytes: at most {max_context_bytes}, got {context_bytes}"),
            ));
        }
        let rules = self
            .detection_rules
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, r)| r.to_engine(i, None))
            .collect::<Result<Vec<_>, _>>()?;
        let default_redaction = self
            .default_redaction_config
            .as_ref()
            .map(|r| r.to_engine("defaultRedactionConfig"))
            .transpose()?;
        Ok(engine::ScanPolicy {
            rules,
            context_bytes,
            default_redaction,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_what_the_sdks_send() {
        // Go-style zero values and nulls, Python's maskRightToLeft, minNumFindings 0.
        let json = r#"{
          "detectionRuleUUIDs": null,
          "detectionRules": [{"name": "", "logicalOp": "ANY", "detectors": [
            {"detectorType": "NIGHTFALL_DETECTOR", "nightfallDetector": "CREDIT_CARD_NUMBER", "displayName": "",
             "minConfidence": "LIKELY", "minNumFindings": 0, "contextRules": null, "exclusionRules": null,
             "redactionConfig": {"maskConfig": {"maskingChar": "👀", "numCharsToLeaveUnmasked": 3, "charsToIgnore": ["-"], "maskRightToLeft": true}},
             "somethingNew": 1}
          ]}],
          "contextBytes": 0
        }"#;
        let wire: WirePolicy = serde_json::from_str(json).unwrap();
        let policy = wire.to_engine(40).unwrap();
        let rule = &policy.rules[0];
        assert_eq!(rule.name, "Inline Detection Rule #1");
        let d = &rule.detectors[0];
        assert_eq!(d.min_num_findings, 1);
        assert!(d.display_name.is_none());
        match &d.redaction.as_ref().unwrap().method {
            engine::RedactionMethod::Mask(m) => {
                assert_eq!(m.masking_char, '👀');
                assert!(m.unmasked_at_end);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn reads_a_toml_rule_file() {
        let toml_text = r#"
            contextBytes = 10
            [[detectionRules]]
            name = "Secrets"
            logicalOp = "ANY"
            [[detectionRules.detectors]]
            nightfallDetector = "CREDIT_CARD_NUMBER"
            minConfidence = "POSSIBLE"
            [[detectionRules.detectors]]
            detectorType = "REGEX"
            displayName = "Ticket code"
            regex = { pattern = "TK-[0-9]{6}", isCaseSensitive = true }
        "#;
        let wire: WirePolicy = toml::from_str(toml_text).unwrap();
        let policy = wire.to_engine(40).unwrap();
        assert_eq!(policy.context_bytes, 10);
        assert_eq!(policy.rules[0].detectors.len(), 2);
        assert_eq!(
            policy.rules[0].detectors[0].min_confidence,
            Confidence::Possible
        );
    }

    #[test]
    fn errors_name_the_field() {
        let bad: WirePolicy = serde_json::from_str(
            r#"{"detectionRules":[{"detectors":[{"detectorType":"REGEX","regex":{"pattern":"x"},"minConfidence":"SURE"}]}]}"#,
        )
        .unwrap();
        let err = bad.to_engine(40).unwrap_err().to_string();
        assert!(
            err.starts_with("detectionRules[0].detectors[0].minConfidence"),
            "{err}"
        );
        let two: WireRedactionConfig = serde_json::from_str(
            r#"{"maskConfig":{},"substitutionConfig":{"substitutionPhrase":"x"}}"#,
        )
        .unwrap();
        assert!(two
            .to_engine("redactionConfig")
            .unwrap_err()
            .to_string()
            .contains("only one"));
        let ctx: WirePolicy = serde_json::from_str(r#"{"contextBytes": 41}"#).unwrap();
        assert_eq!(
            ctx.to_engine(40).unwrap_err().kind,
            PolicyErrorKind::ContextBytes
        );
    }
}
