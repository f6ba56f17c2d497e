//! US_PASSPORT: US passport book and card numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Nine digits (books issued before 2021) or a letter and eight digits (next-generation
/// books, and passport cards starting with C), only near the word "passport". The number has
/// no check digit and its shape is shared with countless other numbers, so it is reported at
/// `LIKELY` only when the word "passport" stands near it and no booking or order word does.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_PASSPORT",
    description:
        "US passport numbers (9 digits, or a letter and 8 digits), only near the word passport",
    patterns: &[Pattern::near(
        "us-passport-near-keyword",
        r"(?-u:\b)(?:[A-Z][0-9]{8}|[0-9]{9})(?-u:\b)",
        &["passport"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passport"],
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
            "phone",
            "case #",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 204,
    examples: &[
        Example {
            text: "My passport number is 518249301 and it expires in 2031.",
            finds: &["518249301"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "US passport: A43912087, issued 2019",
            finds: &["A43912087"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Passport No. 712504968 (United States of America)",
            finds: &["712504968"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Attached a scan of my passport card, number C03005988.",
            finds: &["C03005988"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Passport renewal order 518249301 is processing.",
        "Flight booking 518249301 confirmed for Tuesday.",
        "passport 111111111 is clearly a test value",
        "My passport photo was rejected, ticket 902384761.",
        "The form wants passport number 123456789 as an example.",
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
            validate("518249301").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(
            validate("A43912087").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(validate("000000000"), None);
        assert_eq!(validate("123456789"), None);
        assert_eq!(validate("C12345678"), None);
    }
}
