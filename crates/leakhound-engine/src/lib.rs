//! The leakhound detection engine: finds sensitive values (card numbers, SSNs, API keys,
//! passwords, …) in text, scores them, applies detection rules and redacts them.
//!
//! ```
//! use leakhound_engine::{ScanPolicy, Scanner};
//!
//! let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
//! let outcome = scanner.scan("card 4111 1111 1111 1111 ok");
//! assert_eq!(outcome.findings[0].detector.name, "CREDIT_CARD_NUMBER");
//! assert_eq!(outcome.findings[0].byte_range, 5..24);
//! ```
//!
//! Invariants:
//! - No I/O, no async, no serialization: callers map their wire formats onto [`rules`].
//! - Compiling a policy can fail; scanning cannot. [`Scanner::scan`] never panics.
//! - One pass of one multi-pattern regex finds the candidates of every detector; validators,
//!   context and rules run on candidates only.
//! - Matched values are reachable only through [`Finding::value`]; `Debug` shows them redacted.
//! - Every range is on character boundaries of the scanned text.

pub mod catalogue;
pub mod check;
mod compile;
pub mod confidence;
pub mod detector;
pub mod detectors;
pub mod finding;
mod keyword_trie;
mod lazy_regex;
mod match_starts;
mod overlap;
pub mod redact;
pub mod registry;
mod required;
pub mod rules;
mod scan;
mod span_checks;
mod table;
pub mod text;
pub mod validate;
mod value_split;
mod value_trim;
mod words;

pub use compile::{CompileError, MAX_CUSTOM_PATTERN_BYTES, MAX_WORD_LIST_VALUES};
pub use confidence::Confidence;
pub use finding::{
    ContextWord, ContextWords, DetectorRef, Explanation, Finding, MatchedRule, RedactedLocation,
    ScanOutcome,
};
pub use rules::{
    ContextRule, DetectionRule, DetectorKind, DetectorSpec, ExclusionMatcher, ExclusionRule,
    LogicalOp, MaskConfig, MatchType, RedactionConfig, RedactionMethod, RegexSpec, ScanPolicy,
    WordListSpec,
};
pub use scan::{scan_once, Scanner};

/// Native detectors that run only when a rule names them, not in [`ScanPolicy::default_rules`]:
/// the combinations, which report again under another name what their parts report, and the
/// "common entity" and dictionary detectors (names, places, plain dates, diagnosis and drug
/// words), which Nightfall's own guidance says to combine with others or require in numbers,
/// and whose word lists are most of the cost of a scan.
pub const OPT_IN_DETECTORS: &[&str] = &[
    "PROTECTED_HEALTH_INFORMATION",
    "HIPAA_DEFINED_PII",
    "PERSON_NAME",
    "LOCATION",
    "DATE",
    "ICD9_DIAGNOSIS_DESCRIPTION",
    "ICD10_DIAGNOSIS_DESCRIPTION",
    "FDA_NATIONAL_DRUG_NAME",
];

impl ScanPolicy {
    /// One rule, "Every detector", with every native detector, the combinations included, at
    /// `minConfidence` LIKELY: what the accuracy evaluation measures. The parts of a
    /// combination are named too, so they report under their own names as well.
    pub fn every_detector() -> ScanPolicy {
        let mut policy = ScanPolicy::default_rules();
        policy.rules[0].name = "Every detector".into();
        policy.rules[0].detectors = registry::NATIVE_DETECTORS
            .iter()
            .map(|d| DetectorSpec::native(d.name))
            .collect();
        policy
    }

    /// The default policy: one rule, "Default", with every native detector at `minConfidence`
    /// LIKELY, except those in [`OPT_IN_DETECTORS`].
    pub fn default_rules() -> ScanPolicy {
        ScanPolicy {
            rules: vec![DetectionRule {
                name: "Default".into(),
                uuid: None,
                logical_op: LogicalOp::Any,
                detectors: registry::NATIVE_DETECTORS
                    .iter()
                    .filter(|d| !OPT_IN_DETECTORS.contains(&d.name))
                    .map(|d| DetectorSpec::native(d.name))
                    .collect(),
            }],
            context_bytes: 0,
            default_redaction: None,
        }
    }
}
