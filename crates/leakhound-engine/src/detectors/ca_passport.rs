//! CANADA_PASSPORT: Canadian passport numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Two letters and six digits (`AB123456`, the format since 2013 ePassports), only near
/// "passport" / "passeport". No check digit: `POSSIBLE` by format, `LIKELY` with the word.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_PASSPORT",
    description:
        "Canadian passport numbers (2 letters + 6 digits), only near the word passport or passeport",
    patterns: &[Pattern::near(
        "ca-passport-near-keyword",
        r"(?-u:\b)[A-Z]{2}[0-9]{6}(?-u:\b)",
        &["passport", "passeport"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passport", "passeport"],
        opposing: &[
            "order",
            "invoice",
            "tracking",
            "booking",
            "confirmation",
            "ref:",
            "ref#",
            "ref ",
            "reference",
            "ticket",
            "flight",
            "seat",
            "case #",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 212,
    examples: &[
        Example {
            text: "Canadian passport number GK418273, expires 2030",
            finds: &["GK418273"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Passport: HP602914 (Canada)",
            finds: &["HP602914"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "numéro de passeport : AN839201",
            finds: &["AN839201"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "passport # ZR550318 was reported lost",
            finds: &["ZR550318"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Passport appointment ref: AB718293",
        "Flight AC123456 booking for the passport office trip",
        "passport GA000000 is a test value",
        "Passport number: 1234567 is too short",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    crate::detector::format_only_unless_filler(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            validate("GK418273").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(validate("GA000000"), None);
        assert_eq!(validate("AB123456"), None);
    }
}
