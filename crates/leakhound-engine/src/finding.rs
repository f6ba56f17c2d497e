//! What a scan reports.

use crate::confidence::Confidence;
use crate::detector::Check;
use std::fmt;
use std::ops::Range;

/// A sensitive value found in a text.
///
/// The matched value itself is reachable only through [`Finding::value`]; `Debug` prints the
/// redacted form, so a finding can be logged or put in an error without leaking what it found.
#[derive(Clone)]
pub struct Finding {
    /// The detector that found it.
    pub detector: DetectorRef,
    pub(crate) value: String,
    /// The redacted form from the detector's (or the default) redaction config, if any.
    pub redacted: Option<String>,
    /// When true, the raw value must not be returned to the API caller (`removeFinding`).
    pub remove_finding: bool,
    /// How sure the engine is.
    pub confidence: Confidence,
    /// Byte offsets in the scanned text, end exclusive.
    pub byte_range: Range<usize>,
    /// Code-point offsets in the scanned text, end exclusive.
    pub codepoint_range: Range<usize>,
    /// Where the redacted value stands in the redacted copy of the text, when it was redacted.
    pub redacted_location: Option<RedactedLocation>,
    /// Up to `context_bytes` bytes before the finding (cut on a character boundary).
    pub before_context: String,
    /// Up to `context_bytes` bytes after the finding.
    pub after_context: String,
    /// The detection rules this finding satisfied.
    pub matched_rules: Vec<MatchedRule>,
    /// Why the engine reported it.
    pub explanation: Explanation,
}

impl Finding {
    /// The matched text. Sensitive: keep it in memory, never in logs or default reports.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// A safe form of the value: the configured redaction, or the value with only its first
    /// three characters readable.
    pub fn safe_fragment(&self) -> String {
        match &self.redacted {
            Some(r) => r.clone(),
            None => crate::redact::preview(&self.value, 3),
        }
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("detector", &self.detector.name)
            .field("value", &crate::redact::preview(&self.value, 3))
            .field("confidence", &self.confidence)
            .field("byte_range", &self.byte_range)
            .field("codepoint_range", &self.codepoint_range)
            .field("matched_rules", &self.matched_rules)
            .finish_non_exhaustive()
    }
}

/// Which detector produced a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetectorRef {
    /// The display name if the rule gave one, else the native name (or the custom detector's
    /// name).
    pub name: String,
    /// The detector's UUID, when it has one.
    pub uuid: Option<String>,
    /// The native detector's scan-API name, for native detectors.
    pub native: Option<&'static str>,
}

/// A detection rule a finding satisfied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedRule {
    /// The rule's name.
    pub name: String,
    /// The rule's UUID, when stored.
    pub uuid: Option<String>,
}

/// Where a redacted value stands in the redacted copy of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedactedLocation {
    /// Byte offsets in the redacted text.
    pub byte_range: Range<usize>,
    /// Code-point offsets in the redacted text.
    pub codepoint_range: Range<usize>,
}

/// Why a finding was reported: the pattern that found it, what the validator said, and the
/// words and rules that moved its confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The name of the pattern that matched (`card-grouped`, `github-pat`, or `custom-regex`).
    pub pattern: &'static str,
    /// The validator's outcome.
    pub check: Check,
    /// Confidence before context.
    pub base_confidence: Confidence,
    /// Context words found near the finding that raised it (`supporting`) or lowered it.
    pub context_words: ContextWords,
    /// Set when a rule's context rule fixed the confidence.
    pub context_rule: Option<Confidence>,
}

/// The context words of one finding: at most one supporting and one opposing word, kept
/// inline (a slice by `Deref`) so that scoring a candidate allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ContextWords {
    words: [ContextWord; 2],
    len: u8,
}

impl ContextWords {
    /// Adds a word; a candidate has one supporting and one opposing word at most, and a
    /// third is not kept.
    pub(crate) fn push(&mut self, word: ContextWord) {
        if let Some(slot) = self.words.get_mut(usize::from(self.len)) {
            *slot = word;
            self.len += 1;
        }
    }
}

impl Default for ContextWords {
    fn default() -> ContextWords {
        let none = ContextWord {
            word: "",
            supporting: false,
        };
        ContextWords {
            words: [none; 2],
            len: 0,
        }
    }
}

impl std::ops::Deref for ContextWords {
    type Target = [ContextWord];
    fn deref(&self) -> &[ContextWord] {
        &self.words[..usize::from(self.len)]
    }
}

impl fmt::Debug for ContextWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A word near a finding that moved its confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContextWord {
    /// The word, as the detector lists it.
    pub word: &'static str,
    /// True for a word that supports the type, false for one against it.
    pub supporting: bool,
}

impl fmt::Display for ContextWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            if self.supporting { '+' } else { '-' },
            self.word.trim()
        )
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern {}", self.pattern)?;
        match self.check {
            Check::Passed(what) => write!(f, ", {what} passed")?,
            Check::Failed(what) => write!(f, ", {what} failed")?,
            Check::FormatOnly => write!(f, ", format only")?,
        }
        write!(f, ", base {}", self.base_confidence)?;
        for (i, word) in self.context_words.iter().enumerate() {
            write!(f, "{}{word}", if i == 0 { ", context " } else { " " })?;
        }
        if let Some(c) = self.context_rule {
            write!(f, ", context rule set {c}")?;
        }
        Ok(())
    }
}

/// The result of scanning one text. `Debug` shows the findings (redacted) and only the length
/// of the redacted text, which still holds every unredacted part of the input.
#[derive(Clone, Default)]
pub struct ScanOutcome {
    /// The findings, ordered by position, then detector name.
    pub findings: Vec<Finding>,
    /// The text with every redacted finding replaced, when at least one finding was redacted.
    pub redacted_text: Option<String>,
}

impl fmt::Debug for ScanOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScanOutcome")
            .field("findings", &self.findings)
            .field(
                "redacted_text_len",
                &self.redacted_text.as_ref().map(String::len),
            )
            .finish()
    }
}
