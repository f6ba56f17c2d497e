//! UK_TAXPAYER_REFERENCE: HMRC Unique Taxpayer References (UTR).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::utr;

/// Ten digits (often 5 5, sometimes followed by K) whose first digit checks the other nine.
/// One ten-digit number in eleven passes, so a UTR is only a candidate near tax words.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_TAXPAYER_REFERENCE",
    description:
        "UK Unique Taxpayer References (10 digits, HMRC check digit) near UTR and tax words",
    patterns: &[Pattern::near(
        "uk-utr",
        r"(?-u:\b)(?P<value>[0-9]{5} ?[0-9]{5})K?(?-u:\b)",
        &[
            "utr",
            "taxpayer reference",
            "self assessment",
            "self-assessment",
            "hmrc",
            "tax reference",
        ],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "utr",
            "taxpayer reference",
            "self assessment",
            "self-assessment",
            "hmrc",
            "tax reference",
            "tax return",
        ],
        opposing: &[
            "order", "invoice", "tracking", "phone", "tel:", "mobile", "sku", "ticket", "ref:",
            "ref#",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 150,
    examples: &[
        Example {
            text: "My UTR is 1955839661, I file self assessment every January.",
            finds: &["1955839661"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "HMRC letter quotes unique taxpayer reference 38473 01562.",
            finds: &["38473 01562"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "UTR: 1530918274K (from the SA302)",
            finds: &["1530918274"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Please add 7662049183 to my profile - it is my HMRC UTR.",
            finds: &["7662049183"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // First digit does not match the check.
        "UTR 2955839661 was rejected by the HMRC portal.",
        "Order 1955839661 shipped, no tax invoice needed.",
        "HMRC helpline phone 3119283747 is busy.",
        "Self assessment deadline is 31 January; ticket 1234567890 is open.",
        "UTR 0000000000 entered as a placeholder.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b.iter().filter(|c| c.is_ascii_digit()).all(|&c| c == b[0]) {
        return None;
    }
    utr::is_valid(text).then_some(Verdict::passed(Confidence::Likely, "utr-check-digit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("1955839661"), Some(Confidence::Likely));
        assert_eq!(c("38473 01562"), Some(Confidence::Likely));
        assert_eq!(c("2955839661"), None);
        assert_eq!(c("0000000000"), None);
    }
}
