//! The rule model of the scan API, as plain Rust types: detection rules, detectors, context
//! and exclusion rules, and redaction configs. The wire format (JSON, TOML) is mapped onto these
//! types elsewhere; the engine itself knows no serialization.

use crate::confidence::Confidence;

/// What a scan looks for and how findings are reported: the scan API's `policy`.
#[derive(Clone, Debug, Default)]
pub struct ScanPolicy {
    /// The detection rules; a finding is reported when it satisfies at least one of them.
    pub rules: Vec<DetectionRule>,
    /// Bytes of text before and after each finding to return as context (0 = none, max 40).
    pub context_bytes: usize,
    /// Applied to every detector that has no redaction config of its own.
    pub default_redaction: Option<RedactionConfig>,
}

/// A named set of detectors combined with ANY (or) or ALL (and).
#[derive(Clone, Debug)]
pub struct DetectionRule {
    /// Shown in findings as the matched rule. Inline rules without a name are called
    /// `Inline Detection Rule #N` by the API layer.
    pub name: String,
    /// The rule's stable UUID, when it is stored (reported in `matchedDetectionRuleUUIDs`).
    pub uuid: Option<String>,
    /// How the detectors combine.
    pub logical_op: LogicalOp,
    /// The detectors.
    pub detectors: Vec<DetectorSpec>,
}

/// How the detectors of a rule combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogicalOp {
    /// A finding of any triggered detector is reported.
    #[default]
    Any,
    /// Findings are reported only when every detector of the rule triggers in the same text.
    All,
}

/// One detector of a rule, with its thresholds and refinements.
#[derive(Clone, Debug)]
pub struct DetectorSpec {
    /// What finds candidates.
    pub kind: DetectorKind,
    /// Replaces the native name in findings (`detector.name`).
    pub display_name: Option<String>,
    /// The detector's UUID, reported as `detector.uuid`.
    pub uuid: Option<String>,
    /// Findings below this confidence are dropped.
    pub min_confidence: Confidence,
    /// The detector triggers only with at least this many findings in one text (values ≤ 0
    /// count as 1, as the SDKs send 0 for unset).
    pub min_num_findings: u32,
    /// Regexes near a finding that set its confidence.
    pub context_rules: Vec<ContextRule>,
    /// Regexes or words that drop a finding.
    pub exclusion_rules: Vec<ExclusionRule>,
    /// How this detector's findings are redacted.
    pub redaction: Option<RedactionConfig>,
}

impl DetectorSpec {
    /// A spec for a native detector with the defaults of the scan API (`minConfidence`
    /// LIKELY, one finding).
    pub fn native(name: &str) -> DetectorSpec {
        DetectorSpec::new(DetectorKind::Native(name.to_string()))
    }

    /// A spec for `kind` with the defaults (`minConfidence` LIKELY, one finding).
    pub fn new(kind: DetectorKind) -> DetectorSpec {
        DetectorSpec {
            kind,
            display_name: None,
            uuid: None,
            min_confidence: Confidence::Likely,
            min_num_findings: 1,
            context_rules: Vec::new(),
            exclusion_rules: Vec::new(),
            redaction: None,
        }
    }
}

/// What finds a detector's candidates.
#[derive(Clone, Debug)]
pub enum DetectorKind {
    /// A native detector by its scan-API name, such as `CREDIT_CARD_NUMBER`.
    Native(String),
    /// A custom regex (RE2-like syntax).
    Regex(RegexSpec),
    /// A custom list of words or phrases.
    WordList(WordListSpec),
}

/// A user-supplied regex.
#[derive(Clone, Debug)]
pub struct RegexSpec {
    /// The pattern.
    pub pattern: String,
    /// Case-sensitive matching (the scan API's `isCaseSensitive`).
    pub case_sensitive: bool,
}

/// A user-supplied list of words.
#[derive(Clone, Debug)]
pub struct WordListSpec {
    /// The words or phrases, matched literally.
    pub values: Vec<String>,
    /// Case-sensitive matching.
    pub case_sensitive: bool,
}

/// Sets a finding's confidence when a regex matches near it.
#[derive(Clone, Debug)]
pub struct ContextRule {
    /// The context pattern.
    pub regex: RegexSpec,
    /// Characters before the finding to search.
    pub window_before: usize,
    /// Characters after the finding to search.
    pub window_after: usize,
    /// The confidence a finding gets when the regex matches in the window.
    pub fixed_confidence: Confidence,
}

/// Drops findings that match a regex or a word list.
#[derive(Clone, Debug)]
pub struct ExclusionRule {
    /// Whole finding (`FULL`) or any part of it (`PARTIAL`).
    pub match_type: MatchType,
    /// What is matched against the finding.
    pub matcher: ExclusionMatcher,
}

/// What an exclusion rule matches with.
#[derive(Clone, Debug)]
pub enum ExclusionMatcher {
    /// A regex.
    Regex(RegexSpec),
    /// A list of words.
    WordList(WordListSpec),
}

/// How much of a finding an exclusion must cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchType {
    /// The exclusion must match the whole finding.
    Full,
    /// A match anywhere inside the finding suffices.
    Partial,
}

/// How a finding is redacted: one method, and whether the raw finding is withheld.
#[derive(Clone, Debug)]
pub struct RedactionConfig {
    /// The method.
    pub method: RedactionMethod,
    /// When true, the API omits the raw `finding` and returns only the redacted one.
    pub remove_finding: bool,
}

/// The redaction methods of the scan API.
#[derive(Clone, Debug)]
pub enum RedactionMethod {
    /// Replace characters with a masking character.
    Mask(MaskConfig),
    /// Replace the finding with a phrase.
    Substitute(String),
    /// Replace the finding with its detector's name, as `[CREDIT_CARD_NUMBER]`.
    InfoType,
    /// Encrypt the finding with an RSA public key (PEM, PKCS#1 or SPKI); the result is
    /// base64 of RSA-OAEP(SHA-256).
    Encrypt {
        /// The PEM text of the public key.
        public_key_pem: String,
    },
}

/// The masking method's parameters.
#[derive(Clone, Debug)]
pub struct MaskConfig {
    /// The character that replaces masked characters (default `*`).
    pub masking_char: char,
    /// Characters kept verbatim and not counted (for example `-` in card numbers).
    pub chars_to_ignore: Vec<char>,
    /// How many characters stay readable.
    pub num_chars_to_leave_unmasked: usize,
    /// When true the readable characters are at the end (the scan API's `maskLeftToRight`,
    /// alias `maskRightToLeft` in the Python SDK); otherwise at the start.
    pub unmasked_at_end: bool,
}

impl Default for MaskConfig {
    fn default() -> Self {
        MaskConfig {
            masking_char: '*',
            chars_to_ignore: Vec::new(),
            num_chars_to_leave_unmasked: 0,
            unmasked_at_end: false,
        }
    }
}
